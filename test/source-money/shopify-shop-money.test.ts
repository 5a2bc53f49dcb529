import { describe, expect, test } from "vitest";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { buildCreditNote } from "../../app/domain/build-credit-note";
import { buildInvoice } from "../../app/domain/build-invoice";
import { resolveSettings } from "../../app/domain/preview";
import { mapSourceOrder, mapSourceRefund } from "../../app/sources/map-source";
import { withTransactionShopMoney } from "../../app/sources/shopify/admin-graphql/transaction-shop-money";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import { restOrder } from "./shopify-rest-order";

const startSimulator = shopifySimulatorPerTest();

const SHOP = "x.myshopify.com";
// Finnish OSS order paid in EUR, the books in DKK (the shop's currency).
const settings = resolveSettings({
  version: 1,
  documentCurrency: "shop",
  vat: { oss: { enabled: true } },
  accounts: { revenue: { oss: "1061" } },
});

// 1 × 29.90 EUR incl. 25.5 % ALV (6.08 EUR). Shopify's shop money: 223.05 DKK, tax 45.32 DKK.
// Paid with one card sale stated, as REST states transactions, in EUR only.
const finnish = restOrder({
  id: 4501,
  shop: "DKK",
  presentment: "EUR",
  taxesIncluded: true,
  country: "FI",
  lines: [
    {
      title: "Teekannu",
      quantity: 1,
      price: ["223.05", "29.90"],
      tax: { rate: 0.255, price: ["45.32", "6.08"] },
    },
  ],
  total: ["223.05", "29.90"],
  tax: ["45.32", "6.08"],
  transactions: [{ kind: "sale", gateway: "shopify_payments", amount: "29.90", currency: "EUR" }],
});

// The whole line back, to the card: the refund webhook states the money in EUR only.
const fullRefund = {
  refund: {
    note: "Returned",
    refund_line_items: [
      {
        line_item_id: 9_100_000,
        quantity: 1,
        restock_type: "return",
        subtotal: 223.05,
        subtotal_set: {
          shop_money: { amount: "223.05", currency_code: "DKK" },
          presentment_money: { amount: "29.90", currency_code: "EUR" },
        },
        total_tax: 45.32,
        total_tax_set: {
          shop_money: { amount: "45.32", currency_code: "DKK" },
          presentment_money: { amount: "6.08", currency_code: "EUR" },
        },
      },
    ],
    order_adjustments: [],
    transactions: [
      { kind: "refund", status: "success", gateway: "shopify_payments", amount: "29.90", currency: "EUR" },
    ],
  },
};

async function start() {
  const { simulator, client } = await startSimulator();
  const stored = simulator.store.createOrderFromTemplate(finnish);
  return { sim: simulator, stored, client, orderGid: String(stored.graphql.id) };
}

describe("a document in the shop currency takes Shopify's shop money for every transaction", () => {
  test("EUR order invoiced in DKK over GraphQL: the payment is the shop-money total to the øre", async () => {
    const { client, orderGid } = await start();
    const fetched = await shopifyOrderSource(client).fetchOrder(orderGid);
    const order = mapSourceOrder("shopify", fetched!.order, settings);
    const invoice = buildInvoice({ order, settings, shop: SHOP }).draft;
    expect(invoice.currency).toBe("DKK");
    expect(invoice.totals.gross).toBe(22_305);
    expect(invoice.payments.map((p) => p.amount)).toEqual([22_305]);
    expect(invoice.payments[0]?.reference).toBe("gid://shopify/OrderTransaction/45010");
  });

  test("refund webhook in EUR: the shop money is read from Shopify, and the credit note pays back 223.05 DKK", async () => {
    const { sim, client, orderGid, stored } = await start();
    const webhook = sim.store.createRefundFromTemplate(orderGid, fullRefund);
    const order = mapSourceOrder("shopify", JSON.stringify(stored.rest), settings);
    const invoice = buildInvoice({ order, settings, shop: SHOP }).draft;

    // As the webhook states it, the EUR refund cannot be booked in DKK: left out, not guessed.
    const bare = mapSourceRefund("shopify", JSON.stringify(webhook), order, settings);
    expect(bare.transactions).toEqual([]);
    expect(bare.notes).toContainEqual({
      key: "preview.warning.transactionOtherCurrency",
      params: { field: "transactions[0]", currency: "EUR", document: "DKK" },
    });

    const enriched = await withTransactionShopMoney(client, webhook, "DKK");
    expect(sim.operations.map((o) => o.name)).toContain("RefundTransactionMoney");
    const refund = mapSourceRefund("shopify", JSON.stringify(enriched), order, settings);
    const creditNote = buildCreditNote({ refund, invoice, settings, shop: SHOP });
    expect(refund.transactions.map((t) => [t.kind, t.amount])).toEqual([["refund", 22_305]]);
    expect(creditNote.totals.gross).toBe(22_305);
    expect(creditNote.payments.map((p) => p.amount)).toEqual([22_305]);
  });

  test("a refund already in the shop currency asks Shopify nothing", async () => {
    const { sim, client } = await start();
    const inShopCurrency = {
      refund: {
        id: 77,
        transactions: [{ id: 78, kind: "refund", status: "success", amount: "10.00", currency: "DKK" }],
      },
    };
    expect(await withTransactionShopMoney(client, inShopCurrency, "DKK")).toBe(inShopCurrency);
    expect(sim.operations.map((o) => o.name)).not.toContain("RefundTransactionMoney");
  });

  test("a transaction Shopify does not know is refused, not converted", async () => {
    const { client } = await start();
    const unknown = {
      refund: {
        id: 79,
        transactions: [{ id: 80, kind: "refund", status: "success", amount: "10.00", currency: "EUR" }],
      },
    };
    await expect(withTransactionShopMoney(client, unknown, "DKK")).rejects.toThrow(/no shop money/);
  });
});
