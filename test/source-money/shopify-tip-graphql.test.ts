import { describe, expect, test } from "vitest";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { buildInvoice } from "../../app/domain/build-invoice";
import { resolveSettings } from "../../app/domain/preview";
import { mapSourceOrder } from "../../app/sources/map-source";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import { restOrder } from "./shopify-rest-order";

const startSimulator = shopifySimulatorPerTest();

const SETTINGS = { version: 1, accounts: { tips: "TIPS" } };

/** The same order as the `orders/paid` webhook carries it and as the app reads it over GraphQL. */
async function bothWays(template: Record<string, unknown>, settingsInput: unknown = SETTINGS) {
  const { simulator, client } = await startSimulator();
  const stored = simulator.store.createOrderFromTemplate(template);
  const fetched = await shopifyOrderSource(client).fetchOrder(String(stored.graphql.id));
  const settings = resolveSettings(settingsInput);
  const draftOf = (payload: string) =>
    buildInvoice({ order: mapSourceOrder("shopify", payload, settings), settings, shop: "x.myshopify.com" })
      .draft;
  return {
    webhook: draftOf(JSON.stringify(stored.rest)),
    graphql: draftOf(fetched!.order),
    operations: simulator.operations.map((o) => o.name),
  };
}

// Taxes included, 25 %: 1 × 249.95 (tax 49.99) and a 20.00 tip line; total 269.95, tax 49.99.
const danishTip = restOrder({
  id: 4401,
  shop: "DKK",
  presentment: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Mokkakande",
      quantity: 1,
      price: ["249.95", "249.95"],
      tax: { rate: 0.25, price: ["49.99", "49.99"] },
    },
    { title: "Tip", quantity: 1, price: ["20.00", "20.00"], tipGateway: "shopify_payments" },
  ],
  total: ["269.95", "269.95"],
  tax: ["49.99", "49.99"],
  tip: "20.00",
});

// A Finnish order paid in EUR, booked in DKK: 1 × 24.90 EUR incl. 25.5 % ALV (5.06 EUR;
// shop money 185.74 DKK, tax 37.74 DKK), and two 2.50 EUR tip lines (18.65 DKK each);
// total 29.90 EUR = 223.04 DKK, tip 37.30 DKK.
const euroTips = restOrder({
  id: 4402,
  shop: "DKK",
  presentment: "EUR",
  taxesIncluded: true,
  country: "FI",
  lines: [
    {
      title: "Kahvikuppi",
      quantity: 1,
      price: ["185.74", "24.90"],
      tax: { rate: 0.255, price: ["37.74", "5.06"] },
    },
    { title: "Tip", quantity: 1, price: ["18.65", "2.50"], tipGateway: "shopify_payments" },
    { title: "Tip", quantity: 1, price: ["18.65", "2.50"], tipGateway: "shopify_payments" },
  ],
  total: ["223.04", "29.90"],
  tax: ["37.74", "5.06"],
  tip: "37.30",
});

describe("a Shopify tip read over Admin GraphQL is the tip the webhook states", () => {
  test("Danish order: one VAT-free tip line on the tips account, the same draft both ways", async () => {
    const { webhook, graphql, operations } = await bothWays(danishTip);
    const tips = graphql.lines.filter((l) => l.account === "TIPS");
    expect(tips.map((l) => [l.gross, l.vat, l.vatRate])).toEqual([[2000, 0, 0]]);
    expect(graphql.totals).toEqual({ net: 21_996, vat: 4999, gross: 26_995 });
    expect(graphql.vatByRate.filter((b) => b.vatRate !== 0)).toEqual([
      { vatRate: 2500, net: 19_996, vat: 4999 },
    ]);
    expect(graphql.lines).toEqual(webhook.lines);
    expect(graphql.totals).toEqual(webhook.totals);
    expect(graphql.vatByRate).toEqual(webhook.vatByRate);
    // The tip sales are asked for only because the order received a tip.
    expect(operations).toContain("OrderTipSales");
  });

  test("EUR order booked in DKK: two tip lines in shop money, counted once, the same draft both ways", async () => {
    const settings = {
      version: 1,
      documentCurrency: "shop",
      vat: { oss: { enabled: true } },
      accounts: { tips: "TIPS", revenue: { oss: "1061" } },
    };
    const { webhook, graphql } = await bothWays(euroTips, settings);
    expect(graphql.currency).toBe("DKK");
    expect(graphql.lines.filter((l) => l.account === "TIPS").map((l) => [l.gross, l.vat])).toEqual([
      [1865, 0],
      [1865, 0],
    ]);
    expect(graphql.totals.gross).toBe(22_304);
    expect(graphql.totals.vat).toBe(3774);
    expect(graphql.lines).toEqual(webhook.lines);
    expect(graphql.totals).toEqual(webhook.totals);
  });

  test("an order without a tip does not ask for its sales", async () => {
    const plain = restOrder({
      ...{ id: 4403, shop: "DKK", presentment: "DKK", taxesIncluded: true, country: "DK" },
      lines: [
        {
          title: "Kop",
          quantity: 2,
          price: ["50.00", "50.00"],
          tax: { rate: 0.25, price: ["20.00", "20.00"] },
        },
      ],
      total: ["100.00", "100.00"],
      tax: ["20.00", "20.00"],
    });
    const { graphql, operations } = await bothWays(plain);
    expect(graphql.lines.some((l) => l.account === "TIPS")).toBe(false);
    expect(operations).not.toContain("OrderTipSales");
  });
});
