import type { SimResponse } from "../kit/router";

/**
 * Dinero's error responses as clients have captured them: a JSON body with a numeric `code`
 * (40 not found, 41 unauthorized, 42 validation, 58 timestamp outdated, 63 unknown voucher guid,
 * 72 duplicated entity, 90 no Pro subscription), a `message`, and for validation errors a
 * `validationErrors` map plus `languageSpecificMessages`. The spec itself documents no error
 * schema, so only keys seen in real responses are produced.
 */

export interface ValidationIssue {
  property: string;
  message: string;
}

export function validationError(issues: ValidationIssue[]): SimResponse {
  const validationErrors: Record<string, string> = {};
  for (const issue of issues) validationErrors[issue.property] ??= issue.message;
  return {
    status: 400,
    body: {
      code: 42,
      message: "Validation Error",
      validationErrors,
      languageSpecificMessages: issues.map((issue) => ({ property: issue.property, message: issue.message })),
    },
  };
}

/** What Dinero answers when the body is absent or not JSON (php-dinero issue #9). */
export function missingModel(): SimResponse {
  return validationError([
    { property: "globalErrors[]", message: "The following models are missing: model" },
  ]);
}

export function timestampOutdated(): SimResponse {
  return {
    status: 400,
    body: {
      code: 58,
      message: "Timestamp is outdated. Fetch the latest version of the entity and use its timestamp.",
    },
  };
}

export function voucherNotFound(kind: "Invoice" | "CreditNote", guid: string): SimResponse {
  return { status: 400, body: { code: 63, message: `Invalid ${kind}Guid '${guid}'. No results found.` } };
}

export function notFound(message = "Not found"): SimResponse {
  return { status: 404, body: { code: 40, message } };
}

export function duplicatedEntity(guid: string): SimResponse {
  return {
    status: 409,
    body: { code: 72, message: `Duplicated entity. An entity with the guid '${guid}' already exists.` },
  };
}

export function forbidden(): SimResponse {
  return { status: 403, body: { code: 41, message: "Unauthorized" } };
}

export function noProSubscription(): SimResponse {
  return {
    status: 403,
    body: {
      code: 90,
      message: "The organization does not have an active Pro subscription, which is required to use the API.",
    },
  };
}

/** The bearer middleware rejects before any Dinero code runs: empty body plus the challenge header. */
export function unauthorized(reason: "missing" | "invalid"): SimResponse {
  return {
    status: 401,
    headers: {
      "www-authenticate":
        reason === "missing"
          ? "Bearer"
          : 'Bearer error="invalid_token", error_description="The access token is invalid or has expired"',
    },
  };
}

/**
 * Dinero's limiter answers 429 with a plain-text body starting "API calls quota exceeded!"
 * (the AspNetCoreRateLimit wording) and a Retry-After in seconds.
 */
export function quotaExceeded(limit: number, windowMs: number, retryAfterSeconds: number): SimResponse {
  const period = windowMs % 60_000 === 0 ? `${windowMs / 60_000}m` : `${Math.ceil(windowMs / 1000)}s`;
  return {
    status: 429,
    headers: { "retry-after": String(Math.max(1, retryAfterSeconds)) },
    body: `API calls quota exceeded! maximum admitted ${limit} per ${period}.`,
  };
}

export function serverError(): SimResponse {
  return { status: 500, body: { code: 0, message: "An error has occurred." } };
}
