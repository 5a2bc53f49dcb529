import type { FailureReading, NetworkContext } from "../http-failure";
import {
  ledgerHttpError,
  ledgerNetworkError,
  ledgerUnreadableAnswer,
  parseRetryAfter,
} from "../http-failure";
import type { LedgerError } from "../ledger-error";
import { refusalScope } from "../ledger-error";
import { dynaccountErrorBodySchema, flattenDynaccountErrors } from "./dynaccount-error-body";

export const DYNACCOUNT = "dynaccount";

const AUTH_FIELDS = new Set(["api_id", "api_key", "api_secret", "hash", "x_hash", "auth"]);
const CONFLICT = /already exists|already invoiced|already booked|duplicate|not unique|findes allerede/i;

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
  const parsed = dynaccountErrorBodySchema.safeParse(failure.body);
  const errors = parsed.success ? flattenDynaccountErrors(parsed.data.error) : [];
  const reason = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  const fields = errors.map((e) => e.field.split(".").pop() ?? e.field);
  const seen = { fields, reason, conflict: errors.some((e) => CONFLICT.test(e.message)) };
  return ledgerHttpError(
    DYNACCOUNT,
    {
      status,
      reason,
      providerCode: fields.find((field) => AUTH_FIELDS.has(field)),
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
  { fields, reason, conflict }: { fields: string[]; reason: string; conflict: boolean },
): FailureReading | undefined {
  if (status === 429 || fields.includes("rate_limit"))
    return { kind: "rateLimited", messageKey: "ledgerError.rateLimited" };
  if (status === 401 || status === 403 || fields.some((field) => AUTH_FIELDS.has(field))) {
    return { kind: "authentication", messageKey: "ledgerError.dynaccount.credentials" };
  }
  if (status >= 500) return undefined;
  if (status === 409 || conflict) {
    return { kind: "conflict", messageKey: "ledgerError.duplicate", ...(existingId ? { existingId } : {}) };
  }
  if (status === 404 && !fields.includes("id"))
    return { kind: "unknown", messageKey: "ledgerError.unknownRequest" };
  if (fields.length > 0 || [400, 404, 422].includes(status)) {
    return { kind: "validation", messageKey: "ledgerError.refused", ...refusalScope(reason) };
  }
  return undefined;
}

/** A 2xx answer whose body did not have the shape we rely on. */
export const unexpectedDynaccountResponse = (operation: string, detail: string): LedgerError =>
  ledgerUnreadableAnswer(DYNACCOUNT, operation, detail);

export const translateDynaccountNetworkError = (error: unknown, context: NetworkContext): LedgerError =>
  ledgerNetworkError(DYNACCOUNT, error, context);
