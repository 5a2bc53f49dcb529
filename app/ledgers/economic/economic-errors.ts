import { z } from "zod";
import { LedgerError, parseRetryAfter, refusalScope } from "../ledger-error";

/**
 * The one place e-conomic's failures become `LedgerError`s: HTTP statuses, the legacy REST
 * error body (`message`, `developerHint`, `errorCode`, annotated `errors` document, `logId`),
 * the OpenAPI services' problem+json (`errorCode`, `traceId`, `errors[]`), network failures and
 * our own timeouts.
 */

export const PROVIDER = "economic";

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

const ALREADY_EXISTS = /already (exists|in use|used|booked)|duplicate/i;

export interface ResponseFailure {
  status: number;
  headers: Headers;
  bodyText: string;
  /** What we were doing, in the merchant's words: "create the invoice". */
  operation: string;
}

export function translateEconomicResponse(failure: ResponseFailure): LedgerError {
  const { status, headers, operation } = failure;
  const parsed = parseEconomicErrorBody(failure.bodyText);
  const summary = summarise(parsed);
  const base = {
    provider: PROVIDER,
    httpStatus: status,
    detail: `HTTP ${status} while trying to ${operation}: ${summary}${parsed.logId ? ` (logId ${parsed.logId})` : ""}`,
    ...optional(
      "providerCode",
      parsed.errorCode ?? parsed.fieldErrors.find((error) => error.errorCode)?.errorCode,
    ),
  };

  if (status === 401) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage:
        "e-conomic rejected Ledger Bridge's access: the agreement grant is wrong or has been revoked. Reconnect e-conomic in Settings.",
    });
  }
  if (status === 403) {
    return new LedgerError({
      ...base,
      kind: "authentication",
      merchantMessage:
        "e-conomic denied access: the user who connected Ledger Bridge lacks the rights or modules this needs. Reconnect e-conomic in Settings as an administrator.",
    });
  }
  if (status === 429) {
    return new LedgerError({
      ...base,
      kind: "rateLimited",
      retryAfterMs:
        parseRetryAfter(headers.get("retry-after")) ??
        windowFromRateLimitHeader(headers.get("x-ratelimiting")) ??
        60_000,
      merchantMessage:
        "e-conomic's API limit for your agreement is reached. Ledger Bridge will retry automatically.",
    });
  }
  if (status >= 500 && status !== 501) {
    return new LedgerError({
      ...base,
      kind: "unavailable",
      merchantMessage:
        "e-conomic is not responding properly right now. Ledger Bridge will retry automatically.",
    });
  }
  const duplicate = [...parsed.fieldErrors, { path: "", message: parsed.message ?? "" }].find((error) =>
    ALREADY_EXISTS.test(error.message),
  );
  if (status === 409 || ((status === 400 || status === 422) && duplicate)) {
    const existing =
      duplicate && "value" in duplicate && duplicate.value !== undefined
        ? String(duplicate.value)
        : undefined;
    return new LedgerError({
      ...base,
      kind: "conflict",
      ...optional("existingId", existing),
      merchantMessage: `e-conomic could not ${operation} because it already exists: ${summary}. Check the document in e-conomic before retrying.`,
    });
  }
  if (status === 400 || status === 404 || status === 405 || status === 415 || status === 422) {
    return new LedgerError({
      ...base,
      kind: "validation",
      ...refusalScope(summary),
      merchantMessage: `e-conomic refused to ${operation}: ${summary}. Check the e-conomic settings in Ledger Bridge (accounts, product groups, payment terms) and retry.`,
    });
  }
  return new LedgerError({
    ...base,
    kind: "unknown",
    merchantMessage: `e-conomic gave an unexpected answer (HTTP ${status}) when trying to ${operation}. If it keeps happening, contact support.`,
  });
}

/** Network failures and our own timeout: the request may or may not have reached e-conomic. */
export function translateEconomicNetworkError(
  error: unknown,
  context: { operation: string; timedOut: boolean; timeoutMs: number },
): LedgerError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
  return new LedgerError({
    provider: PROVIDER,
    kind: "unavailable",
    detail: context.timedOut
      ? `No answer within ${context.timeoutMs} ms while trying to ${context.operation}`
      : `Network error while trying to ${context.operation}: ${reason}`,
    merchantMessage: context.timedOut
      ? "e-conomic did not answer in time. Ledger Bridge will retry automatically."
      : "Ledger Bridge could not reach e-conomic. It will retry automatically.",
  });
}

/** A 2xx answer we cannot read: not safe to guess what happened. */
export function unexpectedEconomicAnswer(operation: string, detail: string): LedgerError {
  return new LedgerError({
    provider: PROVIDER,
    kind: "unknown",
    detail: `Unexpected e-conomic answer while trying to ${operation}: ${detail}`,
    merchantMessage: `e-conomic answered in an unexpected way when trying to ${operation}. Check e-conomic before retrying.`,
  });
}

function summarise(parsed: ParsedEconomicError): string {
  const fields = parsed.fieldErrors
    .slice(0, 3)
    .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message));
  if (fields.length > 0)
    return (
      fields.join("; ") + (parsed.fieldErrors.length > 3 ? ` (+${parsed.fieldErrors.length - 3} more)` : "")
    );
  return parsed.message ?? "no details given";
}

function windowFromRateLimitHeader(header: string | null): number | undefined {
  const match = header ? /-per-(\d+)-seconds/i.exec(header) : null;
  return match ? Number(match[1]) * 1000 : undefined;
}

function causeOf(error: Error): string {
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : "";
}

function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
