import { randomUUID } from "node:crypto";
import type { SimHandler, SimRequest, SimResponse } from "../kit/router";
import { SimRouter } from "../kit/router";
import { type RunningSimulator, startSimulator } from "../kit/simulator-server";
import { registerCustomerRoutes } from "./economic-sim-customer-routes";
import { legacyError } from "./economic-sim-errors";
import { registerInvoiceRoutes } from "./economic-sim-invoice-routes";
import { isPublicPath, registerPublicRoutes } from "./economic-sim-install-routes";
import { registerJournalRoutes } from "./economic-sim-journal-routes";
import { registerLookupRoutes } from "./economic-sim-lookup-routes";
import { EconomicSimState } from "./economic-sim-state";
import { IdempotencyCache } from "./economic-idempotency";
import { TokenBucket } from "./economic-token-bucket";

/**
 * A local e-conomic (legacy REST, restapi.e-conomic.com) for tests and the demo: the same paths,
 * the two-token authentication, schema validation with e-conomic's error bodies, numbering,
 * Idempotency-Key replay and the per-agreement token budget with its headers. The installation
 * page (secure.e-conomic.com) is served from the same origin.
 */

export interface EconomicSimulatorOptions {
  port?: number;
  /** The app's secret token the simulated e-conomic accepts. */
  appSecretToken?: string;
  /** A grant token already issued for the simulated agreement. */
  agreementGrantToken?: string;
  /** Token budget per agreement; e-conomic's is 10,000 tokens per 60 s. */
  rateLimit?: { limit: number; windowMs: number };
  /** Tokens one call costs. The real costs vary per call and are not published; 1 by default. */
  callCost?: (request: SimRequest) => number;
}

export interface RunningEconomicSimulator extends RunningSimulator {
  state: EconomicSimState;
  tokens: { appSecretToken: string; agreementGrantToken: string };
  bucket: TokenBucket;
  idempotency: IdempotencyCache;
}

export const DEFAULT_SIM_TOKENS = {
  appSecretToken: "sim-app-secret-token",
  agreementGrantToken: "sim-agreement-grant-token",
};

export async function startEconomicSimulator(
  options: EconomicSimulatorOptions = {},
): Promise<RunningEconomicSimulator> {
  const tokens = {
    appSecretToken: options.appSecretToken ?? DEFAULT_SIM_TOKENS.appSecretToken,
    agreementGrantToken: options.agreementGrantToken ?? DEFAULT_SIM_TOKENS.agreementGrantToken,
  };
  const state = new EconomicSimState(tokens);
  const bucket = new TokenBucket(options.rateLimit?.limit, options.rateLimit?.windowMs);
  const idempotency = new IdempotencyCache();
  const callCost = options.callCost ?? (() => 1);

  const api =
    (handler: SimHandler): SimHandler =>
    async (request) => {
      const cost = callCost(request);
      const waitMs = bucket.charge(cost);
      if (waitMs > 0) return rateLimited(Math.ceil(waitMs / 1000), bucket);
      const respond = (response: SimResponse): SimResponse => ({
        ...response,
        headers: { ...bucket.headers(cost), "X-RequestId": randomUUID(), ...response.headers },
      });
      if (request.method === "GET") return respond(await handler(request));
      if (request.rawBody.length > 0 && !/application\/json/i.test(request.header("content-type") ?? "")) {
        return respond(
          legacyError(415, "Unsupported media type.", "Send JSON with Content-Type: application/json."),
        );
      }
      const key = request.header("idempotency-key");
      const cached = key ? idempotency.replay(key) : undefined;
      if (cached) return respond(cached);
      const response = await handler(request);
      if (key) idempotency.remember(key, response);
      return respond(response);
    };

  const router = new SimRouter();
  registerPublicRoutes(router, state);
  registerLookupRoutes(router, state, api);
  registerCustomerRoutes(router, state, api);
  registerInvoiceRoutes(router, state, api);
  registerJournalRoutes(router, state, api);

  const running = await startSimulator({
    name: "e-conomic",
    router,
    port: options.port,
    authenticate: (request) => (isPublicPath(request.path) ? undefined : authenticate(state, request)),
    errors: {
      notFound: () =>
        legacyError(
          404,
          "The requested resource was not found.",
          "Use the links the API provides; do not build URLs by hand.",
          {
            errorCode: "E06000",
          },
        ),
      rateLimited: (retryAfterSeconds) => rateLimited(retryAfterSeconds, bucket),
      serverError: () =>
        legacyError(
          500,
          "An error occurred.",
          "Try again later, or contact e-conomic support quoting the logId.",
        ),
      badJson: (_request, error) => legacyError(400, "The request body is not valid JSON.", error.message),
    },
  });
  return { ...running, state, tokens, bucket, idempotency };
}

/** 401 for missing, unknown or revoked tokens — the body is the legacy error shape. */
function authenticate(state: EconomicSimState, request: SimRequest): SimResponse | undefined {
  const appSecret = request.header("x-appsecrettoken");
  const grant = request.header("x-agreementgranttoken");
  if (!appSecret || !grant) {
    return legacyError(
      401,
      "Unauthorized. The request is missing authentication headers.",
      "Supply both the X-AppSecretToken and the X-AgreementGrantToken header.",
    );
  }
  if (!state.appSecretTokens.has(appSecret)) {
    return legacyError(
      401,
      "Unauthorized. The app secret token is not valid.",
      "Check the X-AppSecretToken header: it identifies your app.",
    );
  }
  if (!state.grantTokens.has(grant)) {
    return legacyError(
      401,
      "Unauthorized. The agreement grant token is not valid or has been revoked.",
      "Ask the agreement to grant access to your app again.",
    );
  }
  return undefined;
}

function rateLimited(retryAfterSeconds: number, bucket: TokenBucket): SimResponse {
  const response = legacyError(
    429,
    "Too many requests.",
    "The agreement's token budget is spent; wait Retry-After seconds.",
  );
  return {
    ...response,
    headers: { ...bucket.headers(0), "Retry-After": String(Math.max(1, retryAfterSeconds)) },
  };
}
