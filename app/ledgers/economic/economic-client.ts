import type { z } from "zod";
import type { LedgerAdapterInit } from "../ledger-contract";
import { timedFetch } from "../timed-fetch";
import type { EconomicCredentials } from "./economic-credentials";
import { ledgerUnreadableAnswer } from "../http-failure";
import { PROVIDER, translateEconomicNetworkError, translateEconomicResponse } from "./economic-errors";

/**
 * HTTP to e-conomic's legacy REST API: the two auth headers, JSON, Idempotency-Key on writes,
 * a timeout per request, the shared rate limiter hook, and zod parsing of every answer. Every
 * failure leaves here as a LedgerError.
 */

export const ECONOMIC_API_BASE_URL = "https://restapi.e-conomic.com";
const DEFAULT_TIMEOUT_MS = 30_000;

export interface EconomicRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the API base, already encoded, e.g. "/products/TS_8_1". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent on every non-GET so a retried write is answered from e-conomic's cache, not executed twice. */
  idempotencyKey?: string;
  /** In the merchant's words, for error messages: "create the invoice". */
  operation: string;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bodyText: string;
}

export class EconomicClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly init: LedgerAdapterInit<EconomicCredentials>) {
    this.baseUrl = (init.endpoints.apiBaseUrl || ECONOMIC_API_BASE_URL).replace(/\/+$/, "");
    this.fetchImpl = init.fetch ?? fetch;
    this.timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Sends the request; a non-2xx answer becomes a LedgerError. */
  async request<T>(request: EconomicRequest, schema: z.ZodType<T>): Promise<T> {
    const response = await this.send(request);
    if (response.status < 200 || response.status >= 300)
      throw translateEconomicResponse({ ...response, operation: request.operation });
    return this.parse(request, response, schema);
  }

  /** Like `request`, but a 404 (resource does not exist) resolves to null. */
  async find<T>(request: EconomicRequest, schema: z.ZodType<T>): Promise<T | null> {
    const response = await this.send(request);
    if (response.status === 404) return null;
    if (response.status < 200 || response.status >= 300)
      throw translateEconomicResponse({ ...response, operation: request.operation });
    return this.parse(request, response, schema);
  }

  async send(request: EconomicRequest): Promise<RawResponse> {
    if (request.method !== "GET" && !request.idempotencyKey) {
      throw new Error(`e-conomic client: ${request.method} ${request.path} needs an Idempotency-Key`);
    }
    await this.init.beforeRequest?.();
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      "X-AppSecretToken": this.init.credentials.appSecretToken,
      "X-AgreementGrantToken": this.init.credentials.agreementGrantToken,
      Accept: "application/json",
      "Content-Type": "application/json",
    };
    if (request.idempotencyKey) headers["Idempotency-Key"] = request.idempotencyKey;

    const {
      status,
      headers: responseHeaders,
      text,
    } = await timedFetch(
      this.fetchImpl,
      url,
      {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      },
      this.timeoutMs,
      (error, timedOut) =>
        translateEconomicNetworkError(error, {
          operation: request.operation,
          timedOut,
          timeoutMs: this.timeoutMs,
        }),
      request.operation,
    );
    return { status, headers: responseHeaders, bodyText: text };
  }

  private parse<T>(request: EconomicRequest, response: RawResponse, schema: z.ZodType<T>): T {
    let json: unknown;
    try {
      json = response.bodyText ? JSON.parse(response.bodyText) : undefined;
    } catch {
      throw ledgerUnreadableAnswer(
        PROVIDER,
        request.operation,
        `HTTP ${response.status} with a body that is not JSON`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw ledgerUnreadableAnswer(
        PROVIDER,
        request.operation,
        `HTTP ${response.status}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    }
    return parsed.data;
  }
}
