import type { LedgerHarness, SimulatedDocument, SimulatorProbe } from "../../test/contract/ledger-harness";
import { createEconomicAdapter } from "../../app/ledgers/economic/economic-adapter";
import type { EconomicCredentials } from "../../app/ledgers/economic/economic-credentials";
import type { RunningEconomicSimulator } from "./economic-simulator";
import { startEconomicSimulator } from "./economic-simulator";
import { economicAccountBalances } from "./economic-sim-finance-vouchers";
import type { EconomicSimState, SimInvoice } from "./economic-sim-state";
import { roundHalfAway } from "./economic-sim-http";
import { vatPerRate } from "../kit/simulated-document";

/**
 * Runs the shared ledger contract against the e-conomic adapter and its simulator. Accounts are
 * from the simulator's seeded Danish chart (1010 sales with VAT, 5820 bank, …).
 */
export const economicHarness: LedgerHarness = {
  provider: "economic",
  accounts: {
    sales: "1010",
    salesNoVat: "1020",
    deposit: "5820",
    giftCardLiability: "6850",
    rounding: "1090",
  },
  supportsLockedNumber: true,
  journal: {
    accounts: {
      clearing: "5830",
      bank: "5820",
      fees: "2750",
      disputes: "1090",
      reserves: "5810",
      adjustments: "1090",
    },
    isCommitRequest: (request) =>
      request.method === "POST" &&
      /^\/journals\/\d+\/vouchers$/.test(request.path) &&
      (request.body ?? "").includes("financeVouchers"),
  },
  // Invoices and credit notes are both created as draft invoices.
  isDocumentCreateRequest: (_kind, request) =>
    request.method === "POST" && request.path === "/invoices/drafts",
  async start(options) {
    const simulator = await startEconomicSimulator();
    const adapterFor = (credentials: EconomicCredentials) =>
      createEconomicAdapter(
        {
          credentials,
          endpoints: { apiBaseUrl: simulator.url, authBaseUrl: simulator.url },
          ...(options?.adapterTimeoutMs !== undefined ? { timeoutMs: options.adapterTimeoutMs } : {}),
        },
        { emailOnBooking: true },
      );
    return {
      adapter: adapterFor(simulator.tokens),
      adapterWithBadCredentials: () =>
        adapterFor({ ...simulator.tokens, agreementGrantToken: "revoked-grant-token" }),
      probe: economicProbe(simulator),
      close: () => simulator.close(),
    };
  },
};

export function economicProbe(simulator: RunningEconomicSimulator): SimulatorProbe {
  const { state } = simulator;
  const isCredit = (invoice: SimInvoice) => invoice.grossCents < 0;
  return {
    faults: simulator.faults,
    counts: () => {
      const entries = state.voucherEntries().filter((entry) => entry.customerInvoice !== undefined);
      const settles = (credit: boolean) =>
        entries.filter((entry) => {
          const invoice = state.findBooked(entry.customerInvoice as number);
          return invoice !== undefined && isCredit(invoice) === credit;
        }).length;
      return {
        customers: state.customers.size,
        products: state.products.size,
        invoices: state.invoices.filter((invoice) => !isCredit(invoice)).length,
        creditNotes: state.invoices.filter(isCredit).length,
        payments: settles(false),
        refunds: settles(true),
        emails: state.emails.length,
      };
    },
    documents: () => state.invoices.map((invoice) => toSimulatedDocument(invoice, state)),
    requestCount: () => simulator.requests.length,
    setRateLimit: (limit, windowMs) => simulator.bucket.configure(limit, windowMs),
    accountBalances: () => economicAccountBalances(state),
  };
}

function toSimulatedDocument(invoice: SimInvoice, state: EconomicSimState): SimulatedDocument {
  const booked = invoice.bookedInvoiceNumber !== undefined;
  const references = invoice.data.references as { other?: string } | undefined;
  const notes = invoice.data.notes as { heading?: string } | undefined;
  // e-conomic has no credit-note link; the adapter names the invoice in the heading.
  const credited = invoice.grossCents < 0 ? /faktura (\d+)/i.exec(notes?.heading ?? "")?.[1] : undefined;
  return {
    kind: invoice.grossCents < 0 ? "creditNote" : "invoice",
    id: String(booked ? invoice.bookedInvoiceNumber : invoice.draftInvoiceNumber),
    externalReference: references?.other ?? "",
    booked,
    ...(booked ? { number: String(invoice.bookedInvoiceNumber) } : {}),
    totalGross: Math.abs(invoice.grossCents),
    dueDate: invoice.dueDate,
    exchangeRate: invoice.exchangeRate,
    vatByRate: vatByCode(invoice, state),
    ...(credited ? { creditsInvoiceId: credited } : {}),
  };
}

/** e-conomic's VAT per VAT code: once on the code's summed net, as the simulator prices it. */
function vatByCode(invoice: SimInvoice, state: EconomicSimState): Record<number, number> {
  const netByCode = new Map<string, number>();
  for (const line of invoice.lines) {
    if (line.vatCode) netByCode.set(line.vatCode, (netByCode.get(line.vatCode) ?? 0) + line.netCents);
  }
  return vatPerRate(
    [...netByCode].map(([code, net]) => {
      const percent = state.vatAccounts.find((vat) => vat.vatCode === code)?.ratePercentage ?? 0;
      return { rate: Math.round(percent * 100), vat: roundHalfAway((net * percent) / 100) };
    }),
  );
}
