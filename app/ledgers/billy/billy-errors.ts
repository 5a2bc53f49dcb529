import type { FailureReading } from "../http-failure";
import {
  ledgerHttpError,
  ledgerNetworkError,
  ledgerUnreadableAnswer,
  parseRetryAfter,
} from "../http-failure";
import type { LedgerError } from "../ledger-error";
import { parseBillyErrorBody } from "./billy-error-body";

/** Billy publishes no rate limit and does not always say how long to wait. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;

export interface BillyCallContext {
  method: string;
  path: string;
  /** What we were doing, for the logs: "create the invoice". */
  action: string;
}

const AUTH_CODES = new Set(["AUTHENTICATION_REQUIRED", "OAUTH_INVALID_ACCESS_TOKEN"]);
const DUPLICATE = /already (in use|exists|used|taken)|is not unique|must be unique|duplicate|allerede/i;

/** Translates a non-2xx HTTP answer from Billy. */
export function billyHttpError(
  status: number,
  text: string,
  headers: Headers,
  context: BillyCallContext,
): LedgerError {
  const body = parseBillyErrorBody(text);
  const code = body.errorCode;
  const said = [...Object.values(body.attributes), body.errorMessage ?? ""];
  const refused = status < 500 && status !== 403 && status !== 429;
  let reading: FailureReading | undefined;
  if (status === 401 || (code && AUTH_CODES.has(code))) {
    reading = { kind: "authentication", messageKey: "ledgerError.billy.unauthorized" };
  } else if (status === 409 || (refused && said.some((t) => DUPLICATE.test(t)))) {
    reading = { kind: "conflict", messageKey: "ledgerError.duplicate" };
  }
  const failure = {
    status,
    reason: body.reason,
    providerCode: code,
    detail: `${operation(context)} (${context.action}) → HTTP ${status}${code ? ` ${code}` : ""}${body.reason ? `: ${body.reason}` : ""}`,
    retryAfterMs: parseRetryAfter(headers.get("retry-after")) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
    authKey: "ledgerError.billy.forbidden",
  } as const;
  return ledgerHttpError("billy", failure, reading);
}

const operation = (context: BillyCallContext) => `${context.method} ${context.path}`;

/** Translates a request that got no HTTP answer: timeout, refused or reset connection. */
export const billyNetworkError = (error: unknown, context: BillyCallContext & { timedOut: boolean }) =>
  ledgerNetworkError("billy", error, { operation: operation(context), timedOut: context.timedOut });

/** A 2xx answer whose body is not what Billy documents. */
export const billyUnexpectedResponse = (context: BillyCallContext, detail: string): LedgerError =>
  ledgerUnreadableAnswer("billy", operation(context), detail);
