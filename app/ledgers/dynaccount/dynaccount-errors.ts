import { z } from "zod";
import { LedgerError, parseRetryAfter, refusalScope } from "../ledger-error";

/**
 * The one place that turns Dynaccount's answers into `LedgerError`s. Dynaccount reports errors
 * as `{"error": {<field>: <message>}}` (bulk inserts: `{"error": {<line>: {<field>: <message>}}}`);
 * public sources document no status codes, so the body is classified even on a 200.
 */

export const DYNACCOUNT = "dynaccount";

const errorValueSchema: z.ZodType<unknown> = z.union([
  z.string(),
  z.number(),
  z.array(z.unknown()),
  z.record(z.string(), z.unknown()),
]);

export const dynaccountErrorBodySchema = z.object({ error: errorValueSchema });

const AUTH_FIELDS = new Set(["api_id", "api_key", "api_secret", "hash", "x_hash", "auth"]);
const CONFLICT_PATTERN =
  /already exists|already invoiced|already booked|duplicate|not unique|findes allerede/i;
const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;

export interface DynaccountFieldError {
  /** Field path, e.g. `name` or `2.product_id_` for line 2 of a bulk insert. */
  field: string;
  message: string;
}

/** Flattens the nested error object into field/message pairs, like the official library does. */
export function flattenDynaccountErrors(error: unknown, prefix = ""): DynaccountFieldError[] {
  if (typeof error === "string" || typeof error === "number") {
    return [{ field: prefix || "error", message: String(error) }];
  }
  if (Array.isArray(error)) return error.flatMap((item) => flattenDynaccountErrors(item, prefix));
  if (error && typeof error === "object") {
    return Object.entries(error).flatMap(([key, value]) =>
      flattenDynaccountErrors(value, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [];
}

export interface DynaccountResponseFailure {
  status: number;
  /** Parsed JSON body, or the raw text when the body was not JSON. */
  body: unknown;
  retryAfter?: string | null;
  /** What we were doing, for the merchant: "create the invoice", "look up the customer". */
  operation: string;
  existingId?: string;
}

export function translateDynaccountFailure(failure: DynaccountResponseFailure): LedgerError {
  const { status, operation } = failure;
  const parsed = dynaccountErrorBodySchema.safeParse(failure.body);
  const fieldErrors = parsed.success ? flattenDynaccountErrors(parsed.data.error) : [];
  const detailText = fieldErrors.map((e) => `${e.field}: ${e.message}`).join("; ");
  const detail = `HTTP ${status} while trying to ${operation}${detailText ? `: ${detailText}` : ""}`;
  const base = { provider: DYNACCOUNT, httpStatus: status, detail };
  const topFields = fieldErrors.map((e) => e.field.split(".").pop() ?? e.field);

  if (status === 429 || topFields.includes("rate_limit")) {
    return new LedgerError({
      ...base,
      kind: "rateLimited",
      retryAfterMs: parseRetryAfter(failure.retryAfter) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
      merchantMessage:
        "Dynaccount asked us to slow down. The transfer will be retried automatically in a moment.",
    });
  }
  if (status === 401 || status === 403 || topFields.some((field) => AUTH_FIELDS.has(field))) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      providerCode: topFields.find((field) => AUTH_FIELDS.has(field)),
      merchantMessage:
        "Dynaccount rejected the API credentials. Copy the API ID, API key and API secret again from " +
        "Administration > Virksomheder in Dynaccount and reconnect Dynaccount in Settings.",
    });
  }
  if (status >= 500) {
    return new LedgerError({
      ...base,
      kind: "unavailable",
      merchantMessage: "Dynaccount is temporarily unavailable. The transfer will be retried automatically.",
    });
  }
  if (status === 409 || fieldErrors.some((e) => CONFLICT_PATTERN.test(e.message))) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      ...(failure.existingId ? { existingId: failure.existingId } : {}),
      merchantMessage: `Dynaccount already has this record, so we could not ${operation} again${detailText ? ` (${detailText})` : ""}.`,
    });
  }
  if (status === 404 && !topFields.includes("id")) {
    return new LedgerError({
      ...base,
      kind: "unknown",
      merchantMessage: `Dynaccount did not recognise our request to ${operation}. Please contact Ledger Bridge support.`,
    });
  }
  if (fieldErrors.length > 0 || status === 400 || status === 404 || status === 422) {
    return new LedgerError({
      ...base,
      kind: "validation",
      ...refusalScope(detailText),
      merchantMessage: `Dynaccount refused to ${operation}${detailText ? `: ${detailText}` : ""}. Correct it in the shop or in Dynaccount, then retry the transfer.`,
    });
  }
  return new LedgerError({
    ...base,
    kind: "unknown",
    merchantMessage: `Dynaccount gave an unexpected answer (HTTP ${status}) when we tried to ${operation}. Please retry later.`,
  });
}

/** A 2xx answer whose body did not have the shape we rely on. */
export function unexpectedDynaccountResponse(operation: string, detail: string): LedgerError {
  return new LedgerError({
    kind: "unknown",
    provider: DYNACCOUNT,
    detail: `Unexpected response while trying to ${operation}: ${detail}`,
    merchantMessage: `Dynaccount gave an answer we did not understand when we tried to ${operation}. Please retry later.`,
  });
}

export function translateDynaccountNetworkError(
  error: unknown,
  context: { operation: string; timedOut: boolean; timeoutMs: number },
): LedgerError {
  if (context.timedOut) {
    return new LedgerError({
      kind: "unavailable",
      provider: DYNACCOUNT,
      detail: `No answer within ${context.timeoutMs} ms while trying to ${context.operation}`,
      merchantMessage: `Dynaccount did not answer in time when we tried to ${context.operation}. The transfer will be retried automatically.`,
    });
  }
  return new LedgerError({
    kind: "unavailable",
    provider: DYNACCOUNT,
    detail: `Network error while trying to ${context.operation}: ${describe(error)}`,
    merchantMessage: `We could not reach Dynaccount when we tried to ${context.operation}. The transfer will be retried automatically.`,
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
