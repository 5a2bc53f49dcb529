import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { LedgerHarness, StartedLedger } from "../contract/ledger-harness";
import { prepareRefs } from "../contract/ledger-contract-suite";
import type { CorpusCase } from "./corpus-cases";
import { corpusDraft } from "./corpus-draft";
import { shopifyOrder } from "./shopify-payload";

/**
 * A Danish customer pays a DKK shop in EUR and the invoice is in EUR: Shopify's own rate travels
 * to the ledgers whose API takes one, instead of their daily rate.
 *   1 × 40.00 EUR incl. 25 % (tax 8.00 EUR); shop money 298.44 DKK (tax 59.69 DKK).
 *   Rate from the totals Shopify states: 298.44 / 40.00 = 7.461 DKK per EUR.
 * e-conomic quotes the base-currency cost of 100 units: 746.1. Billy quotes per unit: 7.461.
 * Dinero's invoice takes no rate (its create model has none; it converts at its own rate), nor
 * does Dynaccount's debtor_order: both book the EUR document without one.
 */
const payload = shopifyOrder({
  id: 301,
  number: 3301,
  shopCurrency: "DKK",
  presentmentCurrency: "EUR",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Kaffekværn",
      sku: "KV-EUR",
      quantity: 1,
      price: ["298.44", "40.00"],
      tax: [{ rate: 0.25, price: ["59.69", "8.00"] }],
    },
  ],
  totals: { total: ["298.44", "40.00"], tax: ["59.69", "8.00"] },
});
const eurCase: CorpusCase = {
  name: "EUR invoice in a DKK ledger",
  source: "shopify",
  payload,
  expected: { currency: "EUR", gross: 4000, vatByRate: { 2500: 800 } },
  ledgers: true,
};

const EXPECTED_RATE: Record<LedgerProviderId, number | undefined> = {
  economic: 746.1,
  billy: 7.461,
  dinero: undefined,
  dynaccount: undefined,
};

for (const harness of [dineroHarness, billyHarness, economicHarness, dynaccountHarness] as LedgerHarness[]) {
  describe(`exchange rate on ${harness.provider}`, () => {
    let ledger: StartedLedger;
    beforeAll(async () => {
      ledger = await harness.start();
    });
    afterAll(async () => {
      await ledger.close();
    });

    it("a EUR invoice carries Shopify's rate where the ledger takes one", async () => {
      const { sales, salesNoVat, rounding, deposit } = harness.accounts;
      const draft = corpusDraft(
        eurCase,
        payload,
        {
          version: 1,
          documentCurrency: "presentment",
          accounts: { revenue: { domestic: sales, exempt: salesNoVat }, tips: salesNoVat },
          rounding: { account: rounding },
          payments: { defaultDepositAccount: deposit },
          transfer: { products: "none" },
        },
        ledger.adapter.vatRounding,
      );
      expect(draft.currency).toBe("EUR");
      expect(draft.exchangeRate).toEqual({ from: "EUR", to: "DKK", rate: "7.461000" });
      const invoice = await ledger.adapter.createInvoice(draft, await prepareRefs(ledger.adapter, draft));
      expect(invoice.totalGross).toBe(4000);
      const stored = ledger.probe.documents().find((d) => d.id === invoice.id);
      expect(stored?.totalGross).toBe(4000);
      expect(stored?.vatByRate).toEqual({ 2500: 800 });
      expect(stored?.exchangeRate).toBe(EXPECTED_RATE[harness.provider]);
    });
  });
}
