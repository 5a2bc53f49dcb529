import type { MessageKey } from "../i18n/messages";
import type { MessageParams } from "../i18n/render-message";
import type { AppErrorInit, ErrorKind, ErrorScope } from "../lib/app-error";
import type { LedgerProviderId } from "./ledger-contract";
import { LedgerError, refusalScope } from "./ledger-error";

/**
 * The one translation of a failed ledger call. Every ledger means the same by a status — 401/403
 * rejected credentials, 429 slow down, 5xx unavailable, 404 gone, 400/422 refused data — and the
 * same by a timeout or a dropped connection; a ledger's `<p>-errors.ts` only reads its own body
 * and, where its codes say more than the status, hands over its own reading.
 */

export const LEDGER_NAMES: Record<LedgerProviderId, string> = {
  dinero: "Dinero",
  billy: "Billy",
  economic: "e-conomic",
  dynaccount: "Dynaccount",
};

/** What a ledger's map decided about one answer, when its body says more than the status. */
export interface FailureReading {
  kind: ErrorKind;
  messageKey: MessageKey;
  params?: MessageParams;
  scope?: ErrorScope;
  existingId?: string;
}

/** A ledger map's shorthand for one reading. */
export function reading(
  kind: ErrorKind,
  messageKey: MessageKey,
  more: Omit<FailureReading, "kind" | "messageKey"> = {},
): FailureReading {
  return { kind, messageKey, ...more };
}

export interface HttpFailure {
  status: number;
  /** The ledger's own words on what was wrong ("currency: does not exist"), shown as {reason}. */
  reason: string;
  /** For logs: what we were doing and what came back. Never credentials. */
  detail: string;
  providerCode?: string | undefined;
  /** Parsed from Retry-After or the ledger's headers, or the ledger's default wait. */
  retryAfterMs: number;
  /** Key for a 401/403 (each ledger says where to renew its credentials). */
  authKey: MessageKey;
}

export function readStatus(failure: Pick<HttpFailure, "status" | "reason" | "authKey">): FailureReading {
  const { status, reason } = failure;
  if (status === 401 || status === 403) return { kind: "authentication", messageKey: failure.authKey };
  if (status === 429) return { kind: "rateLimited", messageKey: "ledgerError.rateLimited" };
  if (status >= 500) return { kind: "unavailable", messageKey: "ledgerError.unavailable" };
  if (status === 404) return { kind: "validation", messageKey: "ledgerError.notFound" };
  if (status === 400 || status === 422) {
    return { kind: "validation", messageKey: "ledgerError.refused", ...refusalScope(reason) };
  }
  return { kind: "unknown", messageKey: "ledgerError.unexpectedStatus" };
}

/** The error for a non-2xx answer: the ledger's own reading when it has one, else the status's. */
export function ledgerHttpError(
  provider: LedgerProviderId,
  failure: HttpFailure,
  reading: FailureReading = readStatus(failure),
): LedgerError {
  return new LedgerError({
    provider,
    kind: reading.kind,
    messageKey: reading.messageKey,
    params: {
      ledger: LEDGER_NAMES[provider],
      status: failure.status,
      reason: failure.reason || "ledgerError.noDetails",
      ...reading.params,
    },
    detail: failure.detail,
    httpStatus: failure.status,
    ...(failure.providerCode ? { providerCode: failure.providerCode } : {}),
    ...(reading.kind === "rateLimited" ? { retryAfterMs: failure.retryAfterMs } : {}),
    ...(reading.scope ? { scope: reading.scope } : {}),
    ...(reading.existingId ? { existingId: reading.existingId } : {}),
  });
}

export interface NetworkContext {
  operation: string;
  timedOut: boolean;
  timeoutMs?: number;
}

/** No answer at all (our timeout, a refused or reset connection): the request may have landed. */
export function ledgerNetworkError(
  provider: LedgerProviderId,
  error: unknown,
  context: NetworkContext,
): LedgerError {
  const waited = context.timeoutMs === undefined ? "" : ` within ${context.timeoutMs} ms`;
  return new LedgerError({
    provider,
    kind: "unavailable",
    messageKey: context.timedOut ? "ledgerError.timeout" : "ledgerError.network",
    params: { ledger: LEDGER_NAMES[provider] },
    detail: context.timedOut
      ? `No answer${waited} while trying to ${context.operation}`
      : `Network error while trying to ${context.operation}: ${describeCause(error)}`,
    cause: error,
  });
}

/** A 2xx answer we cannot read: what happened in the ledger is unknown, so nothing is guessed. */
export function ledgerUnreadableAnswer(
  provider: LedgerProviderId,
  operation: string,
  detail: string,
): LedgerError {
  return new LedgerError({
    provider,
    kind: "unknown",
    messageKey: "ledgerError.unreadable",
    params: { ledger: LEDGER_NAMES[provider] },
    detail: `Unexpected answer while trying to ${operation}: ${detail}`,
  });
}

/**
 * A failure a ledger adapter finds itself (a total the ledger computed differently, a setting it
 * lacks), by key; `{ledger}` is always available to the text.
 */
export function ledgerError(
  provider: LedgerProviderId,
  kind: ErrorKind,
  messageKey: MessageKey,
  params: MessageParams = {},
  more: Omit<Partial<AppErrorInit>, "kind" | "provider" | "messageKey" | "params"> = {},
): LedgerError {
  return new LedgerError({
    ...more,
    provider,
    kind,
    messageKey,
    params: { ledger: LEDGER_NAMES[provider], ...params },
  });
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return `${error.name}: ${error.message}`;
  const code = (cause as Error & { code?: string }).code ?? cause.name;
  return `${error.name}: ${error.message} (${code}: ${cause.message})`;
}
