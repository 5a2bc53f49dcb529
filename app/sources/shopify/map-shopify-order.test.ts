import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DraftError } from "../../domain/draft-errors";
import { mapShopifyOrder } from "./map-shopify-order";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/shopify/${name}`, import.meta.url), "utf8");
const presentment = { documentCurrency: "presentment" as const };

describe("mapShopifyOrder — REST webhook payloads (Shopify's own samples)", () => {
  it("keeps big ids as GID strings", () => {
    const order = mapShopifyOrder(fixture("orders-paid.sample.json"), presentment);
    expect(order.id).toBe("gid://shopify/Order/820982911946154508");
    expect(order.lines.map((l) => l.id)).toEqual([
      "gid://shopify/LineItem/487817672276298554",
      "gid://shopify/LineItem/976318377106520349",
      "gid://shopify/LineItem/315789986012684393",
    ]);
    expect(order.customer.id).toBe("gid://shopify/Customer/115310627314723954");
  });

  it("maps the order-level discount Shopify left unallocated, shipping, status and the B2B billing company", () => {
    const order = mapShopifyOrder(fixture("orders-paid.sample.json"), presentment);
    expect(order).toMatchObject({
      name: "#9999",
      number: "1234",
      currency: "USD",
      pricesIncludeTax: false,
      test: true,
      cancelledAt: "2021-12-31T19:00:00-05:00",
      financialStatus: "voided",
      totals: { total: 35_997, tax: 0, discounts: 2000, currentTotal: 36_997 },
      orderDiscounts: [{ amount: 2000, title: "" }],
      paymentGateways: ["visa", "bogus"],
    });
    expect(order.paidAt).toBeUndefined();
    expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.subtotal, l.taxLines])).toEqual([
      ["SKU2006-001", 1, 8999, 8999, []],
      ["SKU2006-020", 1, 15_999, 15_999, []],
      ["SKU2006-035", 1, 11_999, 11_999, []],
    ]);
    expect(order.shippingLines).toMatchObject([{ title: "Generic Shipping", price: 1000, taxLines: [] }]);
    expect(order.customer).toMatchObject({
      company: "Shipping Company",
      isBusiness: true,
      email: "jon@example.com",
    });
    expect(order.customer.shippingAddress?.countryCode).toBe("US");
  });

  it("maps per-line discount allocations with their code and per-line tax lines", () => {
    const order = mapShopifyOrder(fixture("order-with-refund.fixture.json"), presentment);
    expect(
      order.lines.map((l) => [
        l.title,
        l.subtotal,
        l.discounts,
        l.taxLines?.map((t) => [t.title, t.rate, t.amount]),
      ]),
    ).toEqual([
      ["IPod Nano - 8gb - green", 19_900, [{ amount: 334, code: "TENOFF" }], [["State Tax", 600, 398]]],
      ["IPod Nano - 8gb - red", 19_900, [{ amount: 333, code: "TENOFF" }], [["State Tax", 600, 398]]],
      ["IPod Nano - 8gb - black", 19_900, [{ amount: 333, code: "TENOFF" }], [["State Tax", 600, 398]]],
    ]);
    expect(order.orderDiscounts).toEqual([]);
    expect(order.discountCodes).toEqual(["TENOFF"]);
    expect(order.totals).toMatchObject({ total: 59_894, tax: 1194, currentTotal: 19_965 });
    expect(order.paidAt).toBe("2008-01-10T11:00:00-05:00");
  });

  it("maps the embedded refunds with their lines and transactions", () => {
    const [refund] = mapShopifyOrder(fixture("order-with-refund.fixture.json"), presentment).refunds;
    expect(refund).toMatchObject({
      id: "gid://shopify/Refund/509562969",
      note: "it broke during shipping",
      lines: [
        {
          lineId: "gid://shopify/LineItem/703073504",
          quantity: 1,
          amount: 19_566,
          tax: 398,
          restock: true,
          restockType: "legacy_restock",
        },
        { lineId: "gid://shopify/LineItem/466157049", quantity: 1, amount: 19_567, tax: 398, restock: true },
      ],
      transactions: [{ kind: "refund", status: "success", gateway: "bogus", amount: 20_900 }],
    });
  });
});

describe("mapShopifyOrder — Danish taxes-included order (synthetic)", () => {
  it("maps gift cards, VAT number and EAN from order attributes, and big ids", () => {
    const order = mapShopifyOrder(fixture("order-dk-taxes-included.synthetic.json"), presentment);
    expect(order.id).toBe("gid://shopify/Order/5550000000000000001");
    expect(order.pricesIncludeTax).toBe(true);
    expect(order.lines.map((l) => [l.sku, l.giftCard, l.taxable])).toEqual([
      ["KOP-BLA", false, true],
      ["TEKANDE-1", false, true],
      ["GAVEKORT-200", true, false],
    ]);
    expect(order.customer).toMatchObject({
      company: "Kaffebaren ApS",
      vatNumber: "DK12345678",
      ean: "5790001234567",
      isBusiness: true,
    });
    expect(order.customer.id).toBe("gid://shopify/Customer/7770000000000000001");
  });
});

describe("mapShopifyOrder — GraphQL order (synthetic, EUR presentment, DKK shop)", () => {
  it("reads the presentment money by default", () => {
    const order = mapShopifyOrder(fixture("order-graphql-eur-oss.synthetic.json"), presentment);
    expect(order).toMatchObject({
      id: "gid://shopify/Order/6001234567890",
      number: "2087",
      currency: "EUR",
      shopCurrency: "DKK",
      presentmentCurrency: "EUR",
    });
    expect(order.totals).toMatchObject({ total: 7930, tax: 1266 });
    expect(order.lines[1]).toMatchObject({
      sku: "MUG-2",
      quantity: 3,
      unitPrice: 1200,
      subtotal: 3600,
      discounts: [{ amount: 360, code: "WILLKOMMEN" }],
    });
    expect(order.lines[1]?.taxLines).toEqual([
      { title: "DE MwSt", rate: 1900, amount: 517, rateSource: "stated" },
    ]);
    expect(order.transactions.map((t) => [t.kind, t.gateway, t.amount])).toEqual([
      ["sale", "gift_card", 2000],
      ["sale", "shopify_payments", 5930],
      ["refund", "shopify_payments", 1080],
    ]);
    expect(order.fulfilledAt).toBe("2025-06-03T07:45:00Z");
    expect(order.refunds[0]?.lines).toEqual([
      {
        lineId: "gid://shopify/LineItem/7002",
        sku: "MUG-2",
        title: "Kaffeebecher - Grün",
        quantity: 1,
        amount: 1080,
        tax: 172,
        restock: true,
        restockType: "return",
        path: "refunds[0].refundLineItems[0]",
      },
    ]);
  });

  it("reads the shop money when the shop books in its own currency", () => {
    const order = mapShopifyOrder(fixture("order-graphql-eur-oss.synthetic.json"), {
      documentCurrency: "shop",
    });
    expect(order.currency).toBe("DKK");
    expect(order.totals.total).toBe(59_150);
    expect(order.transactions[0]?.amount).toBe(14_920);
  });

  it("accepts the bare node and edges connections", () => {
    const wrapped = JSON.parse(fixture("order-graphql-eur-oss.synthetic.json")) as {
      data: { order: Record<string, unknown> & { lineItems: { nodes: unknown[] } } };
    };
    const bare = wrapped.data.order;
    const edges = { ...bare, lineItems: { edges: bare.lineItems.nodes.map((node) => ({ node })) } };
    expect(mapShopifyOrder(edges, presentment).lines).toHaveLength(2);
  });
});

describe("mapShopifyOrder — bad input names the field", () => {
  const rest = () =>
    JSON.parse(fixture("order-dk-taxes-included.synthetic.json")) as Record<string, unknown> & {
      line_items: Array<Record<string, unknown>>;
    };

  it("unknown currency", () => {
    const order = rest();
    order.currency = "XYZ";
    expect(() => mapShopifyOrder(order, presentment)).toThrow(/^currency: unknown currency "XYZ"/);
  });

  it("negative quantity", () => {
    const order = rest();
    order.line_items[0]!.quantity = -2;
    expect(() => mapShopifyOrder(order, presentment)).toThrow(
      /^line_items\[0\]\.quantity: quantity must be a whole number ≥ 0, got -2/,
    );
  });

  it("an amount that is not a number", () => {
    const order = rest();
    order.line_items[1]!.price = "12,50";
    delete order.line_items[1]!.price_set;
    expect(() => mapShopifyOrder(order, presentment)).toThrow(
      /^line_items\[1\]\.price: "12,50" is not a decimal amount/,
    );
  });

  it("a missing required field", () => {
    const order = rest();
    delete order.total_price;
    expect(() => mapShopifyOrder(order, presentment)).toThrow(DraftError);
    expect(() => mapShopifyOrder(order, presentment)).toThrow(/^total_price:/);
  });

  it("presentment amounts missing for a foreign-currency order", () => {
    const order = JSON.parse(fixture("orders-paid.sample.json")) as Record<string, unknown>;
    order.presentment_currency = "EUR";
    expect(() => mapShopifyOrder(order, presentment)).toThrow(/_set: (expected EUR|the amount in EUR)/);
  });
});

describe("mapShopifyOrder — the steps REST and GraphQL share", () => {
  const dkk = (amount: string) => ({ amount, currency_code: "DKK" });
  const bag = (shop: string, presentment: string) => ({
    shopMoney: { amount: shop, currencyCode: "DKK" },
    presentmentMoney: { amount: presentment, currencyCode: "EUR" },
  });

  it("REST: leaves out a line of quantity 0 and a removed shipping line, and books tip and duties as fees", () => {
    const order = JSON.parse(fixture("order-dk-taxes-included.synthetic.json")) as Record<string, unknown> & {
      line_items: Array<Record<string, unknown>>;
      shipping_lines: Array<Record<string, unknown>>;
    };
    // JSON.parse rounds the numeric ids; the GIDs stay exact.
    const kept = [0, 2].map((i) => order.line_items[i]!.admin_graphql_api_id);
    order.line_items[1]!.quantity = 0;
    order.shipping_lines[0]!.is_removed = true;
    order.total_tip_received = "20.00";
    order.original_total_duties_set = { shop_money: dkk("15.00"), presentment_money: dkk("15.00") };
    const mapped = mapShopifyOrder(order, presentment);
    expect(mapped.lines.map((line) => line.id)).toEqual(kept);
    expect(mapped.lines.map((line) => line.path)).toEqual(["line_items[0]", "line_items[2]"]);
    expect(mapped.shippingLines).toEqual([]);
    expect(mapped.fees).toStrictEqual([
      { id: "tip", title: "Tip", amount: 2000, taxLines: [], taxable: false, path: "total_tip_received" },
      {
        id: "duties",
        title: "Duties",
        amount: 1500,
        taxLines: [],
        taxable: false,
        path: "original_total_duties_set",
      },
    ]);
    expect(mapped.notes).toEqual(
      expect.arrayContaining([
        { key: "preview.warning.lineLeftOut", params: { field: "line_items[1]" } },
        { key: "preview.warning.dutiesFee", params: {} },
      ]),
    );
  });

  it("GraphQL: the same, read from money bags in the document currency", () => {
    const wrapped = JSON.parse(fixture("order-graphql-eur-oss.synthetic.json")) as {
      data: {
        order: Record<string, unknown> & {
          lineItems: { nodes: Array<Record<string, unknown>> };
          shippingLines: { nodes: Array<Record<string, unknown>> };
        };
      };
    };
    const order = wrapped.data.order;
    const kept = order.lineItems.nodes[1]!.id;
    order.lineItems.nodes[0]!.quantity = 0;
    order.shippingLines.nodes[0]!.isRemoved = true;
    order.totalTipReceivedSet = bag("14.92", "2.00");
    order.originalTotalDutiesSet = bag("37.30", "5.00");
    const mapped = mapShopifyOrder(wrapped, presentment);
    expect(mapped.lines.map((line) => [line.id, line.path])).toEqual([[kept, "lineItems[1]"]]);
    expect(mapped.shippingLines).toEqual([]);
    expect(mapped.fees.map((fee) => [fee.id, fee.amount, fee.path])).toEqual([
      ["tip", 200, "totalTipReceivedSet"],
      ["duties", 500, "originalTotalDutiesSet"],
    ]);
    expect(mapped.notes).toContainEqual({
      key: "preview.warning.lineLeftOut",
      params: { field: "lineItems[0]" },
    });
  });

  it("GraphQL: a quantity that is not a whole number names the line", () => {
    const wrapped = JSON.parse(fixture("order-graphql-eur-oss.synthetic.json")) as {
      data: { order: { lineItems: { nodes: Array<Record<string, unknown>> } } };
    };
    wrapped.data.order.lineItems.nodes[1]!.quantity = 1.5;
    expect(() => mapShopifyOrder(wrapped, presentment)).toThrow(
      /^lineItems\[1\]\.quantity: quantity must be a whole number ≥ 0, got 1.5/,
    );
  });
});
