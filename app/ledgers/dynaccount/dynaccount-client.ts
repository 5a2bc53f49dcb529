import { z } from "zod";
import type { LedgerAdapterInit } from "../ledger-contract";
import { timedFetch } from "../timed-fetch";
import type { DynaccountCredentials } from "./dynaccount-credentials";
import { ledgerUnreadableAnswer } from "../http-failure";
import { DYNACCOUNT, translateDynaccountFailure, translateDynaccountNetworkError } from "./dynaccount-errors";
import { dynaccountHash } from "./dynaccount-signature";

/**
 * HTTP for Dynaccount API v7: `{base}/v7/{API_ID}/{API_KEY}/{method}/{table}/{id}/`, every request
 * signed with `X-Hash`, writes as form-encoded POSTs. The path segment (not the HTTP verb)
 * selects the operation; we use GET without a body and POST with one, as the docs advise.
 */

export type DynaccountRow = Record<string, unknown>;
export type DynaccountFields = Record<string, string | number | undefined>;

export interface DynaccountQuery {
  /** Column = value filters (Dynaccount's generic WHERE). */
  where?: Record<string, string | number>;
  select?: readonly string[];
  /** `column` or `column desc`. */
  order?: string;
  limit?: readonly [offset: number, count: number];
}

const API_VERSION = "v7";
const DEFAULT_TIMEOUT_MS = 30_000;

const successBodySchema = z.object({
  result: z.array(z.record(z.string(), z.unknown())).nullish(),
  error: z.unknown().optional(),
});

export class DynaccountClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly init: LedgerAdapterInit<DynaccountCredentials>) {
    this.baseUrl = init.endpoints.apiBaseUrl.replace(/\/+$/, "");
    this.fetchImpl = init.fetch ?? fetch;
    this.timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get(table: string, query: DynaccountQuery, operation: string): Promise<DynaccountRow[]> {
    return this.request(["get", table], { query: encodeQuery(query) }, operation);
  }

  async getById(table: string, id: string, operation: string): Promise<DynaccountRow | undefined> {
    const rows = await this.request(["get", table, id], {}, operation);
    return rows[0];
  }

  /** Creates (no id) or updates (id) one row; returns the row as Dynaccount stored it. */
  async put(
    table: string,
    id: string | undefined,
    fields: DynaccountFields,
    operation: string,
  ): Promise<DynaccountRow> {
    const rows = await this.request(
      id ? ["put", table, id] : ["put", table],
      { form: toPairs(fields) },
      operation,
    );
    const row = rows[0];
    if (!row) throw ledgerUnreadableAnswer(DYNACCOUNT, operation, `put ${table} returned no row`);
    return row;
  }

  /** One request for many rows, sent as column arrays: `col[0]=…&col[1]=…`. */
  insertBulk(table: string, rows: readonly DynaccountFields[], operation: string): Promise<DynaccountRow[]> {
    return this.request(["insert_bulk", table], { form: bulkPairs(rows) }, operation);
  }

  async delete(table: string, id: string, operation: string): Promise<void> {
    await this.request(["delete", table, id], {}, operation);
  }

  action(name: string, params: DynaccountFields, operation: string): Promise<DynaccountRow[]> {
    return this.request(["action", name], { form: toPairs(params) }, operation);
  }

  private async request(
    segments: string[],
    payload: { query?: string; form?: Array<[string, string]> },
    operation: string,
  ): Promise<DynaccountRow[]> {
    const { apiId, apiKey, apiSecret } = this.init.credentials;
    const path = [API_VERSION, apiId, apiKey, ...segments].map(encodeURIComponent).join("/");
    const url = `${this.baseUrl}/${path}/${payload.query ? `?${payload.query}` : ""}`;
    const body = payload.form ? new URLSearchParams(payload.form).toString() : "";
    const headers: Record<string, string> = {
      Accept: "application/json",
      "X-Hash": dynaccountHash(url, body, apiSecret),
    };
    if (payload.form) headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";

    await this.init.beforeRequest?.();
    const response = await timedFetch(
      this.fetchImpl,
      url,
      { method: payload.form ? "POST" : "GET", headers, ...(payload.form ? { body } : {}) },
      this.timeoutMs,
      (error, timedOut) =>
        translateDynaccountNetworkError(error, { operation, timedOut, timeoutMs: this.timeoutMs }),
      operation,
    );
    const { status, text } = response;
    const retryAfter = response.headers.get("retry-after");

    const json = parseJson(text);
    const ok = status >= 200 && status < 300;
    const parsed = successBodySchema.safeParse(json);
    if (!ok || !parsed.success || (parsed.data.error !== undefined && parsed.data.error !== null)) {
      if (ok && !parsed.success)
        throw ledgerUnreadableAnswer(DYNACCOUNT, operation, `HTTP ${status}, body not JSON`);
      throw translateDynaccountFailure({ status, body: json ?? text, retryAfter, operation });
    }
    return parsed.data.result ?? [];
  }
}

/** A row's form fields as sent; unset fields are left out. */
export function toPairs(fields: DynaccountFields): Array<[string, string]> {
  return Object.entries(fields).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, String(value)] as [string, string]],
  );
}

/** Many rows as column arrays: `col[0]=…&col[1]=…`. */
export function bulkPairs(rows: readonly DynaccountFields[]): Array<[string, string]> {
  return rows.flatMap((row, index) =>
    toPairs(row).map(([key, value]): [string, string] => [`${key}[${index}]`, value]),
  );
}

function encodeQuery(query: DynaccountQuery): string {
  const params = new URLSearchParams();
  if (query.select?.length) params.set("select", query.select.join(","));
  for (const [column, value] of Object.entries(query.where ?? {})) params.set(column, String(value));
  if (query.order) params.set("order", query.order);
  if (query.limit) params.set("limit", `${query.limit[0]},${query.limit[1]}`);
  return params.toString();
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
