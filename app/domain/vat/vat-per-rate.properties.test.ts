import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../settings/parse-settings";
import { buildInvoice } from "../build-invoice";
import type { Order, OrderLine, ShippingLine, TaxLine } from "../order";
import { order as baseOrder } from "../order-factory.test-support";
import { vatOf } from "./vat-math";

/**
 * For any order the shop states (prices incl. or excl. VAT, 25 % and 0 % lines, discounts
 * allocated to lines with the shop's own after-discount tax, WooCommerce's tax before discounts,
 * shipping, a tip), the invoice's VAT per rate IS the order's tax per rate and its gross IS the
 * order's total — to the minor unit, as a ledger rounding VAT per line and one rounding it once
 * per document compute it from the lines sent. A VAT-free rounding line appears only for a gross
 * the ledger cannot represent (a single unit no net reaches at its VAT; a document net that
 * does not round to the order's VAT), explained in the preview.
 */

const TOLERANCE = 50;

function settings(discounts: "separateLines" | "reducedPrices", shippingAsLine: boolean) {
  const result = parseSettings({ version: 1, lines: { discounts, shippingAsLine } });
  if (!result.ok) throw new Error("bad settings");
  return result.settings;
}

/** The shop's tax on an amount in its price basis, rounded per line as Shopify/WooCommerce do. */
function shopTax(amount: number, rate: number, inclusive: boolean): number {
  if (rate === 0) return 0;
  const divisor = inclusive ? 10_000 + rate : 10_000;
  return Math.sign(amount) * Math.round((Math.abs(amount) * rate) / divisor);
}

const taxLine = (rate: number, amount: number): TaxLine => ({
  title: "Moms",
  rate,
  amount,
  rateSource: "stated",
});

const lineArb = fc.record({
  quantity: fc.integer({ min: 1, max: 12 }),
  unitPrice: fc.integer({ min: 1, max: 150_000 }),
  rate: fc.constantFrom(2500, 2500, 0),
  discountPermille: fc.integer({ min: 0, max: 600 }),
  statesSubtotalTax: fc.boolean(),
});

const orderArb = fc.record({
  inclusive: fc.boolean(),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  shipping: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
  tip: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
  mode: fc.constantFrom("separateLines" as const, "reducedPrices" as const),
  shippingAsLine: fc.boolean(),
});

function makeOrder(spec: typeof orderArb extends fc.Arbitrary<infer T> ? T : never): Order {
  const { inclusive } = spec;
  const lines: OrderLine[] = spec.lines.map((l, i) => {
    const subtotal = l.unitPrice * l.quantity;
    const discount = Math.floor((subtotal * l.discountPermille) / 1000);
    const after = subtotal - discount;
    return {
      id: `L${i}`,
      title: `Vare ${i}`,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      subtotal,
      discounts: discount > 0 ? [{ amount: discount, code: "RABAT" }] : [],
      taxLines: l.rate > 0 ? [taxLine(l.rate, shopTax(after, l.rate, inclusive))] : [],
      ...(l.statesSubtotalTax && l.rate > 0 ? { subtotalTax: shopTax(subtotal, l.rate, inclusive) } : {}),
      taxable: l.rate > 0,
      giftCard: false,
    };
  });
  if (spec.tip !== undefined) {
    lines.push({
      id: "tip",
      title: "Tip",
      quantity: 1,
      subtotal: spec.tip,
      discounts: [],
      taxLines: [],
      taxable: false,
      giftCard: false,
      tip: true,
    });
  }
  const shippingLines: ShippingLine[] =
    spec.shipping === undefined
      ? []
      : [
          {
            id: "ship",
            title: "GLS",
            price: spec.shipping,
            discounts: [],
            taxLines: [taxLine(2500, shopTax(spec.shipping, 2500, inclusive))],
          },
        ];
  const o = baseOrder({ lines, shippingLines, pricesIncludeTax: inclusive });
  // The order total: amounts in the price basis plus, for net prices, the tax on top.
  const tax = o.totals.tax;
  return { ...o, totals: { total: o.totals.total + (inclusive ? 0 : tax), tax } };
}

function shopTaxByRate(o: Order): Map<number, number> {
  const byRate = new Map<number, number>();
  for (const t of [...o.lines, ...o.shippingLines].flatMap((l) => l.taxLines ?? [])) {
    byRate.set(t.rate, (byRate.get(t.rate) ?? 0) + t.amount);
  }
  return byRate;
}

describe("invoice VAT per rate = the order's own tax per rate, as each ledger computes it", () => {
  for (const vatRounding of ["perLine", "perDocumentRate"] as const) {
    it(`holds to the minor unit for any order on a ${vatRounding} ledger, gross = total`, () => {
      fc.assert(
        fc.property(orderArb, (spec) => {
          const o = makeOrder(spec);
          const s = settings(spec.mode, spec.shippingAsLine);
          expect(s.rounding.toleranceMinorUnits).toBe(TOLERANCE);
          const { draft } = buildInvoice({ order: o, settings: s, shop: "props.myshopify.com", vatRounding });
          expect(draft.totals.gross).toBe(o.totals.total);
          const expected = shopTaxByRate(o);
          for (const bucket of draft.vatByRate) {
            expect(bucket.vat, `VAT at ${bucket.vatRate}`).toBe(expected.get(bucket.vatRate) ?? 0);
          }
          for (const [rate, tax] of expected) {
            expect(draft.vatByRate.find((b) => b.vatRate === rate)?.vat ?? 0).toBe(tax);
            // What the ledger itself computes from the nets it is sent.
            const atRate = draft.lines.filter((l) => l.vatRate === rate);
            const ledgerVat =
              vatRounding === "perLine"
                ? atRate.reduce((a, l) => a + vatOf(l.net, rate), 0)
                : vatOf(
                    atRate.reduce((a, l) => a + l.net, 0),
                    rate,
                  );
            expect(ledgerVat, `ledger VAT at ${rate}`).toBe(tax);
          }
          for (const l of draft.lines) {
            expect(l.gross).toBe(l.net + l.vat);
            expect(l.quantity * l.unitNet).toBe(l.net);
          }
          // A rounding line only for gross the ledger cannot represent, explained, VAT-free, small.
          const rounding = draft.lines.filter((l) => l.kind === "rounding");
          expect(rounding.length).toBeLessThanOrEqual(1);
          for (const line of rounding) {
            expect(line.vat).toBe(0);
            expect(Math.abs(line.gross)).toBeLessThanOrEqual(TOLERANCE);
            expect(draft.explanations?.length ?? 0).toBeGreaterThan(0);
          }
          const tips = draft.lines.filter((l) => l.account === s.accounts.tips && l.description === "Tip");
          expect(tips.reduce((a, l) => a + l.gross, 0)).toBe(spec.tip ?? 0);
          expect(tips.every((l) => l.vat === 0 && l.vatRate === 0)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });
  }
});
