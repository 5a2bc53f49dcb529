import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { buildCreditNote } from "./build-credit-note";
import { buildInvoice } from "./build-invoice";
import type { InvoiceDraft } from "./invoice-draft";
import { currency } from "./money";
import type { Refund } from "./order";
import { line, order, shipping } from "./order-factory.test-support";

function settings(overrides: Record<string, unknown> = {}): ShopSettings {
  const result = parseSettings({ version: 1, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings;
}

const shop = "kaffe.myshopify.com";

function invoice(s: ShopSettings = settings()): InvoiceDraft {
  const o = order({
    lines: [
      line({
        id: "L1",
        subtotal: 25_000,
        quantity: 2,
        sku: "KOP",
        discounts: [{ amount: 2500, code: "SOMMER10" }],
      }),
      line({ id: "L2", subtotal: 10_000, sku: "BOG", rate: 0 }),
    ],
    shippingLines: [shipping(4900, 2500, "PostNord")],
  });
  return buildInvoice({ order: o, settings: s, shop }).draft;
}

function refund(init: Partial<Refund> = {}): Refund {
  return {
    source: "shopify",
    id: "gid://shopify/Refund/55",
    orderId: "gid://shopify/Order/1001",
    createdAt: "2025-03-10T12:00:00+01:00",
    currency: currency("DKK"),
    lines: [],
    shipping: [],
    fees: [],
    adjustments: [],
    transactions: [],
    notes: [],
    ...init,
  };
}

const money = (amount: number) => ({
  id: `t-${amount}`,
  kind: "refund" as const,
  status: "success" as const,
  gateway: "shopify_payments",
  amount,
});
const brief = (note: {
  lines: Array<{ kind: string; quantity: number; net: number; vat: number; gross: number; account: string }>;
}) => note.lines.map((l) => [l.kind, l.quantity, l.net, l.vat, l.gross, l.account]);

describe("buildCreditNote", () => {
  it("credits a refunded line at the invoice's rate, with its share of the discount", () => {
    const inv = invoice();
    const note = buildCreditNote({
      invoice: inv,
      settings: settings(),
      shop,
      refund: refund({
        lines: [{ lineId: "L1", quantity: 1, amount: 11_250, tax: 2250, restock: true }],
        transactions: [money(11_250)],
      }),
    });
    expect(brief(note)).toEqual([
      ["item", 1, 10_000, 2500, 12_500, "1000"],
      ["discount", 1, -1000, -250, -1250, "1000"],
    ]);
    expect(note).toMatchObject({
      kind: "creditNote",
      creditsExternalReference: inv.externalReference,
      refund: { id: "gid://shopify/Refund/55" },
      issueDate: "2025-03-10",
      totals: { net: 9000, vat: 2250, gross: 11_250 },
      header: "Kreditnota for ordre #1001",
    });
    expect(note.externalReference).toMatch(/^lb-sh-[0-9a-z]{7}-r55$/);
    expect(note.payments).toEqual([
      {
        amount: 11_250,
        gateway: "shopify_payments",
        depositAccount: "55000",
        date: "2025-03-10",
        reference: "t-11250",
      },
    ]);
  });

  it("credits at the reduced price when the invoice carried reduced prices", () => {
    const s = settings({ lines: { discounts: "reducedPrices" } });
    const note = buildCreditNote({
      invoice: invoice(s),
      settings: s,
      shop,
      refund: refund({
        lines: [{ lineId: "L1", quantity: 1, amount: 11_250, tax: 2250, restock: true }],
        transactions: [money(11_250)],
      }),
    });
    expect(brief(note)).toEqual([["item", 1, 9000, 2250, 11_250, "1000"]]);
  });

  it("credits shipping on the invoice's shipping account, once even when also stated as an adjustment", () => {
    const note = buildCreditNote({
      invoice: invoice(),
      settings: settings(),
      shop,
      refund: refund({
        shipping: [{ amount: 4900, tax: 980 }],
        adjustments: [{ kind: "shippingRefund", amount: 4900, tax: 980 }],
        transactions: [money(4900)],
      }),
    });
    expect(brief(note)).toEqual([["shipping", 1, 3920, 980, 4900, "1350"]]);
    expect(note.lines[0]?.description).toBe("Fragt: PostNord");
  });

  it("spreads an amount-only refund over the invoice's VAT rates", () => {
    const note = buildCreditNote({
      invoice: invoice(),
      settings: settings(),
      shop,
      refund: refund({ source: "woocommerce", statedTotal: 3000, transactions: [money(3000)] }),
    });
    // A price reduction of the whole invoice (momsloven § 27, stk. 3): in proportion to the
    // invoice's gross per rate, shipping included (it carries 25 % VAT as well). The invoice
    // booked 225.00 items + 49.00 shipping = 274.00 at 25 % and 100.00 at 0 % (374.00):
    // 30.00 × 274/374 = 21.978… → 21.98 and 30.00 × 100/374 = 8.021… → 8.02 (sum 30.00).
    // 21.98 incl. 25 %: net 17.58, VAT 4.40; no rounding line is needed.
    // (Was spread over the items alone — 20.78/9.23/−0.01 rounding — which left the shipping's
    // share of the VAT unreversed.)
    expect(note.lines.map((l) => [l.kind, l.vatRate, l.net, l.vat, l.gross])).toEqual([
      ["item", 2500, 1758, 440, 2198],
      ["item", 0, 802, 0, 802],
    ]);
    expect(note.totals.gross).toBe(3000);
  });

  it("books a refund discrepancy as its own line", () => {
    const note = buildCreditNote({
      invoice: invoice(),
      settings: settings(),
      shop,
      refund: refund({
        lines: [{ lineId: "L2", quantity: 1, amount: 10_000, tax: 0, restock: false }],
        adjustments: [{ kind: "refundDiscrepancy", amount: -2000, tax: 0 }],
        transactions: [money(8000)],
      }),
    });
    expect(note.lines.map((l) => [l.kind, l.description, l.gross])).toEqual([
      ["item", "Item L2", 10_000],
      ["discount", "Refusionsregulering", -2000],
    ]);
  });

  it("refuses to credit more units than were invoiced, counting earlier credit notes", () => {
    const inv = invoice();
    const one = refund({
      lines: [{ lineId: "L1", quantity: 1, amount: 11_250, tax: 2250, restock: true }],
      transactions: [money(11_250)],
    });
    expect(() =>
      buildCreditNote({
        invoice: inv,
        settings: settings(),
        shop,
        refund: { ...one, lines: [{ ...one.lines[0]!, quantity: 3 }] },
      }),
    ).toThrow(/refund_line_items\[0\]\.quantity: crediting 3 of "Item L1" would exceed the 2 invoiced/);
    const first = buildCreditNote({ invoice: inv, settings: settings(), shop, refund: one });
    const second = buildCreditNote({
      invoice: inv,
      settings: settings(),
      shop,
      refund: { ...one, id: "gid://shopify/Refund/56" },
      previousCreditNotes: [first],
    });
    expect(second.totals.gross).toBe(11_250);
    expect(() =>
      buildCreditNote({
        invoice: inv,
        settings: settings(),
        shop,
        refund: { ...one, id: "gid://shopify/Refund/57" },
        previousCreditNotes: [first, second],
      }),
    ).toThrow(/1 already credited|2 already credited/);
  });

  it("refuses an amount beyond what was invoiced", () => {
    const inv = invoice();
    expect(() =>
      buildCreditNote({
        invoice: inv,
        settings: settings(),
        shop,
        refund: refund({ source: "woocommerce", statedTotal: inv.totals.gross + 1, transactions: [] }),
      }),
    ).toThrow(/would exceed the invoice total/);
  });

  it("refuses lines that do not add up to the money refunded", () => {
    expect(() =>
      buildCreditNote({
        invoice: invoice(),
        settings: settings(),
        shop,
        refund: refund({
          lines: [{ lineId: "L2", quantity: 1, amount: 10_000, tax: 0, restock: false }],
          transactions: [money(5000)],
        }),
      }),
    ).toThrow(/^transactions: the lines add up to 100\.00 DKK but the total is 50\.00 DKK/);
  });

  it("refuses a refund of another order or an unknown line", () => {
    expect(() =>
      buildCreditNote({
        invoice: invoice(),
        settings: settings(),
        shop,
        refund: refund({ orderId: "gid://shopify/Order/999", statedTotal: 100 }),
      }),
    ).toThrow(/^order_id:/);
    expect(() =>
      buildCreditNote({
        invoice: invoice(),
        settings: settings(),
        shop,
        refund: refund({ lines: [{ lineId: "nope", quantity: 1, amount: 100, tax: 0, restock: false }] }),
      }),
    ).toThrow(/refund_line_items\[0\]\.line_item_id: line nope is not on invoice/);
  });

  it("a refund without money movement still credits, with a warning and no refund payment", () => {
    const note = buildCreditNote({
      invoice: invoice(),
      settings: settings(),
      shop,
      refund: refund({ lines: [{ lineId: "L2", quantity: 1, amount: 10_000, tax: 0, restock: true }] }),
    });
    expect(note.payments).toEqual([]);
    expect(note.warnings).toContainEqual({ key: "preview.warning.noRefundMoney", params: {} });
  });
});
