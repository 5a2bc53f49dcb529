import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import type { ShopSettings } from "../settings/settings-schema";
import { buildCreditNote } from "./build-credit-note";
import { buildInvoice } from "./build-invoice";
import { isDraftError } from "./draft-errors";
import { currency } from "./money";
import type { Order, OrderLine, Refund, ShippingLine } from "./order";
import { order as baseOrder, tax } from "./order-factory.test-support";

/**
 * Property tests: for any order a shop could produce (prices incl. or excl. VAT, 25 % and 0 %
 * lines, line and order-level discounts, shipping) the invoice totals the order exactly (through
 * an explicit rounding line within the tolerance), VAT per rate matches the shop's tax, no line
 * is lost, and credit notes never credit more than was invoiced.
 */

const shop = "props.myshopify.com";

function settingsFor(discounts: "separateLines" | "reducedPrices"): ShopSettings {
  const result = parseSettings({ version: 1, lines: { discounts } });
  if (!result.ok) throw new Error("bad settings");
  return result.settings;
}

/** The shop's own tax: inclusive prices carry it inside, exclusive ones on top; rounded per line. */
function shopTax(amount: number, rate: number, inclusive: boolean): number {
  if (rate === 0) return 0;
  return inclusive
    ? amount - Math.round((amount * 10_000) / (10_000 + rate))
    : Math.round((amount * rate) / 10_000);
}

const lineArb = fc.record({
  quantity: fc.integer({ min: 1, max: 6 }),
  unitPrice: fc.integer({ min: 1, max: 200_000 }),
  rate: fc.constantFrom(2500, 2500, 0),
  discountPermille: fc.integer({ min: 0, max: 1000 }),
  code: fc.constantFrom("SOMMER10", "VIP", undefined),
});

const orderArb = fc.record({
  inclusive: fc.boolean(),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
  shipping: fc.option(
    fc.record({ price: fc.integer({ min: 0, max: 15_000 }), rate: fc.constantFrom(2500, 0) }),
    { nil: undefined },
  ),
  orderDiscountPermille: fc.integer({ min: 0, max: 300 }),
  mode: fc.constantFrom("separateLines" as const, "reducedPrices" as const),
});

type OrderSpec = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

/** The shop's order-level discount share per line, as the shop allocated it. */
const orderDiscountShares = new WeakMap<Order, number[]>();

function makeOrder(spec: OrderSpec): Order {
  const lines: OrderLine[] = spec.lines.map((l, i) => {
    const subtotal = l.unitPrice * l.quantity;
    const discount = Math.floor((subtotal * l.discountPermille) / 1000);
    return {
      id: `L${i}`,
      sku: `SKU-${i}`,
      title: `Item ${i}`,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      subtotal,
      discounts: discount > 0 ? [{ amount: discount, ...(l.code ? { code: l.code } : {}) }] : [],
      taxLines: [],
      taxable: l.rate > 0,
      giftCard: false,
    };
  });
  const after = lines.map((l) => l.subtotal - (l.discounts[0]?.amount ?? 0));
  const itemsTotal = after.reduce((a, b) => a + b, 0);
  const orderDiscount = Math.floor((itemsTotal * spec.orderDiscountPermille) / 1000);
  // The shop spreads its order-level discount proportionally, rest to the biggest line (its own rounding, not ours).
  const shares = after.map((a) => (itemsTotal === 0 ? 0 : Math.floor((orderDiscount * a) / itemsTotal)));
  const biggest = after.indexOf(Math.max(...after));
  shares[biggest] = (shares[biggest] ?? 0) + orderDiscount - shares.reduce((a, b) => a + b, 0);
  lines.forEach((l, i) => {
    const share = shares[i] ?? 0;
    const rate = spec.lines[i]?.rate ?? 0;
    l.taxLines = rate > 0 ? [tax(rate, shopTax((after[i] ?? 0) - share, rate, spec.inclusive))] : [];
  });
  const shippingLines: ShippingLine[] = spec.shipping
    ? [
        {
          id: "S",
          title: "GLS",
          price: spec.shipping.price,
          discounts: [],
          taxLines:
            spec.shipping.rate > 0
              ? [tax(spec.shipping.rate, shopTax(spec.shipping.price, spec.shipping.rate, spec.inclusive))]
              : [],
        },
      ]
    : [];
  const taxTotal = [...lines, ...shippingLines]
    .flatMap((l) => l.taxLines ?? [])
    .reduce((a, t) => a + t.amount, 0);
  const base = itemsTotal - orderDiscount + (spec.shipping?.price ?? 0);
  const result = baseOrder({
    pricesIncludeTax: spec.inclusive,
    currency: currency("DKK"),
    lines,
    shippingLines,
    orderDiscounts: orderDiscount > 0 ? [{ amount: orderDiscount, title: "Ordrerabat" }] : [],
    totals: { total: spec.inclusive ? base : base + taxTotal, tax: taxTotal },
  });
  orderDiscountShares.set(result, shares);
  return result;
}

