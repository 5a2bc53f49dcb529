import { originalJson, originalText } from "../lib/storable-text";
import type { Locale } from "./messages";
import { isMessageKey, renderMessage } from "./render-message";

/**
 * Why a job failed, as stored in its `lastError`: the English text, and — when Ledger Bridge
 * itself wrote it — the catalogue key and parameters to show it in the merchant's language.
 */
export interface JobErrorText {
  message: string;
  key: string | null;
  params: Record<string, string | number> | null;
}

/** Reads a job's stored `lastError` (storable form decoded), or null when it has no message. */
export function jobErrorOf(lastError: unknown): JobErrorText | null {
  if (typeof lastError !== "object" || lastError === null || Array.isArray(lastError)) return null;
  const stored = lastError as Record<string, unknown>;
  if (typeof stored.message !== "string") return null;
  const params = stored.params;
  return {
    message: originalText(stored.message),
    key: typeof stored.messageKey === "string" ? stored.messageKey : null,
    params:
      typeof params === "object" && params !== null && !Array.isArray(params)
        ? originalJson(params as Record<string, string | number>)
        : null,
  };
}

/**
 * The failure in `locale`: the catalogue's text when the key is known (a parameter that is itself
 * a key is translated first), else the stored text as it was written (a ledger's own words).
 */
export function jobErrorText(locale: Locale, error: JobErrorText | null): string | null {
  if (!error) return null;
  if (!isMessageKey(locale, error.key)) return error.message;
  return renderMessage(locale, error.key, error.params ?? {});
}
