import { randomUUID } from "node:crypto";
import type { SimResponse } from "../kit/router";

/**
 * e-conomic's legacy REST error body ("annotated errors"): message, developerHint, logId,
 * httpStatusCode, logTime, and for validation failures an `errors` document shaped like the
 * request, with `arrayIndex` entries for array items. Shape from restdocs (Introduction →
 * Annotated errors); the fixture test/fixtures/economic/responses/validation-error.json is the
 * documented example.
 */

export interface AnnotatedError {
  errorCode?: string;
  message: string;
  value?: unknown;
  developerHint?: string;
}

export interface FieldError extends AnnotatedError {
  /** Where in the request body, e.g. ["lines", 0, "unitNetPrice"]. */
  path: Array<string | number>;
}

export function legacyError(
  status: number,
  message: string,
  developerHint: string,
  extra: Record<string, unknown> = {},
): SimResponse {
  return {
    status,
    body: {
      message,
      ...extra,
      developerHint,
      logId: randomUUID(),
      httpStatusCode: status,
      logTime: new Date().toISOString().slice(0, 19),
    },
  };
}

export function validationError(fieldErrors: FieldError[]): SimResponse {
  const document: Record<string, unknown> = {};
  for (const { path, ...error } of fieldErrors) place(document, path.length > 0 ? path : ["body"], error);
  return legacyError(400, "Validation error.", "Inspect validation errors and correct your request.", {
    errors: document,
  });
}

/** Puts one error into the annotated document, creating `{arrayIndex}` items on the way. */
function place(
  container: Record<string, unknown>,
  path: Array<string | number>,
  error: AnnotatedError,
): void {
  const [head, next, ...rest] = path;
  const key = String(head);
  if (next === undefined) {
    const slot = (container[key] ??= { errors: [] }) as { errors?: AnnotatedError[] };
    (slot.errors ??= []).push(error);
    return;
  }
  if (typeof next === "number") {
    const items = (container[key] ??= []) as Array<Record<string, unknown>>;
    let item = items.find((candidate) => candidate.arrayIndex === next);
    if (!item) {
      item = { arrayIndex: next };
      items.push(item);
    }
    if (rest.length === 0) {
      const slot = item as { errors?: AnnotatedError[] };
      (slot.errors ??= []).push(error);
    } else place(item, rest, error);
    return;
  }
  const child = (container[key] ??= {}) as Record<string, unknown>;
  place(child, [next, ...rest], error);
}

export function notFoundError(what: string): SimResponse {
  return legacyError(
    404,
    `${what} not found.`,
    "The resource does not exist. Use the links the API provides.",
    {
      errorCode: "E06000",
    },
  );
}
