import type { LedgerHarness, SimulatedDocument, SimulatorProbe } from "../../test/contract/ledger-harness";
import { vatPerRate } from "../kit/simulated-document";
import { createBillyAdapter } from "../../app/ledgers/billy/billy-adapter";
import { type BillySimulator, startBillySimulator } from "./billy-simulator";
import { billyAccountBalances } from "./sim-daybook";
import { SEED } from "./sim-seed";

/** Runs the shared ledger contract suite against the Billy adapter and its simulator. */

export function billyProbe(simulator: BillySimulator): SimulatorProbe {
  const { state } = simulator;
  const settledKinds = () =>
    [...state.bankPayments.values()]
      .filter((payment) => !payment.isVoided)
      .map((payment) => {
        const modifier = state.balanceModifiers.get(payment.associationIds[0] ?? "");
        return state.invoices.get(modifier?.subjectReference.split(":")[1] ?? "")?.type;
      });
  return {
    faults: simulator.faults,
    counts: () => {
      const invoices = [...state.invoices.values()];
      const kinds = settledKinds();
      return {
        customers: state.contacts.size,
        products: state.products.size,
        invoices: invoices.filter((i) => i.type === "invoice").length,
        creditNotes: invoices.filter((i) => i.type === "creditNote").length,
        payments: kinds.filter((kind) => kind === "invoice").length,
        refunds: kinds.filter((kind) => kind === "creditNote").length,
        emails: state.emails.length,
      };
    },
    documents: () =>
      [...state.invoices.values()].map((invoice): SimulatedDocument => ({
        kind: invoice.type,
        id: invoice.id,
        externalReference: invoice.externalId ?? "",
        booked: invoice.state === "approved",
        ...(invoice.state === "approved" && invoice.invoiceNo ? { number: invoice.invoiceNo } : {}),
        totalGross: invoice.amountMinor + invoice.taxMinor,
        dueDate: invoice.dueDate,
        exchangeRate: invoice.exchangeRate,
        vatByRate: vatPerRate(
          [...state.invoiceLines.values()]
            .filter((line) => line.invoiceId === invoice.id)
            .map((line) => ({ rate: state.taxRates.get(line.taxRateId)?.rateBp ?? 0, vat: line.taxMinor })),
        ),
        ...(invoice.creditedInvoiceId ? { creditsInvoiceId: invoice.creditedInvoiceId } : {}),
      })),
    requestCount: () => simulator.requests.length,
    setRateLimit: (limit, windowMs) => simulator.setRateLimit(limit, windowMs),
    accountBalances: () => billyAccountBalances(state),
  };
}

export const billyHarness: LedgerHarness = {
  provider: "billy",
  accounts: {
    sales: SEED.accounts.salesVat,
    salesNoVat: SEED.accounts.salesNoVat,
    deposit: SEED.accounts.bank,
    giftCardLiability: SEED.accounts.giftCards,
    rounding: SEED.accounts.rounding,
  },
  supportsLockedNumber: true,
  journal: {
    accounts: {
      clearing: SEED.accounts.psp,
      bank: SEED.accounts.bank,
      fees: SEED.accounts.bankFees,
      disputes: SEED.accounts.rounding,
      reserves: SEED.accounts.cash,
      adjustments: SEED.accounts.rounding,
    },
    isCommitRequest: (request) => request.method === "POST" && request.path === "/v2/daybookTransactions",
  },
  // Invoices and credit notes are both created by POST /v2/invoices.
  isDocumentCreateRequest: (_kind, request) => request.method === "POST" && request.path === "/v2/invoices",
  async start(options) {
    const simulator = await startBillySimulator();
    const build = (accessToken: string) =>
      createBillyAdapter({
        credentials: { accessToken },
        endpoints: { apiBaseUrl: simulator.apiBaseUrl },
        ...(options?.adapterTimeoutMs !== undefined ? { timeoutMs: options.adapterTimeoutMs } : {}),
      });
    return {
      adapter: build(simulator.accessToken),
      adapterWithBadCredentials: () => build("not-a-billy-access-token"),
      probe: billyProbe(simulator),
      close: () => simulator.close(),
    };
  },
};
