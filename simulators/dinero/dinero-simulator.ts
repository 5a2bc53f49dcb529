import { LOCAL_DINERO_OAUTH_CLIENT } from "../../app/onboarding/local-dinero-client";
import type { FaultController } from "../kit/faults";
import { SlidingWindowLimiter } from "../kit/rate-limit";
import type { SimRequest, SimResponse } from "../kit/router";
import { SimRouter } from "../kit/router";
import type { RecordedRequest, SimulatorErrorShapes } from "../kit/simulator-server";
import { startSimulator } from "../kit/simulator-server";
import { DineroApiRoutes } from "./api-routes";
import { createAuthRouter, oauthError } from "./auth-routes";
import { registerContactRoutes } from "./contact-routes";
import {
  forbidden,
  missingModel,
  noProSubscription,
  notFound,
  quotaExceeded,
  serverError,
  unauthorized,
} from "./dinero-error-bodies";
import {
  DEFAULT_DINERO_OPENAPI_PATH,
  loadDineroOpenApi,
  OpenApiRequestValidator,
} from "./openapi-request-validator";
import { registerManualVoucherRoutes } from "./manual-voucher-routes";
import { registerPaymentRoutes } from "./payment-routes";
import { registerProductRoutes } from "./product-routes";
import type { OrganizationSeed } from "./seed-organization";
import { SEEDED_EXCHANGE_RATES, seedOrganization } from "./seed-organization";
import { registerSettingsRoutes } from "./settings-routes";
import type { ApiClient, DineroSimulatorState } from "./simulator-state";
import { registerVoucherRoutes } from "./voucher-routes";

/**
 * A local Dinero: the API host (api.dinero.dk) and the token host (authz.dinero.dk / Visma
 * Connect) run as two loopback servers, as they are two hosts in reality. Nothing here assumes a
 * test: `run-dinero-simulator.ts` serves the same thing for the demo.
 */

export const DINERO_SIMULATOR_DEFAULTS = {
  organizationId: 123456,
  organizationName: "Nordlys Design ApS",
  /** Reachable by the Visma Connect user, but without Pro: every call answers 403 code 90. */
  organizationWithoutProId: 654321,
  personalClient: { clientId: "ledger-bridge-personal", clientSecret: "sim-personal-secret" },
  vismaClient: LOCAL_DINERO_OAUTH_CLIENT,
  apiKey: "sim-api-key-123456",
} as const;

export interface DineroSimulatorOptions {
  organizations?: OrganizationSeed[];
  clients?: ApiClient[];
  /** API key → organisation id. */
  apiKeys?: Record<string, number>;
  /** Validate request bodies against Dinero's OpenAPI document (tests turn this on). */
  validateRequests?: boolean;
  openApiSpecPath?: string;
  /** Dinero's documented limit is 100 requests per minute per organisation. */
  rateLimit?: { limit: number; windowMs: number };
  tokenLifetimeSeconds?: number;
  port?: number;
  authPort?: number;
}

export interface DineroSimulator {
  /** API base URL (stands in for https://api.dinero.dk). */
  url: string;
  /** Token host base URL (stands in for https://authz.dinero.dk and https://connect.visma.com). */
  authUrl: string;
  state: DineroSimulatorState;
  faults: FaultController;
  authFaults: FaultController;
  /** Requests the API host answered, in order. */
  requests: RecordedRequest[];
  setRateLimit(limit: number, windowMs: number): void;
  close(): Promise<void>;
}

