import { z } from "zod";

/**
 * e-conomic's two error bodies, read into one list of field errors: the legacy REST body
 * (`message`, `developerHint`, `errorCode`, annotated `errors` document, `logId`) and the OpenAPI
 * services' problem+json (`errorCode`, `traceId`, `errors[]`). Unknown bodies never throw.
 */

const annotatedEntrySchema = z.looseObject({
  errorCode: z.string().nullish(),
  message: z.string().nullish(),
  value: z.unknown().optional(),
});

const legacyErrorSchema = z.looseObject({
  message: z.string().nullish(),
  developerHint: z.string().nullish(),
  errorCode: z.string().nullish(),
  logId: z.string().nullish(),
  httpStatusCode: z.number().nullish(),
  errors: z.unknown().optional(),
});

const problemSchema = z.looseObject({
  title: z.string().nullish(),
  detail: z.string().nullish(),
  errorCode: z.string().nullish(),
  traceId: z.string().nullish(),
  errors: z
    .array(
      z.looseObject({
        message: z.string().nullish(),
        errorCode: z.string().nullish(),
        property: z.string().nullish(),
      }),
    )
    .nullish(),
});

export interface EconomicFieldError {
  /** Dotted path into our request, e.g. "lines[1].unitNetPrice". */
  path: string;
  message: string;
  errorCode?: string;
  value?: unknown;
}

export interface ParsedEconomicError {
  message?: string;
  errorCode?: string;
  logId?: string;
  fieldErrors: EconomicFieldError[];
}

/** Reads either error body shape; unknown bodies give an empty result, never a throw. */
export function parseEconomicErrorBody(text: string): ParsedEconomicError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { fieldErrors: [], ...(text.trim() ? { message: text.trim().slice(0, 300) } : {}) };
  }
  const problem = problemSchema.safeParse(json);
  if (
    problem.success &&
    (problem.data.traceId || problem.data.title) &&
    !("developerHint" in (json as object))
  ) {
    return {
      ...optional("message", problem.data.detail ?? problem.data.title),
      ...optional("errorCode", problem.data.errorCode),
      ...optional("logId", problem.data.traceId),
      fieldErrors: (problem.data.errors ?? []).map((error) => ({
        path: error.property ?? "",
        message: error.message ?? "invalid",
        ...optional("errorCode", error.errorCode),
      })),
    };
  }
  const legacy = legacyErrorSchema.safeParse(json);
  if (!legacy.success) return { fieldErrors: [] };
  return {
    ...optional("message", legacy.data.message),
    ...optional("errorCode", legacy.data.errorCode),
    ...optional("logId", legacy.data.logId),
    fieldErrors: flattenAnnotated(legacy.data.errors, ""),
  };
}

/** Walks the annotated `errors` document: `{prop: {errors: [...]}}`, arrays of `{arrayIndex, ...}`, or plain strings. */
function flattenAnnotated(node: unknown, path: string): EconomicFieldError[] {
  if (typeof node === "string") return [{ path, message: node }];
  if (Array.isArray(node)) {
    return node.flatMap((item, position) => {
      if (typeof item === "string") return [{ path, message: item }];
      const index =
        item && typeof item === "object" && "arrayIndex" in item ? Number(item.arrayIndex) : position;
      return flattenAnnotated(item, `${path}[${index}]`);
    });
  }
  if (!node || typeof node !== "object") return [];
  const out: EconomicFieldError[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "arrayIndex") continue;
    if (key === "errors" && Array.isArray(value)) {
      for (const entry of value) {
        const parsed = annotatedEntrySchema.safeParse(entry);
        if (!parsed.success) continue;
        out.push({
          path,
          message: parsed.data.message ?? "invalid",
          ...optional("errorCode", parsed.data.errorCode),
          ...(parsed.data.value !== undefined ? { value: parsed.data.value } : {}),
        });
      }
      continue;
    }
    out.push(...flattenAnnotated(value, path ? `${path}.${key}` : key));
  }
  return out;
}

/** e-conomic's words for the merchant: the first three fields, then how many more. */
export function summarise(parsed: ParsedEconomicError): string {
  const fields = parsed.fieldErrors
    .slice(0, 3)
    .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message));
  if (fields.length > 0)
    return (
      fields.join("; ") + (parsed.fieldErrors.length > 3 ? ` (+${parsed.fieldErrors.length - 3} more)` : "")
    );
  return parsed.message ?? "";
}

export function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The window of e-conomic's `X-RateLimiting` header ("…-per-60-seconds"), as the wait. */
export function rateLimitWindow(header: string | null): number | undefined {
  const match = header ? /-per-(\d+)-seconds/i.exec(header) : null;
  return match ? Number(match[1]) * 1000 : undefined;
}

const ALREADY_EXISTS = /already (exists|in use|used|booked)|duplicate/i;

/** The error saying the record already exists; a field error's `value` names the existing one. */
export function findDuplicate(parsed: ParsedEconomicError): { value?: unknown } | undefined {
  return [...parsed.fieldErrors, { message: parsed.message ?? "", value: undefined }].find((error) =>
    ALREADY_EXISTS.test(error.message),
  );
}
