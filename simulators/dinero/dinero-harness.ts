import type { LedgerHarness, SimulatedDocument, SimulatorProbe } from "../../test/contract/ledger-harness";
import { vatPerRate } from "../kit/simulated-document";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import { createDineroAdapter } from "../../app/ledgers/dinero/dinero-adapter";
import type { DineroSimulator } from "./dinero-simulator";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "./dinero-simulator";
import { dineroAccountBalances } from "./manual-voucher-routes";
import type { OrganizationState } from "./simulator-state";
import { dueDate as voucherDueDate } from "./voucher-read-models";

/**
 * Dinero's side of the shared contract suite: the simulator (validating every body against
 * Dinero's OpenAPI document) and adapters pointed at it through real HTTP.
 */
export const dineroHarness: LedgerHarness = {
  provider: "dinero",
  accounts: {
    sales: "1000",
    salesNoVat: "1050",
    deposit: "55000",
    giftCardLiability: "63080",
    // The standard plan has no rounding account; cash differences is its nearest VAT-free one.
    rounding: "7380",
  },
  supportsLockedNumber: true,
  journal: {
    accounts: {
      clearing: "55100",
      bank: "55000",
      fees: "7420",
      disputes: "7380",
      reserves: "55040",
      adjustments: "7380",
    },
    // The draft is harmless; booking it is what moves the balances.
    isCommitRequest: (request) =>
      request.method === "POST" && /^\/v1\/\d+\/vouchers\/manuel\/[^/]+\/book\/?$/i.test(request.path),
  },
  isDocumentCreateRequest(kind, request) {
    const pattern = kind === "invoice" ? /^\/v1\/\d+\/invoices\/?$/i : /^\/v1\/\d+\/sales\/creditnotes\/?$/i;
    return request.method === "POST" && pattern.test(request.path);
  },
  async start(options) {
    // One simulator serves the whole suite (~75 requests within seconds, near Dinero's real
    // 100/min); the suite sets a low limit itself where it tests limiting.
    const simulator = await startDineroSimulator({
      validateRequests: true,
      rateLimit: { limit: 1000, windowMs: 60_000 },
    });
    const adapterFor = (apiKey: string) =>
      createSimulatorAdapter(simulator, apiKey, options?.adapterTimeoutMs);
    return {
      adapter: adapterFor(DINERO_SIMULATOR_DEFAULTS.apiKey),
      adapterWithBadCredentials: () => adapterFor("not-a-valid-api-key"),
      probe: dineroProbe(simulator),
      close: () => simulator.close(),
    };
  },
};

export function createSimulatorAdapter(
  simulator: DineroSimulator,
  apiKey: string = DINERO_SIMULATOR_DEFAULTS.apiKey,
  timeoutMs?: number,
): LedgerAdapter {
  return createDineroAdapter(
    {
      credentials: { kind: "apiKey", ...DINERO_SIMULATOR_DEFAULTS.personalClient, apiKey },
      organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId),
      endpoints: { apiBaseUrl: simulator.url, authBaseUrl: simulator.authUrl },
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
    // The simulator's own limiter is what the tests exercise; the client-side budget stays out of the way.
    { requestsPerMinute: 100_000 },
  );
}

export function dineroProbe(
  simulator: DineroSimulator,
  organizationId: number = DINERO_SIMULATOR_DEFAULTS.organizationId,
): SimulatorProbe {
  const org = (): OrganizationState => {
    const found = simulator.state.organizations.get(organizationId);
    if (!found) throw new Error(`simulator has no organisation ${organizationId}`);
    return found;
  };
  const live = <T extends { DeletedAt: string | null }>(items: Iterable<T>) =>
    [...items].filter((item) => item.DeletedAt === null);
  return {
    faults: simulator.faults,
    counts() {
      const state = org();
      const invoices = live(state.invoices.values());
      const creditNotes = live(state.creditNotes.values());
      return {
        customers: live(state.contacts.values()).length,
        products: live(state.products.values()).length,
        invoices: invoices.length,
        creditNotes: creditNotes.length,
        payments: invoices.reduce((sum, voucher) => sum + voucher.payments.length, 0),
        refunds: creditNotes.reduce((sum, voucher) => sum + voucher.payments.length, 0),
        emails: state.emails.length,
      };
    },
    documents() {
      const state = org();
      return live([...state.invoices.values(), ...state.creditNotes.values()]).map(
        (voucher): SimulatedDocument => ({
          kind: voucher.kind,
          id: voucher.Guid,
          externalReference: voucher.ExternalReference ?? "",
          booked: voucher.Status === "Booked",
          ...(voucher.Number > 0 ? { number: String(voucher.Number) } : {}),
          totalGross: voucher.totals.gross,
          dueDate: voucherDueDate(voucher),
          vatByRate: vatPerRate(
            voucher.lines.map((line) => ({ rate: Math.round(line.vatRate * 10_000), vat: line.vat })),
          ),
          ...(voucher.CreditNoteFor ? { creditsInvoiceId: voucher.CreditNoteFor } : {}),
        }),
      );
    },
    requestCount: () => simulator.requests.length,
    setRateLimit: (limit, windowMs) => simulator.setRateLimit(limit, windowMs),
    accountBalances: () => dineroAccountBalances(org()),
  };
}
