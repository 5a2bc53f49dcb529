import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currency } from "../../domain/money";
import { mapWooCommerceRefund } from "./map-woocommerce-refund";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/woocommerce/${name}`, import.meta.url), "utf8");
const usd = { currency: currency("USD"), pricesIncludeTax: false, gateway: "bacs" };

describe("mapWooCommerceRefund", () => {
  it("maps an amount-only refund (docs refund 726)", () => {
    const refund = mapWooCommerceRefund(fixture("refund-726.docs.json"), usd);
    expect(refund).toMatchObject({
      source: "woocommerce",
      id: "726",
      orderId: "723",
      statedTotal: 1000,
      lines: [],
      transactions: [],
    });
    expect(refund.notes[0]).toEqual({ key: "preview.warning.refundedOutsideGateway", params: {} });
  });

  it("maps negative refund lines to positive amounts linked to the order line", () => {
    const list = JSON.parse(fixture("order-723-refunds.docs.json")) as unknown[];
    const refund = mapWooCommerceRefund(list[1], usd);
    expect(refund.lines).toEqual([
      {
        lineId: "311",
        title: "Woo Album #2",
        quantity: 1,
        amount: 900,
        tax: 0,
        restock: false,
        path: "line_items[0]",
      },
    ]);
    expect(refund.statedTotal).toBe(900);
  });

  it("rejects a list of refunds", () => {
    expect(() => mapWooCommerceRefund(fixture("order-723-refunds.docs.json"), usd)).toThrow(/list of 2/);
  });

  it("adds tax back for prices incl. VAT and records the gateway refund", () => {
    const raw = JSON.parse(fixture("refund-dk.synthetic.json")) as Record<string, unknown>;
    const refund = mapWooCommerceRefund(
      { ...raw, refunded_payment: true },
      { currency: currency("DKK"), pricesIncludeTax: true, gateway: "quickpay" },
    );
    expect(refund.lines).toMatchObject([
      { lineId: "101", sku: "KOP-01", quantity: 1, amount: 11_250, tax: 2250 },
    ]);
    expect(refund.transactions).toEqual([
      {
        id: "wc-refund-5010",
        kind: "refund",
        status: "success",
        gateway: "quickpay",
        amount: 11_250,
        processedAt: "2025-03-05T14:02:10",
      },
    ]);
  });

  it("names the field when the refunded order line is unknown", () => {
    const raw = JSON.parse(fixture("refund-dk.synthetic.json")) as {
      line_items: Array<{ meta_data: unknown[] }>;
    };
    raw.line_items[0]!.meta_data = [];
    expect(() => mapWooCommerceRefund(raw, usd)).toThrow(
      /^line_items\[0\]\.meta_data: the refunded order line/,
    );
  });
});
