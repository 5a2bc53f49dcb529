import type { z } from "zod";
import { timedFetch } from "../timed-fetch";
import {
  type BillyCallContext,
  billyHttpError,
  billyNetworkError,
  billyUnexpectedResponse,
} from "./billy-errors";
import { listEnvelope } from "./billy-schemas";

/**
 * HTTP to Billy's v2 API: `X-Access-Token` on every request, JSON envelopes, a timeout per
 * request and the shared rate limiter awaited first. Every failure leaves here as `LedgerError`.
 */

export const BILLY_API_BASE_URL = "https://api.billysbilling.com/v2";
const DEFAULT_TIMEOUT_MS = 30_000;
/** A bound on paging through a list (1000 records per page). */
const MAX_PAGES = 50;

export interface BillyClientOptions {
  accessToken: string;
  apiBaseUrl: string;
  fetch?: typeof fetch;
  beforeRequest?: () => Promise<void>;
  timeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export class BillyClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: BillyClientOptions) {
    this.baseUrl = options.apiBaseUrl.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  get<S extends z.ZodType>(path: string, schema: S, action: string, query: Query = {}): Promise<z.infer<S>> {
    return this.request("GET", path, schema, action, { query });
  }

  post<S extends z.ZodType>(path: string, body: unknown, schema: S, action: string): Promise<z.infer<S>> {
    return this.request("POST", path, schema, action, { body });
  }

  put<S extends z.ZodType>(path: string, body: unknown, schema: S, action: string): Promise<z.infer<S>> {
    return this.request("PUT", path, schema, action, { body });
  }

  async delete(path: string, action: string): Promise<void> {
    await this.request("DELETE", path, undefined, action, {});
  }

  /**
   * Lists every page. Billy documents few list filters, so callers re-check matches locally;
   * when a filter is ignored this still finds the record, just with more pages.
   */
  async list<S extends z.ZodType>(
    plural: string,
    schema: S,
    action: string,
    query: Query = {},
  ): Promise<Array<z.infer<S>>> {
    const records: Array<z.infer<S>> = [];
    const envelope = listEnvelope(plural, schema);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.get(`/${plural}`, envelope, action, { ...query, page, pageSize: 1000 });
      records.push(...result.records);
      if (page >= result.pageCount) return records;
    }
    return records;
  }

  private async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S | undefined,
    action: string,
    init: { query?: Query; body?: unknown },
  ): Promise<z.infer<S>> {
    const context: BillyCallContext = { method, path, action };
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    await this.options.beforeRequest?.();

    const { status, headers, text } = await timedFetch(
      this.fetchImpl,
      url,
      {
        method,
        headers: {
          "X-Access-Token": this.options.accessToken,
          Accept: "application/json",
          // Billy localizes error messages; merchants read ours in English.
          "Accept-Language": "en_US",
          ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      },
      this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      (error, timedOut) => billyNetworkError(error, { ...context, timedOut }),
      action,
    );

    if (status < 200 || status >= 300) throw billyHttpError(status, text, headers, context);
    if (!schema) return undefined as z.infer<S>;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw billyUnexpectedResponse(context, `not JSON (HTTP ${status})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw billyUnexpectedResponse(context, parsed.error.message.slice(0, 500));
    return parsed.data;
  }
}
