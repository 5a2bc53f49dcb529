import type { FaultController } from "../kit/faults";
import { SlidingWindowLimiter } from "../kit/rate-limit";
import { type SimRequest, type SimResponse, SimRouter } from "../kit/router";
import { type RecordedRequest, startSimulator } from "../kit/simulator-server";
import { SimBadBodyError } from "./sim-body";
import { createDaybookTransaction, getDaybookTransaction, listDaybookTransactions } from "./sim-daybook";
import {
  createContact,
  createContactPerson,
  getContact,
  listContactPersons,
  listContacts,
  updateContact,
} from "./sim-contacts";
import { SimNotFoundError, SimValidationError, simErrors, validationResponse } from "./sim-errors";
import {
  createInvoice,
  deleteInvoice,
  getInvoice,
  listInvoices,
  sendInvoiceEmail,
  updateInvoice,
} from "./sim-invoices";
import { getLookup, getOrganization, getOwnOrganization, listLookup } from "./sim-lookups";
import { createBankPayment, getBankPayment, listBankPayments, updateBankPayment } from "./sim-payments";
import {
  createProduct,
  createProductPrice,
  getProduct,
  listProductPrices,
  listProducts,
  updateProduct,
  updateProductPrice,
} from "./sim-products";
import { type SeedOptions, createSeededState } from "./sim-seed";
import type { BillySimState } from "./sim-state";

/**
 * A local Billy v2 API (https://api.billysbilling.com/v2) on 127.0.0.1: same paths, methods,
 * `X-Access-Token` authentication, JSON envelopes and error bodies, backed by in-memory state.
 */

export const DEFAULT_SIM_ACCESS_TOKEN = "billy-sim-access-token";

/**
 * Billy publishes no v2 rate limit, yet clients see 429 with Retry-After in practice. The
 * simulator enforces a per-token sliding window; the default is an assumption, settable per test.
 */
export const DEFAULT_SIM_RATE_LIMIT = { limit: 300, windowMs: 60_000 };

export interface BillySimulatorOptions extends SeedOptions {
  accessToken?: string;
  rateLimit?: { limit: number; windowMs: number };
  port?: number;
}

export interface BillySimulator {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The adapter's `endpoints.apiBaseUrl`: `${url}/v2`. */
  apiBaseUrl: string;
  accessToken: string;
  state: BillySimState;
  faults: FaultController;
  requests: RecordedRequest[];
  setRateLimit(limit: number, windowMs: number): void;
  close(): Promise<void>;
}

type Handler = (state: BillySimState, request: SimRequest) => SimResponse;
type Methods = Partial<Record<"GET" | "POST" | "PUT" | "DELETE", Handler>>;

const ROUTES: Array<[string, Methods]> = [
  ["/v2/organization", { GET: getOwnOrganization }],
  ["/v2/organizations/:id", { GET: getOrganization }],
  ["/v2/accounts", { GET: listLookup("accounts") }],
  ["/v2/accounts/:id", { GET: getLookup("accounts") }],
  ["/v2/taxRates", { GET: listLookup("taxRates") }],
  ["/v2/taxRates/:id", { GET: getLookup("taxRates") }],
  ["/v2/salesTaxRulesets", { GET: listLookup("salesTaxRulesets") }],
  ["/v2/salesTaxRulesets/:id", { GET: getLookup("salesTaxRulesets") }],
  ["/v2/salesTaxRules", { GET: listLookup("salesTaxRules") }],
  ["/v2/currencies", { GET: listLookup("currencies") }],
  ["/v2/currencies/:id", { GET: getLookup("currencies") }],
  ["/v2/countries", { GET: listLookup("countries") }],
  ["/v2/countries/:id", { GET: getLookup("countries") }],
  ["/v2/contacts", { GET: listContacts, POST: createContact }],
  ["/v2/contacts/:id", { GET: getContact, PUT: updateContact }],
  ["/v2/contactPersons", { GET: listContactPersons, POST: createContactPerson }],
  ["/v2/products", { GET: listProducts, POST: createProduct }],
  ["/v2/products/:id", { GET: getProduct, PUT: updateProduct }],
  ["/v2/productPrices", { GET: listProductPrices, POST: createProductPrice }],
  ["/v2/productPrices/:id", { PUT: updateProductPrice }],
  ["/v2/invoices", { GET: listInvoices, POST: createInvoice }],
  ["/v2/invoices/:id", { GET: getInvoice, PUT: updateInvoice, DELETE: deleteInvoice }],
  ["/v2/invoices/:invoiceId/emails", { POST: sendInvoiceEmail }],
  ["/v2/daybookTransactions", { GET: listDaybookTransactions, POST: createDaybookTransaction }],
  ["/v2/daybookTransactions/:id", { GET: getDaybookTransaction }],
  ["/v2/bankPayments", { GET: listBankPayments, POST: createBankPayment }],
  // DELETE answers 405 on the live API although the docs list "delete"; voiding is a PUT.
  ["/v2/bankPayments/:id", { GET: getBankPayment, PUT: updateBankPayment }],
];

function guarded(state: BillySimState, handler: Handler) {
  return (request: SimRequest): SimResponse => {
    try {
      return handler(state, request);
    } catch (error) {
      if (error instanceof SimValidationError) return validationResponse(error);
      if (error instanceof SimNotFoundError) return simErrors.recordNotFound(error);
      if (error instanceof SimBadBodyError || error instanceof SyntaxError)
        return simErrors.invalidRequestBody();
      throw error;
    }
  };
}

export async function startBillySimulator(options: BillySimulatorOptions = {}): Promise<BillySimulator> {
  const accessToken = options.accessToken ?? DEFAULT_SIM_ACCESS_TOKEN;
  const state = createSeededState({
    ...options,
    accessTokens: [accessToken, ...(options.accessTokens ?? [])],
  });
  const router = new SimRouter();
  for (const [pattern, methods] of ROUTES) {
    for (const method of ["GET", "POST", "PUT", "DELETE", "PATCH"] as const) {
      const handler = method === "PATCH" ? undefined : methods[method];
      router.on(
        method,
        pattern,
        handler ? guarded(state, handler) : () => simErrors.methodNotAllowed(method),
      );
    }
  }

  const rate = options.rateLimit ?? DEFAULT_SIM_RATE_LIMIT;
  let limiter = new SlidingWindowLimiter(rate.limit, rate.windowMs);

  const running = await startSimulator({
    name: "billy",
    router,
    port: options.port,
    errors: {
      notFound: (request) => simErrors.unknownResource(request.path),
      rateLimited: (seconds) => simErrors.rateLimited(seconds),
      serverError: () => simErrors.serverError(),
      badJson: () => simErrors.invalidRequestBody(),
    },
    // Authentication first, then the per-token limit: Billy identifies the caller by its token.
    authenticate: (request) => {
      const token = request.header("x-access-token");
      if (!token) return simErrors.authenticationRequired();
      if (!state.accessTokens.has(token)) return simErrors.invalidAccessToken();
      const waitMs = limiter.hit(token);
      return waitMs > 0 ? simErrors.rateLimited(Math.ceil(waitMs / 1000)) : undefined;
    },
  });

  return {
    url: running.url,
    apiBaseUrl: `${running.url}/v2`,
    accessToken,
    state,
    faults: running.faults,
    requests: running.requests,
    setRateLimit(limit, windowMs) {
      limiter = new SlidingWindowLimiter(limit, windowMs);
    },
    close: () => running.close(),
  };
}
