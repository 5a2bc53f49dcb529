import type { Locale, MessageKey } from "./messages";
import type { MessageParams } from "./render-message";
import { isMessageKey, renderMessage } from "./render-message";

/** A parameter that is a text of its own: a keyed message (an error's), or words as they came. */
export type NestedText = { key: string; params?: MessageParams; fallback: string } | string;

/**
 * What an audit entry says, as a catalogue key with parameters, so the order page shows it in
 * the merchant's language. `nested` parameters are texts themselves (the reason of a failure,
 * keyed when Ledger Bridge wrote it). Stored in the entry's data as `messageText`; the entry's
 * `message` keeps the English text for the CLI and logs.
 */
export interface AuditText {
  key: MessageKey;
  params?: MessageParams;
  nested?: Record<string, NestedText>;
}

/** An audit entry's message and its keyed form, to spread into an audit input. */
export function auditText(
  key: MessageKey,
  params: MessageParams = {},
  nested?: Record<string, NestedText>,
): { message: string; messageText: AuditText } {
  const messageText: AuditText = { key, params, ...(nested ? { nested } : {}) };
  return { message: renderAuditText("en", messageText), messageText };
}

/** A failure as a nested parameter: its key and parameters when it has them, else its words. */
export function errorText(error: {
  message: string;
  messageKey?: string;
  params?: MessageParams;
}): NestedText {
  return error.messageKey
    ? { key: error.messageKey, params: error.params ?? {}, fallback: error.message }
    : error.message;
}

export function renderAuditText(locale: Locale, text: AuditText): string {
  const vars: MessageParams = { ...text.params };
  for (const [name, inner] of Object.entries(text.nested ?? {})) vars[name] = renderNestedText(locale, inner);
  return renderMessage(locale, text.key, vars);
}

export function renderNestedText(locale: Locale, text: NestedText): string {
  if (typeof text === "string") return text;
  return isMessageKey(locale, text.key) ? renderMessage(locale, text.key, text.params ?? {}) : text.fallback;
}

/** An entry's data with its keyed text added (data that is not an object is kept beside it). */
export function withAuditText<T>(
  data: T | undefined,
  text: AuditText | undefined,
): T | Record<string, unknown> | undefined {
  if (!text) return data;
  if (data === undefined || data === null) return { messageText: text };
  if (typeof data === "object" && !Array.isArray(data)) return { ...data, messageText: text };
  return { value: data, messageText: text };
}

/** The keyed text an entry's data holds, or null (older entries, or a key this version lacks). */
export function auditTextOf(data: unknown): AuditText | null {
  if (typeof data !== "object" || data === null) return null;
  const text = (data as { messageText?: unknown }).messageText;
  if (typeof text !== "object" || text === null) return null;
  const { key, params, nested } = text as Record<string, unknown>;
  if (!isMessageKey("en", key)) return null;
  return {
    key,
    params: isRecord(params) ? (params as MessageParams) : {},
    ...(isRecord(nested) ? { nested: nested as Record<string, NestedText> } : {}),
  };
}

const isRecord = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

/** Who marked a job handled, in `locale` (older entries name them only in English). */
export function handledByText(locale: Locale, handled: { by: string; byText?: NestedText }): string {
  return handled.byText ? renderNestedText(locale, handled.byText) : handled.by;
}
