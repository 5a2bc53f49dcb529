import { z } from "zod";
import { shopifyAdminError } from "./admin-graphql-errors";

/**
 * A typed Admin GraphQL client over plain `fetch`. It keeps Shopify's cost bucket in view: each
 * answer's `extensions.cost.throttleStatus` is remembered, and before a query whose (last seen)
 * requested cost exceeds what the bucket holds now, it waits for the bucket to refill instead of
 * being throttled. A THROTTLED answer is retried after the computed wait.
 */

export const ADMIN_API_VERSION = "2026-10";

export interface AdminGraphqlClientOptions {
  /** `https://{shop}.myshopify.com`, or the simulator's URL. */
  baseUrl: string;
  accessToken: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  /** Injected for tests that want to observe waits; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxThrottleRetries?: number;
  timeoutMs?: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});

const responseSchema = z.object({
  data: z.unknown().nullish(),
  errors: z
    .union([
      z.array(
        z.object({
          message: z.string(),
          extensions: z.object({ code: z.string().nullish() }).passthrough().nullish(),
          path: z.array(z.union([z.string(), z.number()])).nullish(),
        }),
      ),
      z.string(),
      z.record(z.string(), z.unknown()),
    ])
    .nullish(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          actualQueryCost: z.number().nullish(),
          throttleStatus: throttleStatusSchema.nullish(),
        })
        .nullish(),
    })
    .nullish(),
});

/** Seconds-to-ms wait until the bucket holds `needed` points, given the last status seen `elapsedMs` ago. */
export function waitForCostMs(status: ThrottleStatus, needed: number, elapsedMs = 0): number {
  const available = Math.min(
    status.maximumAvailable,
    status.currentlyAvailable + (elapsedMs / 1000) * status.restoreRate,
  );
  if (needed <= available || status.restoreRate <= 0) return 0;
  return Math.ceil(((needed - available) / status.restoreRate) * 1000);
}

const operationName = (query: string) => /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "anonymous";

export class AdminGraphqlClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly endpoint: string;
  private lastStatus: { status: ThrottleStatus; at: number } | undefined;
  private readonly knownCosts = new Map<string, number>();
  /** Every wait the client made for the bucket, in ms — visible for logs and tests. */
  readonly waits: number[] = [];

  constructor(private readonly options: AdminGraphqlClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.endpoint = `${options.baseUrl.replace(/\/$/, "")}/admin/api/${options.apiVersion ?? ADMIN_API_VERSION}/graphql.json`;
  }

  get throttleStatus(): ThrottleStatus | undefined {
    return this.lastStatus?.status;
  }

  async request<T extends z.ZodType>(
    query: string,
    variables: Record<string, unknown>,
    schema: T,
  ): Promise<z.infer<T>> {
    const name = operationName(query);
    const retries = this.options.maxThrottleRetries ?? 5;
    for (let attempt = 0; ; attempt += 1) {
      const expected = this.knownCosts.get(query);
      if (expected !== undefined && this.lastStatus) {
        const wait = waitForCostMs(this.lastStatus.status, expected, this.now() - this.lastStatus.at);
        if (wait > 0) {
          this.waits.push(wait);
          await this.sleep(wait);
        }
      }
      const body = await this.post(name, query, variables);
      const cost = body.extensions?.cost;
      if (cost?.throttleStatus) this.lastStatus = { status: cost.throttleStatus, at: this.now() };
      if (typeof cost?.requestedQueryCost === "number") this.knownCosts.set(query, cost.requestedQueryCost);

      const errors = Array.isArray(body.errors) ? body.errors : [];
      const codes = errors.map((e) => e.extensions?.code ?? "").filter(Boolean);
      if (errors.some((e) => e.extensions?.code === "THROTTLED" || e.message === "Throttled")) {
        const needed = cost?.requestedQueryCost ?? 0;
        const wait = cost?.throttleStatus ? Math.max(waitForCostMs(cost.throttleStatus, needed), 100) : 1000;
        if (attempt >= retries) {
          throw shopifyAdminError("throttled", `${name}: still throttled after ${retries} retries`, true, {
            retryAfterMs: wait,
            codes,
          });
        }
        this.waits.push(wait);
        await this.sleep(wait);
        continue;
      }
      if (codes.includes("MAX_COST_EXCEEDED")) {
        throw shopifyAdminError(
          "maxCostExceeded",
          `${name}: ${errors[0]?.message ?? "query too expensive"}`,
          false,
          { codes },
        );
      }
      if (errors.length > 0 || (body.errors && !Array.isArray(body.errors))) {
        const message = errors.map((e) => e.message).join("; ") || JSON.stringify(body.errors);
        throw shopifyAdminError("graphql", `${name}: ${message}`, false, { codes });
      }
      const parsed = schema.safeParse(body.data);
      if (!parsed.success) {
        throw shopifyAdminError(
          "invalidResponse",
          `${name}: unexpected data: ${parsed.error.message}`,
          false,
        );
      }
      return parsed.data;
    }
  }

  private async post(
    name: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<z.infer<typeof responseSchema>> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "x-shopify-access-token": this.options.accessToken,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw shopifyAdminError("unavailable", `${name}: ${(error as Error).message}`, true);
    }
    if (response.status === 401 || response.status === 403) {
      throw shopifyAdminError(
        "authentication",
        `${name}: Shopify refused the access token (HTTP ${response.status})`,
        false,
        {
          status: response.status,
        },
      );
    }
    if (response.status === 429) {
      const seconds = Number(response.headers.get("retry-after"));
      throw shopifyAdminError("throttled", `${name}: HTTP 429`, true, {
        status: 429,
        retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000,
      });
    }
    if (response.status >= 500) {
      throw shopifyAdminError("unavailable", `${name}: HTTP ${response.status}`, true, {
        status: response.status,
      });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw shopifyAdminError(
        "invalidResponse",
        `${name}: HTTP ${response.status} without JSON`,
        response.status >= 500,
        {
          status: response.status,
        },
      );
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) throw shopifyAdminError("invalidResponse", `${name}: not a GraphQL response`, false);
    if (!response.ok && !parsed.data.errors) {
      throw shopifyAdminError("graphql", `${name}: HTTP ${response.status}`, false, {
        status: response.status,
      });
    }
    return parsed.data;
  }
}
