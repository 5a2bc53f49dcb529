import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currency } from "../../domain/money";
import { mapShopifyRefund } from "./map-shopify-refund";
import { parseJsonSafely } from "./parse-json-safely";
import { ShopifyMoney } from "./shopify-money";

const fixture = (name: string) =>
  parseJsonSafely(readFileSync(new URL(`../../../test/fixtures/shopify/${name}`, import.meta.url), "utf8"));
const usd = {
  money: new ShopifyMoney("presentment", currency("USD"), currency("USD")),
  pricesIncludeTax: false,
};
const dkk = {
  money: new ShopifyMoney("presentment", currency("DKK"), currency("DKK")),
  pricesIncludeTax: true,
};

describe("mapShopifyRefund", () => {
  it("maps a line-item refund (refunds/create payload)", () => {
    const refund = mapShopifyRefund(fixture("refund-line-items.fixture.json"), usd);
    expect(refund).toMatchObject({
      source: "shopify",
      id: "gid://shopify/Refund/509562969",
      orderId: "gid://shopify/Order/450789469",
      createdAt: "2025-04-02T11:38:15-05:00",
      currency: "USD",
      shipping: [],
      adjustments: [],
    });
    expect(refund.lines.map((l) => [l.lineId, l.sku, l.quantity, l.amount, l.tax, l.restock])).toEqual([
      ["gid://shopify/LineItem/703073504", "IPOD2008BLACK", 1, 19_566, 398, true],
      ["gid://shopify/LineItem/466157049", "IPOD2008GREEN", 1, 19_567, 398, true],
    ]);
    expect(refund.transactions).toEqual([
      {
        id: "gid://shopify/OrderTransaction/179259969",
        kind: "refund",
        status: "success",
        gateway: "bogus",
        amount: 20_900,
        processedAt: "2005-08-05T12:59:12-04:00",
      },
    ]);
  });

  it("maps a shipping-only refund with its shipping_refund adjustment", () => {
    const refund = mapShopifyRefund(fixture("refund-shipping-only.fixture.json"), usd);
    expect(refund.lines).toEqual([]);
    expect(refund.shipping).toEqual([
      {
        shippingLineId: "gid://shopify/ShippingLine/369256396",
        amount: 500,
        tax: undefined,
        path: "refund_shipping_lines[0]",
      },
    ]);
    expect(refund.adjustments).toEqual([
      { kind: "shippingRefund", amount: 500, tax: 0, reason: "Shipping refund" },
    ]);
    expect(refund.transactions[0]).toMatchObject({ amount: 500, gateway: "bogus" });
  });

  it("adds the adjustment's tax back for taxes-included orders", () => {
    const refund = mapShopifyRefund(fixture("refund-dk-taxes-included.synthetic.json"), dkk);
    expect(refund.adjustments).toEqual([
      { kind: "shippingRefund", amount: 4900, tax: 980, reason: "Shipping refund" },
    ]);
    expect(refund.shipping).toMatchObject([{ amount: 4900, tax: 980 }]);
    expect(refund.lines).toMatchObject([
      {
        lineId: "gid://shopify/LineItem/13500000000000000001",
        amount: 11_250,
        tax: 2250,
        restockType: "return",
      },
    ]);
    expect(refund.id).toBe("gid://shopify/Refund/9990000000000000001");
  });

  it("maps a GraphQL refund node", () => {
    const eur = {
      money: new ShopifyMoney("presentment", currency("DKK"), currency("EUR")),
      pricesIncludeTax: true,
    };
    const refund = mapShopifyRefund(fixture("refund-graphql-eur-oss.synthetic.json"), eur);
    expect(refund).toMatchObject({
      id: "gid://shopify/Refund/3001",
      currency: "EUR",
      lines: [{ quantity: 1, amount: 1080, tax: 172 }],
    });
    expect(refund.transactions).toMatchObject([{ kind: "refund", amount: 1080 }]);
  });

  it("tells a GraphQL shipping refund (reason null: 2026-10 has no `kind`) from a discrepancy", () => {
    const bag = (amount: string) => ({
      shopMoney: { amount, currencyCode: "DKK" },
      presentmentMoney: { amount, currencyCode: "DKK" },
    });
    const refund = mapShopifyRefund(
      {
        id: "gid://shopify/Refund/77",
        createdAt: "2025-05-20T09:00:00Z",
        refundLineItems: { nodes: [] },
        refundShippingLines: {
          nodes: [{ subtotalAmountSet: bag("49.00"), taxAmountSet: bag("9.80"), shippingLine: null }],
        },
        orderAdjustments: {
          nodes: [
            { amountSet: bag("-39.20"), taxAmountSet: bag("-9.80"), reason: null },
            {
              amountSet: bag("5.00"),
              taxAmountSet: bag("0.00"),
              reason: "REFUND_DISCREPANCY",
            },
            { amountSet: bag("-20.00"), taxAmountSet: bag("-4.00"), reason: "RESTOCK" },
          ],
        },
        transactions: { nodes: [] },
      },
      dkk,
    );
    // Taxes included: the shipping adjustment is −39.20 − 9.80 = −49.00, i.e. 49.00 back.
    expect(refund.adjustments).toEqual([
      { kind: "shippingRefund", amount: 4900, tax: 980 },
      { kind: "refundDiscrepancy", amount: -500, tax: 0, reason: "REFUND_DISCREPANCY" },
      { kind: "other", amount: 2400, tax: 400, reason: "RESTOCK" },
    ]);
  });

  it("refuses a refunded quantity that is not a whole number ≥ 0, naming the line (REST and GraphQL)", () => {
    const rest = fixture("refund-line-items.fixture.json") as {
      refund?: { refund_line_items: Array<{ quantity: number }> };
      refund_line_items?: Array<{ quantity: number }>;
    };
    const restLines = rest.refund?.refund_line_items ?? rest.refund_line_items ?? [];
    restLines[0]!.quantity = -1;
    expect(() => mapShopifyRefund(rest, usd)).toThrow(
      /refund_line_items\[0\]\.quantity: quantity must be a whole number ≥ 0, got -1/,
    );
    const eur = {
      money: new ShopifyMoney("presentment", currency("DKK"), currency("EUR")),
      pricesIncludeTax: true,
    };
    const graphql = fixture("refund-graphql-eur-oss.synthetic.json");
    const nodes: unknown = JSON.parse(JSON.stringify(graphql).replace('"quantity":1', '"quantity":0.5'));
    expect(() => mapShopifyRefund(nodes, eur)).toThrow(
      /refundLineItems\[0\]\.quantity: quantity must be a whole number ≥ 0, got 0.5/,
    );
  });

  it("leaves out a transaction in another currency than the document, with a note", () => {
    const shopMode = {
      money: new ShopifyMoney("shop", currency("DKK"), currency("EUR")),
      pricesIncludeTax: true,
    };
    const raw = fixture("refund-dk-taxes-included.synthetic.json") as {
      refund: { transactions: Array<{ currency: string }> };
    };
    raw.refund.transactions[0]!.currency = "EUR";
    const refund = mapShopifyRefund(raw, shopMode);
    expect(refund.transactions).toEqual([]);
    expect(refund.notes[0]).toMatchObject({
      key: "preview.warning.transactionOtherCurrency",
      params: { currency: "EUR" },
    });
  });
});
