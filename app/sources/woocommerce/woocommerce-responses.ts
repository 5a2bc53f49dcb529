import { z } from "zod";
import type { SourceError } from "../source-error";
import { sourceError } from "../source-error";
import { wooErrorFromResponse } from "./woocommerce-error";

/** Reading the store's answers: shape checks, headers, and failures turned into SourceErrors. */

const errorBody = z.object({ code: z.string().nullish(), message: z.string().nullish() });

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw sourceError(
    "woocommerce",
    "unknown",
    "sourceError.woocommerce.unreadable",
    {},
    {
      detail: `${what}: unexpected shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    },
  );
}

export function normalizeHeaders(headers: unknown): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  if (headers && typeof headers === "object") {
    for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
      if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
    }
  }
  return result;
}

interface AxiosLikeError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

export function toWooError(what: string, error: unknown): SourceError {
  const err = (error ?? {}) as AxiosLikeError;
  const response = err.response;
  if (!response?.status) {
    const timedOut = err.code === "ECONNABORTED" || err.code === "ETIMEDOUT";
    return wooErrorFromResponse({
      status: undefined,
      message: timedOut ? "timed out" : (err.code ?? err.message),
      what,
      cause: error,
    });
  }
  let code: string | undefined;
  let message: string | undefined;
  try {
    const data = typeof response.data === "string" ? (JSON.parse(response.data) as unknown) : response.data;
    const parsed = errorBody.safeParse(data);
    if (parsed.success) {
      code = parsed.data.code ?? undefined;
      message = parsed.data.message ?? undefined;
    }
  } catch {
    // HTML error pages (PHP fatals, proxies) carry nothing useful.
  }
  return wooErrorFromResponse({
    status: response.status,
    code,
    message,
    retryAfter: normalizeHeaders(response.headers)["retry-after"],
    what,
    cause: error,
  });
}
