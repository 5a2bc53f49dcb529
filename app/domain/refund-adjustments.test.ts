import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { buildCreditNote } from "./build-credit-note";
import { buildInvoice } from "./build-invoice";
import type { CreditNoteDraft, InvoiceDraft } from "./invoice-draft";
import { currency } from "./money";
import type { Refund } from "./order";
import { line, order, shipping } from "./order-factory.test-support";
import { vatOf } from "./vat/vat-math";

const settings = (): ShopSettings => {
  const result = parseSettings({ version: 1 });
  if (!result.ok) throw new Error("default settings");
  return result.settings;
};
const shop = "prop.myshopify.com";

const refundBase = (init: Partial<Refund>): Refund => ({
  source: "shopify",
  id: "gid://shopify/Refund/1",
  createdAt: "2025-03-10T12:00:00+01:00",
  currency: currency("DKK"),
  lines: [],
  shipping: [],
  fees: [],
  adjustments: [],
  transactions: [],
  notes: [],
  ...init,
});
const refunded = (amount: number) => [
  { id: "t", kind: "refund" as const, status: "success" as const, gateway: "shopify_payments", amount },
];

const orderLines = fc.array(
  fc.record({
    subtotal: fc.integer({ min: 100, max: 500_000 }),
    rate: fc.constantFrom(2500, 0),
    quantity: fc.integer({ min: 1, max: 5 }),
  }),
  { minLength: 1, maxLength: 5 },
);

function invoiceOf(lines: Array<{ subtotal: number; rate: number; quantity: number }>, ship: number) {
  const o = order({
    lines: lines.map((l, i) => line({ id: `L${i}`, sku: `SKU-${i}`, ...l })),
    shippingLines: ship > 0 ? [shipping(ship)] : [],
  });
  return buildInvoice({ order: o, settings: settings(), shop }).draft;
}

/** Gross per rate of what an adjustment may reduce (everything but gift cards and rounding). */
function grossByRate(invoice: InvoiceDraft): Map<number, number> {
  const map = new Map<number, number>();
  for (const l of invoice.lines) {
    if (l.kind === "rounding" || l.kind === "giftCard") continue;
    map.set(l.vatRate, (map.get(l.vatRate) ?? 0) + l.gross);
  }
  return map;
}

function expectExactLines(note: CreditNoteDraft) {
  for (const l of note.lines) {
    expect(l.net + l.vat).toBe(l.gross);
    expect(l.vat).toBe(vatOf(l.net, l.vatRate));
  }
}

describe("refund adjustments (property)", () => {
  it("a goodwill amount: gross = money, VAT per rate in proportion to the invoice's gross per rate", () => {
    fc.assert(
      fc.property(
        orderLines,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (lines, ship, wanted) => {
          const invoice = invoiceOf(lines, ship);
          const amount = Math.min(wanted, invoice.totals.gross);
          const note = buildCreditNote({
            invoice,
            settings: settings(),
            shop,
            refund: refundBase({
              adjustments: [{ kind: "refundDiscrepancy", amount, tax: 0 }],
              transactions: refunded(amount),
            }),
          });
          expect(note.totals.gross).toBe(amount);
          expectExactLines(note);
          const weights = grossByRate(invoice);
          const total = [...weights.values()].reduce((a, b) => a + b, 0);
          const hasZeroRate = (weights.get(0) ?? 0) > 0;
          // A rounding line only where no 0 % part can take the øre that 25 % cannot represent.
          if (hasZeroRate) expect(note.lines.filter((l) => l.kind === "rounding")).toEqual([]);
          for (const [rate, weight] of weights) {
            const atRate = note.lines.filter((l) => l.kind !== "rounding" && l.vatRate === rate);
            const gross = atRate.reduce((a, l) => a + l.gross, 0);
            const vat = atRate.reduce((a, l) => a + l.vat, 0);
            const exactGross = (amount * weight) / total;
            expect(Math.abs(gross - exactGross)).toBeLessThan(2);
            expect(Math.abs(vat - (exactGross * rate) / (10_000 + rate))).toBeLessThan(1);
          }
        },
      ),
      {
        numRuns: 150,
        // 7 øre at 25 % alone: no net reaches it, so the rounding line takes the øre.
        examples: [[[{ subtotal: 100, rate: 2500, quantity: 1 }], 0, 7]],
      },
    );
  });

  it("a line refunded for less than calculated: VAT per rate = the lines' tax less the shortfall's", () => {
    fc.assert(
      fc.property(orderLines, fc.integer({ min: 0, max: 100_000 }), (lines, wantedShort) => {
        const invoice = invoiceOf(lines, 0);
        const items = invoice.lines.filter((l) => l.kind === "item");
        const refundLines = lines.map((l, i) => {
          const tax = items.filter((d) => d.sourceLineId === `L${i}`).reduce((a, d) => a + d.vat, 0);
          return { lineId: `L${i}`, quantity: l.quantity, amount: l.subtotal, tax, restock: true };
        });
        const calculated = refundLines.reduce((a, l) => a + l.amount, 0);
        const short = Math.min(wantedShort, calculated);
        const note = buildCreditNote({
          invoice,
          settings: settings(),
          shop,
          refund: refundBase({
            lines: refundLines,
            adjustments: [{ kind: "refundDiscrepancy", amount: -short, tax: 0 }],
            transactions: refunded(calculated - short),
          }),
        });
        expect(note.totals.gross).toBe(calculated - short);
        expectExactLines(note);
        for (const rate of [2500, 0]) {
          const lineTax = refundLines
            .filter((_, i) => lines[i]?.rate === rate)
            .reduce((a, l) => a + l.tax, 0);
          const adjustmentVat = note.lines
            .filter((l) => l.kind === "discount" && l.vatRate === rate)
            .reduce((a, l) => a + l.vat, 0);
          const vat = note.lines
            .filter((l) => l.vatRate === rate && l.kind !== "rounding")
            .reduce((a, l) => a + l.vat, 0);
          expect(vat).toBe(lineTax + adjustmentVat);
          // The shortfall is spread over the refunded gross per rate (here the lines' subtotals).
          const refundedAtRate = refundLines
            .filter((_, i) => lines[i]?.rate === rate)
            .reduce((a, l) => a + l.amount, 0);
          const exactShare = (short * refundedAtRate) / calculated;
          expect(Math.abs(-adjustmentVat - (exactShare * rate) / (10_000 + rate))).toBeLessThan(1);
        }
      }),
      {
        numRuns: 150,
        examples: [
          // 413.52 with 82.70 VAT is no ledger line: an øre of amount goes to the other 25 % line.
          [
            [
              { subtotal: 41352, rate: 2500, quantity: 1 },
              { subtotal: 100, rate: 2500, quantity: 1 },
            ],
            0,
          ],
          // Several units whose two-line splits all round the same way: three lines.
          [[{ subtotal: 206497, rate: 2500, quantity: 3 }], 0],
          [[{ subtotal: 100, rate: 2500, quantity: 3 }], 0],
          // No other 25 % line: the nearest exact amount, the rounding line takes the øre.
          [
            [
              { subtotal: 229217, rate: 2500, quantity: 1 },
              { subtotal: 100, rate: 0, quantity: 1 },
            ],
            0,
          ],
        ],
      },
    );
  });
});
