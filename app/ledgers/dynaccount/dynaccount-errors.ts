import type { NetworkContext } from "../http-failure";
import { ledgerHttpError, ledgerNetworkError, parseRetryAfter, reading } from "../http-failure";
import type { LedgerError } from "../ledger-error";
import { refusalScope } from "../ledger-error";
import { type DynaccountErrorReading, readDynaccountErrorBody } from "./dynaccount-error-body";

export const DYNACCOUNT = "dynaccount";

export interface DynaccountResponseFailure {
  status: number;
  /** Parsed JSON body, or the raw text when the body was not JSON. */
  body: unknown;
  retryAfter?: string | null;
  /** What we were doing, for the logs: "create the invoice", "look up the customer". */
  operation: string;
  existingId?: string;
}

export function translateDynaccountFailure(failure: DynaccountResponseFailure): LedgerError {
  const { status, operation } = failure;
  const seen = readDynaccountErrorBody(failure.body);
  const reason = seen.reason;
  return ledgerHttpError(
    DYNACCOUNT,
    {
      status,
      reason,
      providerCode: seen.authField,
      detail: `HTTP ${status} while trying to ${operation}${reason ? `: ${reason}` : ""}`,
      retryAfterMs: parseRetryAfter(failure.retryAfter) ?? 1_000,
      authKey: "ledgerError.dynaccount.credentials",
    },
    dynaccountReading(failure, seen),
  );
}

/** Dynaccount names the field at fault, even on a 200: the fields decide before the status. */
function dynaccountReading(
  { status, existingId }: DynaccountResponseFailure,
  { fields, reason, conflict, authField }: DynaccountErrorReading,
) {
  if (status === 429 || fields.includes("rate_limit"))
    return reading("rateLimited", "ledgerError.rateLimited");
  if (status === 401 || status === 403 || authField)
    return reading("authentication", "ledgerError.dynaccount.credentials");
  if (status >= 500) return undefined;
  if (status === 409 || conflict)
    return reading("conflict", "ledgerError.duplicate", existingId ? { existingId } : {});
  if (status === 404 && !fields.includes("id")) return reading("unknown", "ledgerError.unknownRequest");
  const refused = fields.length > 0 || [400, 404, 422].includes(status);
  return refused ? reading("validation", "ledgerError.refused", refusalScope(reason)) : undefined;
}

export const translateDynaccountNetworkError = (error: unknown, context: NetworkContext): LedgerError =>
  ledgerNetworkError(DYNACCOUNT, error, context);