export function createDineroState(options: DineroSimulatorOptions = {}): DineroSimulatorState {
  const defaults = DINERO_SIMULATOR_DEFAULTS;
  const seeds = options.organizations ?? [
    { id: defaults.organizationId, name: defaults.organizationName },
    { id: defaults.organizationWithoutProId, name: "Hobbyforeningen Strik", isPro: false },
  ];
  const clients = options.clients ?? [defaults.personalClient, defaults.vismaClient];
  return {
    organizations: new Map(seeds.map((seed) => [seed.id, seedOrganization(seed)])),
    clients: new Map(clients.map((client) => [client.clientId, { ...client }])),
    apiKeys: new Map(Object.entries(options.apiKeys ?? { [defaults.apiKey]: defaults.organizationId })),
    vismaUserOrganizationIds: seeds.map((seed) => seed.id),
    tokens: new Map(),
    refreshTokens: new Map(),
    authorizationCodes: new Map(),
    exchangeRates: { ...SEEDED_EXCHANGE_RATES },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
  };
}

export async function startDineroSimulator(options: DineroSimulatorOptions = {}): Promise<DineroSimulator> {
  const state = createDineroState(options);
  const validator = options.validateRequests
    ? new OpenApiRequestValidator(loadDineroOpenApi(options.openApiSpecPath ?? DEFAULT_DINERO_OPENAPI_PATH))
    : undefined;

  let rateLimit = options.rateLimit ?? { limit: 100, windowMs: 60_000 };
  let limiter = new SlidingWindowLimiter(rateLimit.limit, rateLimit.windowMs);

  const router = new SimRouter();
  const api = new DineroApiRoutes(router, state, validator);
  // Literal paths first: `/invoices/templates` must win over `/invoices/{guid}`.
  registerSettingsRoutes(api);
  registerContactRoutes(api);
  registerProductRoutes(api);
  for (const kind of ["invoice", "creditNote"] as const) {
    registerVoucherRoutes(api, kind);
    registerPaymentRoutes(api, kind);
  }
  registerManualVoucherRoutes(api);

  const gate = (request: SimRequest): SimResponse | undefined => {
    const authorization = request.header("authorization");
    if (!authorization) return unauthorized("missing");
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const grant = token ? state.tokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) return unauthorized("invalid");
    const organizationId = /^\/v\d+(?:\.\d+)?\/(\d+)(?:\/|$)/.exec(request.path)?.[1];
    if (organizationId !== undefined) {
      const org = state.organizations.get(Number(organizationId));
      if (!org || !grant.organizationIds.includes(org.Id)) return forbidden();
      if (!org.IsPro) return noProSubscription();
    }
    // Counted per organisation (per client for calls outside one), as Dinero documents.
    const waitMs = limiter.hit(organizationId ?? `client:${grant.clientId}`);
    return waitMs > 0
      ? quotaExceeded(rateLimit.limit, rateLimit.windowMs, Math.ceil(waitMs / 1000))
      : undefined;
  };

  const apiErrors: SimulatorErrorShapes = {
    notFound: () => notFound(),
    rateLimited: (seconds) => quotaExceeded(rateLimit.limit, rateLimit.windowMs, seconds),
    serverError,
    badJson: () => missingModel(),
  };
  const authErrors: SimulatorErrorShapes = {
    notFound: () => ({ status: 404, body: "Not Found" }),
    rateLimited: (seconds) => ({
      status: 429,
      headers: { "retry-after": String(seconds) },
      body: "Too Many Requests",
    }),
    serverError: () => ({ status: 500, body: "Internal Server Error" }),
    badJson: () => oauthError("invalid_request"),
  };

  const apiServer = await startSimulator({
    name: "dinero-api",
    router,
    errors: apiErrors,
    authenticate: gate,
    port: options.port,
  });
  const authServer = await startSimulator({
    name: "dinero-auth",
    router: createAuthRouter(state),
    errors: authErrors,
    port: options.authPort,
  }).catch(async (error: unknown) => {
    await apiServer.close();
    throw error;
  });

  return {
    url: apiServer.url,
    authUrl: authServer.url,
    state,
    faults: apiServer.faults,
    authFaults: authServer.faults,
    requests: apiServer.requests,
    setRateLimit(limit, windowMs) {
      rateLimit = { limit, windowMs };
      limiter = new SlidingWindowLimiter(limit, windowMs);
    },
    async close() {
      await Promise.all([apiServer.close(), authServer.close()]);
    },
  };
}
