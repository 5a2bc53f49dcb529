import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatorAdapter } from "../../simulators/dinero/dinero-harness";
import {
  DINERO_SIMULATOR_DEFAULTS,
  startDineroSimulator,
  type DineroSimulator,
} from "../../simulators/dinero/dinero-simulator";
import { captureError, prepareRefs } from "../contract/ledger-contract-suite";
import type { CorpusCase } from "./corpus-cases";
import { corpusDraft } from "./corpus-draft";
import { shopifyOrder } from "./shopify-payload";

// A German OSS order (taxes included) paid in EUR, Shopify's tax lines, checked by hand:
//   2 × 24.90 coffee (food, 7 %) = 49.80: 49.80 × 7/107 = 3.2579 → 3.26
//   1 × 49.90 milk frother (19 %): 49.90 × 19/119 = 7.9672 → 7.97
//   shipping 7.90 (19 %): 7.90 × 19/119 = 1.2613 → 1.26
//   tax 3.26 + 7.97 + 1.26 = 12.49; total 49.80 + 49.90 + 7.90 = 107.60
// Shop money (DKK, as Shopify converted each figure at 7.46): 371.50 (tax 24.30), 372.25 (59.43),
//   shipping 58.93 (9.41); tax 93.14; total 802.68.
const payload = shopifyOrder({
  id: 2401,
  number: 2401,
  shopCurrency: "DKK",
  presentmentCurrency: "EUR",
  taxesIncluded: true,
  country: "DE",
  lines: [
    {
      title: "Kaffeebohnen 1 kg",
      sku: "BOHNEN-1",
      quantity: 2,
      price: ["185.75", "24.90"],
      tax: [{ rate: 0.07, title: "DE MwSt 7%", price: ["24.30", "3.26"] }],
    },
    {
      title: "Milchaufschäumer",
      sku: "SCHAUM-1",
      quantity: 1,
      price: ["372.25", "49.90"],
      tax: [{ rate: 0.19, title: "DE MwSt", price: ["59.43", "7.97"] }],
    },
  ],
  shipping: [{ title: "DHL", price: ["58.93", "7.90"], tax: [{ rate: 0.19, price: ["9.41", "1.26"] }] }],
  totals: { total: ["802.68", "107.60"], tax: ["93.14", "12.49"] },
});
const c: CorpusCase = {
  name: "Shopify DE OSS 19 % and 7 % invoiced in EUR",
  source: "shopify",
  payload,
  expected: { currency: "EUR", gross: 10_760, vatByRate: { 1900: 923, 700: 326 } },
  ledgers: false,
};

/**
 * OSS sales need accounts of their own in Dinero (the standard chart has none), one per
 * destination rate, since Dinero takes the VAT from the account. The merchant's accounts here:
 * 1410 at the German 19 % and 1411 at 7 %; the VAT codes are the organisation's own.
 */
function addOssAccounts(simulator: DineroSimulator) {
  const org = simulator.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
  if (!org) throw new Error("no organisation");
  org.vatTypes.push(
    { VatCode: "OSSDE19", Name: "OSS Tyskland 19%", VatRate: 0.19 },
    { VatCode: "OSSDE7", Name: "OSS Tyskland 7%", VatRate: 0.07 },
  );
  for (const [number, code, rate] of [
    [1410, "OSSDE19", "19"],
    [1411, "OSSDE7", "7"],
  ] as const) {
    org.accounts.push({
      AccountNumber: number,
      Name: `Salg OSS Tyskland ${rate}%`,
      VatCode: code,
      Category: "Turnover",
      CategoryName: "Omsætning",
      IsHidden: false,
      IsDefaultSalesAccount: false,
    });
  }
}

const ledgerSettings = (accounts: Record<string, unknown>) => ({
  version: 1,
  vat: { oss: { enabled: true } },
  documentCurrency: "presentment",
  accounts: { revenue: { domestic: "1000", exempt: "1050", oss: "1410" }, tips: "1050", ...accounts },
  rounding: { account: "7380" },
  payments: { defaultDepositAccount: "55000" },
  transfer: { products: "none" },
});

describe("OSS with several rates on Dinero, where VAT follows the account", () => {
  let simulator: DineroSimulator;
  beforeAll(async () => {
    simulator = await startDineroSimulator({ validateRequests: true });
    addOssAccounts(simulator);
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("books each rate's lines on that rate's account: Dinero's gross and VAT are the order's", async () => {
    const draft = corpusDraft(c, payload, ledgerSettings({ byRate: { oss: { "19": "1410", "7": "1411" } } }));
    const accountOf = (kind: string, rate: number) => [
      ...new Set(draft.lines.filter((l) => l.kind === kind && l.vatRate === rate).map((l) => l.account)),
    ];
    expect(accountOf("item", 700)).toEqual(["1411"]);
    expect(accountOf("item", 1900)).toEqual(["1410"]);
    expect(accountOf("shipping", 1900)).toEqual(["1410"]);
    expect(draft.totals.gross).toBe(c.expected.gross);
    expect(draft.vatByRate.map((r) => [r.vatRate, r.vat])).toEqual(
      expect.arrayContaining([
        [1900, 923],
        [700, 326],
      ]),
    );

    const adapter = createSimulatorAdapter(simulator);
    const invoice = await adapter.createInvoice(draft, await prepareRefs(adapter, draft));
    expect(invoice.totalGross).toBe(c.expected.gross);
    const stored = simulator.state.organizations
      .get(DINERO_SIMULATOR_DEFAULTS.organizationId)
      ?.invoices.get(invoice.id);
    expect(stored?.totals.gross).toBe(10_760);
    expect(stored?.totals.vat).toBe(923 + 326);
    const vatAt = (rate: number) =>
      (stored?.lines ?? []).filter((l) => l.vatRate === rate).reduce((a, l) => a + l.vat, 0);
    expect(vatAt(0.19)).toBe(923);
    expect(vatAt(0.07)).toBe(326);
  });

  it("without an account for 7 % the one OSS account books 19 % on everything, and the transfer stops", async () => {
    const draft = corpusDraft(c, { ...payload, id: 2402, name: "#2402" }, ledgerSettings({}));
    const adapter = createSimulatorAdapter(simulator);
    const error = await captureError(async () =>
      adapter.createInvoice(draft, await prepareRefs(adapter, draft)),
    );
    expect(error.merchantMessage).toContain("Dinero calculated");
  });
});
