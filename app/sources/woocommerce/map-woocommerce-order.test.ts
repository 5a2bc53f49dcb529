import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapWooCommerceOrder } from "./map-woocommerce-order";
import { decodeEntities } from "./decode-entities";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/woocommerce/${name}`, import.meta.url), "utf8");

describe("mapWooCommerceOrder", () => {
  it("maps the docs order 727: string money, derived rate when rate_percent is missing", () => {
    const order = mapWooCommerceOrder(fixture("order-727.docs.json"));
    expect(order).toMatchObject({
      source: "woocommerce",
      id: "727",
      name: "#727",
      number: "727",
      currency: "USD",
      pricesIncludeTax: false,
      paidAt: "2017-03-22T16:28:08",
      totals: { total: 2935, tax: 135, discounts: 0 },
      paymentGateways: ["bacs"],
      paths: { total: "total", tax: "total_tax" },
    });
    expect(
      order.lines.map((l) => [l.id, l.title, l.sku, l.quantity, l.unitPrice, l.subtotal, l.taxLines]),
    ).toEqual([
      [
        "315",
        "Woo Single #1",
        undefined,
        2,
        300,
        600,
        [{ title: "State Tax", rate: 750, amount: 45, rateSource: "derived" }],
      ],
      [
        "316",
        "Ship Your Idea – Color: Black, Size: M Test",
        "Bar3",
        1,
        1200,
        1200,
        [{ title: "State Tax", rate: 750, amount: 90, rateSource: "derived" }],
      ],
    ]);
    expect(order.shippingLines).toMatchObject([
      { id: "317", title: "Flat Rate", code: "flat_rate", price: 1000, taxLines: [] },
    ]);
    expect(order.transactions).toEqual([
      {
        id: "wc-order-727",
        kind: "sale",
        status: "success",
        gateway: "bacs",
        amount: 2935,
        processedAt: "2017-03-22T16:28:08",
      },
    ]);
    expect(order.customer).toMatchObject({
      email: "john.doe@example.com",
      isBusiness: false,
      shippingAddress: { countryCode: "US", zip: "94103" },
    });
  });

  it("maps coupons already spread over the lines (WC 3.3.4 order with a coupon)", () => {
    const order = mapWooCommerceOrder(fixture("order-with-coupon.wc334.json"));
    expect(order.discountCodes).toEqual(["30$off"]);
    expect(
      order.lines.map((l) => [l.subtotal, l.discounts, l.taxLines?.map((t) => [t.rate, t.amount])]),
    ).toEqual([
      [5000, [{ amount: 2000, code: "30$off" }], [[400, 120]]],
      [1000, [{ amount: 1000, code: "30$off" }], [[400, 0]]],
    ]);
    expect(order.transactions[0]).toMatchObject({
      id: "ch_1CCyBiJK48mSkzFLoXQiCziz",
      gateway: "stripe",
      amount: 3120,
    });
    expect(order.customer.id).toBe("11");
  });

  it("maps a Danish order with prices incl. VAT back into the shop's basis", () => {
    const order = mapWooCommerceOrder(fixture("order-dk-incl-vat.synthetic.json"));
    expect(order.pricesIncludeTax).toBe(true);
    expect(order.lines[0]).toMatchObject({
      sku: "KOP-01",
      quantity: 2,
      unitPrice: 12_500,
      subtotal: 25_000,
      discounts: [{ amount: 2500, code: "rabat10" }],
    });
    expect(order.lines[0]?.taxLines).toEqual([
      { title: "Moms", rate: 2500, amount: 4500, rateSource: "stated" },
    ]);
    expect(order.shippingLines[0]).toMatchObject({
      title: "GLS Pakkeshop",
      price: 4900,
      taxLines: [{ rate: 2500, amount: 980 }],
    });
    expect(order.fees[0]).toMatchObject({
      title: "Ekspeditionsgebyr",
      amount: 2500,
      taxable: true,
      taxLines: [{ rate: 2500, amount: 500 }],
    });
    expect(order.customer).toMatchObject({
      company: "Eksempel ApS",
      vatNumber: "DK12345678",
      isBusiness: true,
    });
    expect(order.totals).toEqual({ total: 29_900, tax: 5980, discounts: 2500 });
    expect(order.notes[0]).toEqual({ key: "preview.warning.refundsEachCredited", params: { count: 1 } });
  });

  it("names the field for bad input", () => {
    const order = JSON.parse(fixture("order-727.docs.json")) as Record<string, unknown> & {
      line_items: Array<Record<string, unknown>>;
    };
    expect(() => mapWooCommerceOrder({ ...order, currency: "ABC" })).toThrow(
      /^currency: unknown currency "ABC"/,
    );
    order.line_items[0]!.quantity = -1;
    expect(() => mapWooCommerceOrder(order)).toThrow(
      /^line_items\[0\]\.quantity: quantity must be a positive whole number, got -1/,
    );
    expect(() => mapWooCommerceOrder({ ...order, total: undefined })).toThrow(/^total:/);
  });

  it("decodes the HTML entities WooCommerce puts in names", () => {
    expect(decodeEntities("A &amp; B &#8211; C &#x2013; &times;2 &bogus;")).toBe("A & B – C – ×2 &bogus;");
  });
});
