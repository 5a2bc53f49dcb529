import { describe, expect, test } from "vitest";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { buildCreditNote } from "../../app/domain/build-credit-note";
import { buildInvoice } from "../../app/domain/build-invoice";
import { resolveSettings } from "../../app/domain/preview";
import { mapSourceOrder, mapSourceRefund } from "../../app/sources/map-source";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import { restOrder } from "./shopify-rest-order";

const startSimulator = shopifySimulatorPerTest();

const SHOP = "x.myshopify.com";
const settings = resolveSettings({ version: 1, accounts: { giftCardLiability: "63100" } });

// Taxes included, 25 %: 1 × 100.00 (tax 20.00) and 1 × 300.00 (tax 60.00); total 400.00.
const order = restOrder({
  id: 4601,
  shop: "DKK",
  presentment: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Kop",
      quantity: 1,
      price: ["100.00", "100.00"],
      tax: { rate: 0.25, price: ["20.00", "20.00"] },
    },
    {
      title: "Kande",
      quantity: 1,
      price: ["300.00", "300.00"],
      tax: { rate: 0.25, price: ["60.00", "60.00"] },
    },
  ],
  total: ["400.00", "400.00"],
  tax: ["80.00", "80.00"],
});

const dkk = (amount: string) => ({
  shop_money: { amount, currency_code: "DKK" },
  presentment_money: { amount, currency_code: "DKK" },
});

/**
 * A `refunds/create` body as Shopify sends it when the merchant returns part of the money to the
 * card and issues the rest as store credit (`refundMethods: [{ storeCreditRefund }]`): the store
 * credit is a refund transaction of its own on the `shopify_store_credit` gateway.
 */
function refundOfKande(transactions: Array<{ gateway: string; amount: string }>) {
  return {
    refund: {
      note: "Kande returned",
      refund_line_items: [
        {
          line_item_id: 9_100_001,
          quantity: 1,
          restock_type: "return",
          subtotal: 300.0,
          subtotal_set: dkk("300.00"),
          total_tax: 60.0,
          total_tax_set: dkk("60.00"),
        },
      ],
      order_adjustments: [],
      transactions: transactions.map((t) => ({
        kind: "refund",
        status: "success",
        currency: "DKK",
        ...t,
      })),
    },
  };
}

async function creditNotes(refundTemplate: Record<string, unknown>) {
  const { simulator, client } = await startSimulator();
  const stored = simulator.store.createOrderFromTemplate(order);
  const webhook = simulator.store.createRefundFromTemplate(String(stored.graphql.id), refundTemplate);
  const fetched = await shopifyOrderSource(client).fetchOrder(String(stored.graphql.id));
  const build = (orderPayload: string, refundPayload: string) => {
    const canonical = mapSourceOrder("shopify", orderPayload, settings);
    const invoice = buildInvoice({ order: canonical, settings, shop: SHOP }).draft;
    const refund = mapSourceRefund("shopify", refundPayload, canonical, settings);
    return buildCreditNote({ refund, invoice, settings, shop: SHOP });
  };
  return {
    webhook: build(JSON.stringify(stored.rest), JSON.stringify(webhook)),
    graphql: build(fetched!.order, fetched!.refunds[0]!.body),
  };
}

describe("a refund returned partly as store credit", () => {
  test("card 180.00 + store credit 120.00: the credit note is 300.00, the store credit on the liability", async () => {
    const { webhook, graphql } = await creditNotes(
      refundOfKande([
        { gateway: "shopify_payments", amount: "180.00" },
        { gateway: "shopify_store_credit", amount: "120.00" },
      ]),
    );
    for (const note of [webhook, graphql]) {
      expect(note.totals).toEqual({ net: 24_000, vat: 6000, gross: 30_000 });
      expect(note.payments.map((p) => [p.gateway, p.amount, p.depositAccount])).toEqual([
        ["shopify_payments", 18_000, "55000"],
        ["shopify_store_credit", 12_000, "63100"],
      ]);
    }
    expect(graphql.lines).toEqual(webhook.lines);
    for (const note of [webhook, graphql]) {
      expect(note.warnings).toContainEqual({
        key: "preview.warning.storeCreditIssued",
        params: { amount: "120.00", currency: "DKK" },
      });
    }
  });

  test("all of it as store credit: nothing leaves the bank, the liability grows by 300.00", async () => {
    const { webhook, graphql } = await creditNotes(
      refundOfKande([{ gateway: "shopify_store_credit", amount: "300.00" }]),
    );
    for (const note of [webhook, graphql]) {
      expect(note.totals.gross).toBe(30_000);
      expect(note.payments.map((p) => [p.amount, p.depositAccount])).toEqual([[30_000, "63100"]]);
    }
  });

  test("store credit without a liability account is refused with the setting to choose", () => {
    const bare = resolveSettings({ version: 1 });
    const canonical = mapSourceOrder("shopify", JSON.stringify(order), bare);
    const invoice = buildInvoice({ order: canonical, settings: bare, shop: SHOP }).draft;
    const refund = mapSourceRefund(
      "shopify",
      JSON.stringify(refundOfKande([{ gateway: "shopify_store_credit", amount: "300.00" }]).refund).replace(
        '"refund_line_items"',
        '"id":4700,"created_at":"2026-11-21T10:00:00+01:00","refund_line_items"',
      ),
      canonical,
      bare,
    );
    expect(() => buildCreditNote({ refund, invoice, settings: bare, shop: SHOP })).toThrow(/store credit/);
  });
});