describe("invoice properties", () => {
  it("gross equals the order total, VAT per rate matches, every line is kept", () => {
    fc.assert(
      fc.property(orderArb, (spec) => {
        const o = makeOrder(spec);
        const settings = settingsFor(spec.mode);
        const tolerance = settings.rounding.toleranceMinorUnits;
        const { draft } = buildInvoice({ order: o, settings, shop });

        expect(draft.totals.gross).toBe(o.totals.total);
        const sums = draft.lines.reduce(
          (a, l) => ({ net: a.net + l.net, vat: a.vat + l.vat, gross: a.gross + l.gross }),
          { net: 0, vat: 0, gross: 0 },
        );
        expect(draft.totals).toEqual(sums);
        for (const l of draft.lines) {
          expect(l.gross).toBe(l.net + l.vat);
          expect(l.quantity * l.unitNet).toBe(l.net);
          expect(Number.isSafeInteger(l.net) && Number.isSafeInteger(l.vat)).toBe(true);
        }
        const rounding = draft.lines.filter((l) => l.kind === "rounding");
        expect(rounding.length).toBeLessThanOrEqual(1);
        expect(Math.abs(rounding[0]?.gross ?? 0)).toBeLessThanOrEqual(tolerance);

        const shopTaxByRate = new Map<number, number>();
        for (const t of [...o.lines, ...o.shippingLines].flatMap((l) => l.taxLines ?? [])) {
          shopTaxByRate.set(t.rate, (shopTaxByRate.get(t.rate) ?? 0) + t.amount);
        }
        for (const bucket of draft.vatByRate) {
          expect(Math.abs(bucket.vat - (shopTaxByRate.get(bucket.vatRate) ?? 0))).toBeLessThanOrEqual(
            tolerance,
          );
        }

        for (const l of o.lines) {
          const booked = draft.lines
            .filter((d) => d.kind === "item" && d.sourceLineId === l.id)
            .reduce((a, d) => a + d.quantity, 0);
          expect(booked).toBe(l.quantity);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("credit note properties", () => {
  const refundArb = orderArb.chain((spec) =>
    fc.record({
      spec: fc.constant(spec),
      quantities: fc.tuple(...spec.lines.map((l) => fc.integer({ min: 0, max: l.quantity }))),
      withShipping: fc.boolean(),
    }),
  );

  it("credits exactly the refunded money and never more than was invoiced", () => {
    fc.assert(
      fc.property(refundArb, ({ spec, quantities, withShipping }) => {
        const o = makeOrder(spec);
        const settings = settingsFor(spec.mode);
        const { draft: invoice } = buildInvoice({ order: o, settings, shop });
        const refund = refundFor(o, quantities, withShipping);
        if (refund.lines.length === 0 && refund.shipping.length === 0) return;
        const note = buildCreditNote({ refund, invoice, settings, shop });
        const refunded = refund.transactions.reduce((a, t) => a + t.amount, 0);
        expect(note.totals.gross).toBe(refunded);
        expect(note.totals.gross).toBeLessThanOrEqual(invoice.totals.gross);
        for (const l of note.lines) expect(l.gross).toBe(l.net + l.vat);

        // The same refund again would credit more units than were invoiced whenever a line is refunded in full.
        const again = () =>
          buildCreditNote({
            refund: { ...refund, id: `${refund.id}-again` },
            invoice,
            settings,
            shop,
            previousCreditNotes: [note],
          });
        const exceeds = refund.lines.some(
          (l) => 2 * l.quantity > (o.lines.find((x) => x.id === l.lineId)?.quantity ?? 0),
        );
        if (exceeds) {
          expect(again).toThrow();
          try {
            again();
          } catch (error) {
            expect(isDraftError(error) && error.code).toBe("creditExceedsInvoice");
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** A refund as the shop would state it: each refunded unit at its share of the line after discounts. */
function refundFor(o: Order, quantities: readonly number[], withShipping: boolean): Refund {
  const lines = o.lines.flatMap((l, i) => {
    const quantity = quantities[i] ?? 0;
    if (quantity === 0) return [];
    const orderDiscountShare = orderDiscountShares.get(o)?.[i] ?? 0;
    const after = l.subtotal - (l.discounts[0]?.amount ?? 0) - orderDiscountShare;
    const amount = Math.floor((after * quantity) / l.quantity);
    const rate = l.taxLines?.[0]?.rate ?? 0;
    const lineTax = shopTax(amount, rate, o.pricesIncludeTax);
    return [{ lineId: l.id, quantity, amount, tax: lineTax, restock: true }];
  });
  const ship = o.shippingLines[0];
  const shipping =
    withShipping && ship && ship.price > 0
      ? [{ amount: ship.price, tax: ship.taxLines?.[0]?.amount ?? 0 }]
      : [];
  const gross =
    lines.reduce((a, l) => a + l.amount + (o.pricesIncludeTax ? 0 : (l.tax ?? 0)), 0) +
    shipping.reduce((a, s) => a + s.amount + (o.pricesIncludeTax ? 0 : s.tax), 0);
  return {
    source: "shopify",
    id: "gid://shopify/Refund/1",
    createdAt: "2025-03-10T10:00:00+01:00",
    currency: o.currency,
    lines,
    shipping,
    fees: [],
    adjustments: [],
    transactions:
      gross > 0
        ? [{ id: "r1", kind: "refund", status: "success", gateway: "shopify_payments", amount: gross }]
        : [],
    notes: [],
  };
}
