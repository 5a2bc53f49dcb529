import { SlidingWindowLimiter } from "../kit/rate-limit";
import { SimRouter, type SimRequest, type SimResponse } from "../kit/router";
import { startSimulator, type RunningSimulator } from "../kit/simulator-server";
import { runAction } from "./sim-actions";
import { authenticateDynaccount, dynaccountError, dynaccountResult } from "./sim-auth";
import { deleteRow, getRows, insertBulk, putRow, type IoOutcome } from "./sim-tables-io";
import { seedCompany } from "./seed-company";
import { DynaccountSimState, type DynaccountCompany } from "./sim-store";

/**
 * A local Dynaccount API v7 for one company: `/v7/{API_ID}/{API_KEY}/{method}/{table}/{id}/`,
 * X-Hash signatures, form-encoded writes, `{"result": [...]}` / `{"error": {...}}` answers.
 * Dynaccount publishes no rate limit, so none applies unless one is configured (tests and demos
 * can switch one on to exercise 429 + Retry-After).
 */

export const DEMO_DYNACCOUNT_COMPANY: DynaccountCompany = {
  apiId: "100001",
  apiKey: "d3a0d3a0d3a0d3a0d3a0d3a0d3a0d3a0d3a0d3a0",
  apiSecret: "5ec4e75ec4e75ec4e75ec4e75ec4e75ec4e75ec4",
  name: "Demo Webshop ApS",
};

export interface DynaccountSimulatorOptions {
  port?: number;
  company?: Partial<DynaccountCompany>;
  rateLimit?: { limit: number; windowMs: number };
}

export interface RunningDynaccountSimulator extends RunningSimulator {
  state: DynaccountSimState;
  company: DynaccountCompany;
  setRateLimit(limit: number, windowMs: number): void;
  clearRateLimit(): void;
}

const METHODS_NOT_SIMULATED = new Set(["report", "document"]);

export async function startDynaccountSimulator(
  options: DynaccountSimulatorOptions = {},
): Promise<RunningDynaccountSimulator> {
  const company: DynaccountCompany = { ...DEMO_DYNACCOUNT_COMPANY, ...options.company };
  const state = new DynaccountSimState(company);
  seedCompany(state);
  let limiter = options.rateLimit
    ? new SlidingWindowLimiter(options.rateLimit.limit, options.rateLimit.windowMs)
    : undefined;

  const handle = (request: SimRequest): SimResponse => {
    if (limiter) {
      const waitMs = limiter.hit(company.apiId);
      if (waitMs > 0) return rateLimited(Math.ceil(waitMs / 1000));
    }
    const body = request.rawBody.length > 0 ? request.rawBody.toString("utf8") : "";
    const contentType = request.header("content-type") ?? "";
    if (body && !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return dynaccountError(400, { content_type: "POST data must be application/x-www-form-urlencoded" });
    }
    const form = new URLSearchParams(body);
    const { method = "", table = "", id } = request.params;
    const now = Math.floor(Date.now() / 1000);
    switch (method) {
      case "get":
        return answer(getRows(state, table, id, request.query));
      case "put":
        return answer(putRow(state, table, id, form));
      case "insert_bulk":
        return answer(insertBulk(state, table, form));
      case "delete":
        return answer(deleteRow(state, table, id));
      case "action":
        return answer(runAction(table, form, state, now));
      default:
        return METHODS_NOT_SIMULATED.has(method)
          ? dynaccountError(404, { method: `"${method}" is not available in the simulator` })
          : dynaccountError(404, { method: `Unknown method "${method}"` });
    }
  };

  const router = new SimRouter();
  for (const verb of ["GET", "POST"]) {
    router.on(verb, "/v7/:apiId/:apiKey/:method/:table", handle);
    router.on(verb, "/v7/:apiId/:apiKey/:method/:table/:id", handle);
  }

  const running = await startSimulator({
    name: "dynaccount",
    router,
    ...(options.port !== undefined ? { port: options.port } : {}),
    authenticate: (request) => authenticateDynaccount(request, company),
    errors: {
      notFound: () => dynaccountError(404, { path: "Unknown API endpoint" }),
      rateLimited,
      serverError: () => dynaccountError(503, { server: "Service temporarily unavailable" }),
      badJson: () => dynaccountError(400, { body: "Malformed request body" }),
    },
  });

  return {
    ...running,
    state,
    company,
    setRateLimit(limit, windowMs) {
      limiter = new SlidingWindowLimiter(limit, windowMs);
    },
    clearRateLimit() {
      limiter = undefined;
    },
  };
}

function rateLimited(retryAfterSeconds: number): SimResponse {
  return dynaccountError(
    429,
    { rate_limit: `Too many requests, retry in ${retryAfterSeconds} s` },
    { "retry-after": String(retryAfterSeconds) },
  );
}

function answer(outcome: IoOutcome): SimResponse {
  return "rows" in outcome ? dynaccountResult(outcome.rows) : dynaccountError(outcome.status, outcome.errors);
}
