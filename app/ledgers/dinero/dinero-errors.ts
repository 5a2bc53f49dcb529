import { z } from "zod";
import { LedgerError, parseRetryAfter, refusalScope } from "../ledger-error";

/**
 * The one place where Dinero's failures become `LedgerError`s: API error bodies
 * (`{ code, message, validationErrors, languageSpecificMessages }`), the OAuth error bodies of its
 * token hosts, bare HTTP statuses, timeouts and network resets.
 */

export const DINERO_PROVIDER = "dinero";

/** Dinero's documented and client-observed error codes. */
export const DINERO_ERROR_CODE = {
  notFound: 40,
  unauthorized: 41,
  validation: 42,
  limitExceeded: 43,
  noProLegacy: 48,
  timestampOutdated: 58,
  voucherNotFound: 63,
  duplicatedEntity: 72,
  noPro: 90,
} as const;

const errorBodySchema = z.object({
  code: z.coerce.number().nullish(),
  message: z.string().nullish(),
  validationErrors: z.record(z.string(), z.unknown()).nullish(),
  languageSpecificMessages: z
    .array(z.object({ property: z.string().nullish(), message: z.string().nullish() }))
    .nullish(),
  errorMessageList: z
    .array(z.object({ Code: z.unknown().nullish(), Message: z.string().nullish() }))
    .nullish(),
});

export type DineroErrorBody = z.infer<typeof errorBodySchema>;

export interface DineroResponseFailure {
  status: number;
  headers: Headers;
  text: string;
}

export interface DineroErrorContext {
  /** What we were doing, for logs ("create invoice"). */
  operation: string;
  /** The Guid we sent on a create, so a duplicate can name the existing record. */
  sentGuid?: string;
}

export function parseDineroErrorBody(text: string): DineroErrorBody | undefined {
  try {
    const parsed = errorBodySchema.safeParse(lowerFirstKeys(JSON.parse(text)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function dineroErrorFromResponse(
  failure: DineroResponseFailure,
  context: DineroErrorContext,
): LedgerError {
  const { status } = failure;
  const body = parseDineroErrorBody(failure.text);
  const code = body?.code ?? undefined;
  const messages = collectMessages(body);
  const detail = `${context.operation}: HTTP ${status}${code !== undefined ? ` code ${code}` : ""}${messages.length ? ` — ${messages.join("; ")}` : failure.text ? ` — ${failure.text.slice(0, 200)}` : ""}`;
  const base = {
    provider: DINERO_PROVIDER,
    httpStatus: status,
    detail,
    ...(code !== undefined ? { providerCode: String(code) } : {}),
  };

  if (status === 401) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage: "Dinero no longer accepts our access. Reconnect Dinero in Settings.",
    });
  }
  if (status === 403) {
    if (code === DINERO_ERROR_CODE.noPro || code === DINERO_ERROR_CODE.noProLegacy) {
      return new LedgerError({
        ...base,
        kind: "authentication",
        merchantMessage:
          "Your Dinero organisation has no active Pro subscription, which Dinero requires for integrations. Upgrade to Dinero Pro or Total, then try again.",
      });
    }
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage:
        "The connected Dinero login has no access to this organisation. Reconnect Dinero in Settings with a user who can open it.",
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(failure.headers.get("retry-after")) ?? 60_000;
    return new LedgerError({
      ...base,
      kind: "rateLimited",
      retryAfterMs,
      merchantMessage:
        "Dinero asked us to slow down (more than 100 requests a minute). The transfer continues automatically.",
    });
  }
  if (status === 409 || code === DINERO_ERROR_CODE.duplicatedEntity || mentions(body, /guidMustBeUnique/i)) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      ...(context.sentGuid ? { existingId: context.sentGuid } : {}),
      merchantMessage: "This record already exists in Dinero; the existing one is used.",
    });
  }
  if (code === DINERO_ERROR_CODE.timestampOutdated) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      merchantMessage:
        "The document was changed in Dinero at the same time. Retry the transfer to use the latest version.",
    });
  }
  if (hasIssue(body, "Number", /in use|taken|already/i)) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      merchantMessage:
        "That invoice number is already used in Dinero. Turn off fixed invoice numbers in Settings, or fix the numbering in Dinero, then retry.",
    });
  }
  if (mentions(body, /already booked/i)) {
    return new LedgerError({
      ...base,
      kind: "conflict",
      merchantMessage: "The document is already booked in Dinero.",
    });
  }
  if (status === 413) {
    return new LedgerError({
      ...base,
      kind: "validation",
      merchantMessage: "The file is larger than Dinero accepts (6 MB).",
    });
  }
  if (status === 400 || status === 404) {
    const notFound =
      code === DINERO_ERROR_CODE.voucherNotFound || code === DINERO_ERROR_CODE.notFound || status === 404;
    return new LedgerError({
      ...base,
      kind: "validation",
      ...(notFound ? {} : refusalScope(...messages)),
      merchantMessage: notFound
        ? "Dinero could not find the document or record. It may have been deleted in Dinero."
        : `Dinero rejected the data${messages.length ? `: ${messages.slice(0, 3).join("; ")}` : ""}. Check the accounts and settings chosen for Dinero.`,
    });
  }
  if (status === 480) {
    // Brownout: Dinero randomly fails a deprecated endpoint before removing it; a retry may pass.
    return new LedgerError({
      ...base,
      kind: "unavailable",
      merchantMessage:
        "Dinero is retiring an endpoint this app uses. Update Ledger Bridge; the transfer will be retried.",
    });
  }
  if (status >= 500) {
    return new LedgerError({
      ...base,
      kind: "unavailable",
      merchantMessage:
        "Dinero is not responding properly right now. The transfer will be retried automatically.",
    });
  }
  return new LedgerError({
    ...base,
    kind: "unknown",
    merchantMessage: "Dinero returned an unexpected answer. Contact support if this keeps happening.",
  });
}

