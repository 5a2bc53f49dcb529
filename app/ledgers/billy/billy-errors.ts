import { z } from "zod";
import { LedgerError, parseRetryAfter, refusalScope } from "../ledger-error";

/**
 * The one place that turns Billy's failures into `LedgerError`. Billy answers errors with
 * `{ meta: { statusCode, success: false }, errorMessage, errorCode, errorTime, helpUrl }`, and
 * validation failures (422) add `validationErrors: { <record>: { message, attributes } }`.
 */

const PROVIDER = "billy";

/** Billy publishes no rate limit and does not always say how long to wait. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 10_000;

const errorBodySchema = z.object({
  errorMessage: z.string().nullish(),
  errorCode: z.string().nullish(),
  validationErrors: z
    .record(
      z.string(),
      z.object({
        message: z.string().nullish(),
        attributes: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .nullish(),
});

export interface BillyCallContext {
  method: string;
  path: string;
  /** What we were doing, for the merchant: "create the invoice". */
  action: string;
}

const DUPLICATE = /already (in use|exists|used|taken)|is not unique|must be unique|duplicate|allerede/i;

interface ParsedBody {
  errorMessage?: string;
  errorCode?: string;
  messages: string[];
  attributes: Record<string, string>;
}

function parseBody(text: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { messages: [], attributes: {} };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { messages: [], attributes: {} };
  const attributes: Record<string, string> = {};
  const messages: string[] = [];
  for (const record of Object.values(parsed.data.validationErrors ?? {})) {
    for (const [key, value] of Object.entries(record.attributes ?? {})) {
      if (typeof value === "string") attributes[key] = value;
    }
    if (record.message) messages.push(record.message);
  }
  return {
    ...(parsed.data.errorMessage ? { errorMessage: parsed.data.errorMessage } : {}),
    ...(parsed.data.errorCode ? { errorCode: parsed.data.errorCode } : {}),
    messages,
    attributes,
  };
}

/** Translates a non-2xx HTTP answer from Billy. */
export function billyHttpError(
  status: number,
  bodyText: string,
  headers: Headers,
  context: BillyCallContext,
): LedgerError {
  const body = parseBody(bodyText);
  const providerCode = body.errorCode;
  const reason = describe(body);
  const detail = `${context.method} ${context.path} → HTTP ${status}${providerCode ? ` ${providerCode}` : ""}${reason ? `: ${reason}` : ""}`;
  const base = { provider: PROVIDER, httpStatus: status, detail, ...(providerCode ? { providerCode } : {}) };

  if (
    status === 401 ||
    providerCode === "AUTHENTICATION_REQUIRED" ||
    providerCode === "OAUTH_INVALID_ACCESS_TOKEN"
  ) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage:
        "Billy rejected the access token. Create a new access token in Billy under Settings → Access tokens and reconnect Billy in Settings.",
    });
  }
  if (status === 403) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage:
        "Billy refused access to this company with the saved access token. Check that the token belongs to the right company, then reconnect Billy in Settings.",
    });
  }
  if (status === 429) {
    return new LedgerError({
      ...base,
      kind: "rateLimited",
      retryAfterMs: parseRetryAfter(headers.get("retry-after")) ?? DEFAULT_RATE_LIMIT_WAIT_MS,
      merchantMessage:
        "Billy is receiving too many requests right now. The transfer continues automatically in a moment.",
    });
  }
  if (status >= 500) {
    return new LedgerError({
      ...base,
      kind: "unavailable",
      merchantMessage: "Billy is temporarily unavailable. The transfer will be retried automatically.",
    });
  }
  if (
    status === 409 ||
    Object.values(body.attributes).some((message) => DUPLICATE.test(message)) ||
    DUPLICATE.test(body.errorMessage ?? "")
  ) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      merchantMessage: `Billy already has this record, so it could not ${context.action}${reason ? ` (${reason})` : ""}.`,
    });
  }
  if (status === 404) {
    return new LedgerError({
      ...base,
      kind: "validation",
      merchantMessage: `Billy could not ${context.action}: the record was not found in Billy (it may have been deleted there).`,
    });
  }
  if (status === 400 || status === 422) {
    return new LedgerError({
      ...base,
      kind: "validation",
      ...refusalScope(reason),
      merchantMessage: `Billy could not ${context.action}${reason ? `: ${reason}` : ""}. Correct this in Billy or in the order, then retry the transfer.`,
    });
  }
  return new LedgerError({
    ...base,
    kind: "unknown",
    merchantMessage: `Billy answered with an unexpected error (HTTP ${status}) when trying to ${context.action}. Try again later; contact support if it persists.`,
  });
}

/** Translates a request that got no HTTP answer: timeout, refused or reset connection. */
export function billyNetworkError(
  error: unknown,
  context: BillyCallContext & { timedOut: boolean },
): LedgerError {
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new LedgerError({
    provider: PROVIDER,
    kind: "unavailable",
    detail: `${context.method} ${context.path} → ${context.timedOut ? "timed out" : cause}`,
    merchantMessage: context.timedOut
      ? "Billy did not answer in time. The transfer will be retried automatically."
      : "Could not reach Billy. The transfer will be retried automatically.",
  });
}

/** A 2xx answer whose body is not what Billy documents. */
export function billyUnexpectedResponse(context: BillyCallContext, detail: string): LedgerError {
  return new LedgerError({
    provider: PROVIDER,
    kind: "unknown",
    detail: `${context.method} ${context.path} → unexpected response: ${detail}`,
    merchantMessage: `Billy sent an answer we could not read when trying to ${context.action}. Check the document in Billy before retrying.`,
  });
}

/** Our own checks on what Billy computed or holds (totals, VAT, settings) fail. */
export function billyValidationError(merchantMessage: string, detail?: string): LedgerError {
  return new LedgerError({
    provider: PROVIDER,
    kind: "validation",
    merchantMessage,
    ...(detail ? { detail } : {}),
  });
}

/** The same conflict, now naming the record that already exists. */
export function billyConflict(
  existingId: string,
  merchantMessage: string,
  original?: LedgerError,
): LedgerError {
  return new LedgerError({
    provider: PROVIDER,
    kind: "conflict",
    existingId,
    merchantMessage,
    ...(original?.httpStatus !== undefined ? { httpStatus: original.httpStatus } : {}),
    ...(original?.providerCode ? { providerCode: original.providerCode } : {}),
    detail: original ? original.message : merchantMessage,
  });
}

function describe(body: ParsedBody): string {
  const attributeMessages = Object.values(body.attributes);
  const parts =
    attributeMessages.length > 0
      ? attributeMessages
      : body.messages.length > 0
        ? body.messages
        : [body.errorMessage ?? ""];
  return [...new Set(parts.filter(Boolean))].join(" ").trim();
}
