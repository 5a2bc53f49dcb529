import { currency } from "./money";
import type { Order, OrderLine, ShippingLine, TaxLine } from "./order";

/** Builders for canonical orders in tests: a Danish B2C order with prices incl. 25 % VAT by default. */

export function tax(rate: number, amount: number, rateSource: TaxLine["rateSource"] = "stated"): TaxLine {
  return { title: rate === 2500 ? "DK Moms" : "Tax", rate, amount, rateSource };
}

/** VAT inside a VAT-inclusive amount, as a shop computes it. */
export function inclusiveTax(gross: number, rate: number): number {
  return gross - Math.round((gross * 10_000) / (10_000 + rate));
}

export function line(
  init: Partial<OrderLine> & { id: string; subtotal: number; quantity?: number; rate?: number },
): OrderLine {
  const { rate = 2500, ...rest } = init;
  const discounts = rest.discounts ?? [];
  const after = rest.subtotal - discounts.reduce((a, d) => a + d.amount, 0);
  return {
    title: `Item ${init.id}`,
    quantity: 1,
    discounts,
    taxLines: rate > 0 ? [tax(rate, inclusiveTax(after, rate))] : [],
    taxable: rate > 0,
    giftCard: false,
    ...rest,
  };
}

export function shipping(price: number, rate = 2500, title = "GLS"): ShippingLine {
  return {
    id: `ship-${title}`,
    title,
    price,
    discounts: [],
    taxLines: rate > 0 ? [tax(rate, inclusiveTax(price, rate))] : [],
  };
}

export function order(init: Partial<Order> = {}): Order {
  const lines = init.lines ?? [line({ id: "1", subtotal: 20_000, sku: "SKU-1", quantity: 2 })];
  const shippingLines = init.shippingLines ?? [];
  const fees = init.fees ?? [];
  const taxes = [
    ...lines.flatMap((l) => l.taxLines ?? []),
    ...shippingLines.flatMap((s) => s.taxLines ?? []),
    ...fees.flatMap((f) => f.taxLines ?? []),
  ];
  const total =
    lines.reduce((a, l) => a + l.subtotal - l.discounts.reduce((b, d) => b + d.amount, 0), 0) +
    shippingLines.reduce((a, s) => a + s.price - s.discounts.reduce((b, d) => b + d.amount, 0), 0) +
    fees.reduce((a, f) => a + f.amount, 0) -
    (init.orderDiscounts ?? []).reduce((a, d) => a + d.amount, 0);
  const dkk = currency("DKK");
  return {
    source: "shopify",
    id: "gid://shopify/Order/1001",
    name: "#1001",
    number: "1001",
    createdAt: "2025-03-01T10:00:00+01:00",
    paidAt: "2025-03-01T10:05:00+01:00",
    financialStatus: "paid",
    test: false,
    currency: dkk,
    shopCurrency: dkk,
    presentmentCurrency: dkk,
    pricesIncludeTax: true,
    customer: {
      email: "kunde@example.dk",
      firstName: "Karen",
      lastName: "Jensen",
      isBusiness: false,
      taxExempt: false,
      billingAddress: {
        name: "Karen Jensen",
        line1: "Vestergade 12",
        zip: "8000",
        city: "Aarhus C",
        countryCode: "DK",
      },
    },
    shippingLines,
    fees,
    orderDiscounts: [],
    discountCodes: [],
    transactions: [],
    paymentGateways: ["shopify_payments"],
    refunds: [],
    paths: { total: "total_price", tax: "total_tax" },
    notes: [],
    ...init,
    lines,
    totals: init.totals ?? { total, tax: taxes.reduce((a, t) => a + t.amount, 0) },
  };
}