export type DineroGrant = "apiKey" | "authorizationCode" | "refreshToken";

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().nullish() });

/** Token hosts answer RFC 6749 errors (`{ error: "invalid_grant" }`), not Dinero's API shape. */
export function dineroErrorFromTokenResponse(
  failure: DineroResponseFailure,
  grant: DineroGrant,
): LedgerError {
  if (failure.status === 429 || failure.status >= 500)
    return dineroErrorFromResponse(failure, { operation: "token request" });
  let parsed: z.infer<typeof oauthErrorSchema> | undefined;
  try {
    const result = oauthErrorSchema.safeParse(JSON.parse(failure.text));
    parsed = result.success ? result.data : undefined;
  } catch {
    parsed = undefined;
  }
  const error = parsed?.error ?? "";
  const detail = `token request (${grant}): HTTP ${failure.status} ${error}${parsed?.error_description ? ` — ${parsed.error_description}` : ""}`;
  const base = {
    provider: DINERO_PROVIDER,
    httpStatus: failure.status,
    detail,
    kind: "authentication" as const,
    ...(error ? { providerCode: error } : {}),
  };
  if (error === "invalid_client" || error === "unauthorized_client") {
    return new LedgerError({
      ...base,
      merchantMessage:
        "Dinero rejected the client ID or client secret. Check them in Settings, or reconnect Dinero.",
    });
  }
  if (grant === "apiKey") {
    return new LedgerError({
      ...base,
      merchantMessage:
        "Dinero rejected the API key. Create a new API key in Dinero and enter it in Settings.",
    });
  }
  if (grant === "refreshToken") {
    return new LedgerError({
      ...base,
      merchantMessage: "Your Dinero login has expired or was revoked. Reconnect Dinero in Settings.",
    });
  }
  return new LedgerError({
    ...base,
    merchantMessage: "Connecting to Dinero failed. Start the connection again from Settings.",
  });
}

/** Timeouts and connection failures: the request may or may not have reached Dinero. */
export function dineroErrorFromNetwork(
  error: unknown,
  context: { operation: string; timedOut: boolean; timeoutMs: number },
): LedgerError {
  const cause =
    error instanceof Error ? `${error.name}: ${error.message}${describeCause(error)}` : String(error);
  if (context.timedOut) {
    return new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "unavailable",
      detail: `${context.operation}: no answer within ${context.timeoutMs} ms`,
      merchantMessage: "Dinero did not answer in time. The transfer will be retried automatically.",
    });
  }
  return new LedgerError({
    provider: DINERO_PROVIDER,
    kind: "unavailable",
    detail: `${context.operation}: ${cause}`,
    merchantMessage: "The connection to Dinero failed. The transfer will be retried automatically.",
  });
}

function collectMessages(body: DineroErrorBody | undefined): string[] {
  if (!body) return [];
  const messages: string[] = [];
  for (const [property, value] of Object.entries(body.validationErrors ?? {})) {
    const text = Array.isArray(value) ? value.join(", ") : String(value);
    messages.push(property.startsWith("globalErrors") ? text : `${property}: ${text}`);
  }
  if (messages.length === 0) {
    for (const entry of body.languageSpecificMessages ?? []) if (entry.message) messages.push(entry.message);
    for (const entry of body.errorMessageList ?? []) if (entry.Message) messages.push(entry.Message);
  }
  if (messages.length === 0 && body.message) messages.push(body.message);
  return [...new Set(messages)];
}

function mentions(body: DineroErrorBody | undefined, pattern: RegExp): boolean {
  return (
    collectMessages(body).some((message) => pattern.test(message)) ||
    Object.keys(body?.validationErrors ?? {}).some((key) => pattern.test(key))
  );
}

function hasIssue(body: DineroErrorBody | undefined, property: string, pattern: RegExp): boolean {
  const value = body?.validationErrors?.[property];
  return value !== undefined && pattern.test(Array.isArray(value) ? value.join(" ") : String(value));
}

/** Some Dinero endpoints answer `Code`/`Message`; normalise to the usual camelCase keys. */
function lowerFirstKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), inner]),
  );
}

function describeCause(error: Error): string {
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error)
    return ` (${(cause as Error & { code?: string }).code ?? cause.name}: ${cause.message})`;
  return "";
}
