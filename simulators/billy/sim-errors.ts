import type { SimResponse } from "../kit/router";

/**
 * Billy's error body. The envelope (`meta.statusCode`, `meta.success`, `errorMessage`,
 * `errorCode`, `errorTime`, `helpUrl`) and the 401/400/404/405 codes are as observed on the
 * live API; validation failures use status 422 with `validationErrors[<root>] = { message,
 * attributes: { <property or propertyId>: message } }`, which is what Billy's own web client
 * (billysbilling/billy-data) reads. Codes for 422/429/5xx are not published: ours are marked
 * SIM_ASSUMED in test/fixtures/billy/error-bodies.json.
 */

export const HELP_URL = "https://www.billy.dk/support/";

export interface BillyErrorBody {
  meta: { statusCode: number; success: false };
  errorMessage: string;
  errorCode: string;
  errorTime: string;
  helpUrl: string;
  validationErrors?: Record<string, { message: string; attributes: Record<string, string> }>;
}

export function billyError(
  status: number,
  errorCode: string,
  errorMessage: string,
  extra: { headers?: Record<string, string>; validationErrors?: BillyErrorBody["validationErrors"] } = {},
): SimResponse {
  const body: BillyErrorBody = {
    meta: { statusCode: status, success: false },
    errorMessage,
    errorCode,
    errorTime: new Date().toISOString(),
    helpUrl: HELP_URL,
    ...(extra.validationErrors ? { validationErrors: extra.validationErrors } : {}),
  };
  return { status, body, ...(extra.headers ? { headers: extra.headers } : {}) };
}

/** Thrown by handlers; the router wrapper turns it into Billy's 422 body. */
export class SimValidationError extends Error {
  constructor(
    readonly root: string,
    readonly attributes: Record<string, string>,
    message?: string,
  ) {
    super(message ?? Object.values(attributes)[0] ?? "Validation failed");
  }
}

/** Thrown by handlers for a record id that does not exist. */
export class SimNotFoundError extends Error {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`No ${resource} with ID ${id} was found.`);
  }
}

export function validationResponse(error: SimValidationError): SimResponse {
  return billyError(422, "VALIDATION_ERROR", error.message, {
    validationErrors: { [error.root]: { message: error.message, attributes: error.attributes } },
  });
}

export const simErrors = {
  authenticationRequired: () =>
    billyError(
      401,
      "AUTHENTICATION_REQUIRED",
      "You must use Basic auth or an OAuth access token to make requests to the API.",
    ),
  invalidAccessToken: () =>
    billyError(401, "OAUTH_INVALID_ACCESS_TOKEN", "The access token is invalid or has been deleted."),
  unknownResource: (path: string) => billyError(404, "UNKNOWN_RESOURCE", `Unknown resource: ${path}`),
  recordNotFound: (error: SimNotFoundError) => billyError(404, "RECORD_NOT_FOUND", error.message),
  methodNotAllowed: (method: string) =>
    billyError(405, "METHOD_NOT_ALLOWED", `The ${method} method is not allowed for this resource.`),
  invalidRequestBody: () => billyError(400, "INVALID_REQUEST_BODY", "Request body must be a JSON object."),
  rateLimited: (retryAfterSeconds: number) =>
    billyError(429, "RATE_LIMIT_EXCEEDED", "Too many requests. Please slow down.", {
      headers: { "retry-after": String(retryAfterSeconds) },
    }),
  serverError: () =>
    billyError(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please try again later."),
};
