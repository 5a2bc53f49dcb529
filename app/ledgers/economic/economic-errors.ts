import type { NetworkContext } from "../http-failure";
import { ledgerHttpError, ledgerNetworkError, parseRetryAfter, reading } from "../http-failure";
import type { LedgerError } from "../ledger-error";
import { refusalScope } from "../ledger-error";
import type { ParsedEconomicError } from "./economic-error-body";
import { findDuplicate, parseEconomicErrorBody, rateLimitWindow, summarise } from "./economic-error-body";

export const PROVIDER = "economic";

export interface ResponseFailure {
  status: number;
  headers: Headers;
  bodyText: string;
  /** What we were doing, for the logs: "create the invoice". */
  operation: string;
}

export function translateEconomicResponse(failure: ResponseFailure): LedgerError {
  const { status, headers, operation } = failure;
  const parsed = parseEconomicErrorBody(failure.bodyText);
  const summary = summarise(parsed);
  return ledgerHttpError(
    PROVIDER,
    {
      status,
      reason: summary,
      providerCode: parsed.errorCode ?? parsed.fieldErrors.find((error) => error.errorCode)?.errorCode,
      detail: `HTTP ${status} while trying to ${operation}: ${summary || "no details given"}${parsed.logId ? ` (logId ${parsed.logId})` : ""}`,
      retryAfterMs:
        parseRetryAfter(headers.get("retry-after")) ??
        rateLimitWindow(headers.get("x-ratelimiting")) ??
        60_000,
      authKey: status === 401 ? "ledgerError.economic.unauthorized" : "ledgerError.economic.forbidden",
    },
    economicReading(status, parsed, summary),
  );
}

/** A duplicate names the existing record in its `value`; 404/405/415 mean our request was refused. */
function economicReading(status: number, parsed: ParsedEconomicError, summary: string) {
  if (status === 501) return reading("unknown", "ledgerError.unexpectedStatus");
  const duplicate = findDuplicate(parsed);
  if (status === 409 || ((status === 400 || status === 422) && duplicate)) {
    const existing = duplicate?.value === undefined ? {} : { existingId: String(duplicate.value) };
    return reading("conflict", "ledgerError.duplicate", existing);
  }
  const refused = status === 404 || status === 405 || status === 415;
  return refused ? reading("validation", "ledgerError.refused", refusalScope(summary)) : undefined;
}

/** Network failures and our own timeout: the request may or may not have reached e-conomic. */
export const translateEconomicNetworkError = (error: unknown, context: NetworkContext): LedgerError =>
  ledgerNetworkError(PROVIDER, error, context);
