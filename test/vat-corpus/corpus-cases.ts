import type { LedgerVatRounding } from "../../app/domain/vat/ledger-rounding";
import { restOrderToGraphql } from "../../simulators/shopify/rest-to-graphql";
import { shopifyOrder } from "./shopify-payload";
import { wooOrder } from "./woocommerce-payload";

/**
 * Real-shaped orders a Danish merchant meets every week, each with what the invoice must say,
 * worked out BY HAND from the order's own tax lines (the arithmetic is next to each figure).
 * Amounts in the expectations are minor units of the document currency.
 */

export interface CorpusCase {
  name: string;
  source: "shopify" | "woocommerce";
  /** The order as the webhook delivers it (Shopify REST / WooCommerce REST). */
  payload: Record<string, unknown>;
  /** The same order in Admin GraphQL shape, where the mapper reads both. */
  graphql?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  expected: {
    currency: string;
    /** = the order's total. */
    gross: number;
    /** = the order's own tax per rate (basis points → minor units). */
    vatByRate: Record<number, number>;
    /** Tip lines: VAT-free, on the tips account. */
    tip?: { gross: number; account: string };
    /**
     * The VAT-free rounding line (minor units) per ledger rounding model, where the ledger cannot
     * represent the order's gross at its VAT; none when absent.
     */
    rounding?: Partial<Record<LedgerVatRounding, number>>;
  };
  /** Runs through the ledger simulators too (domestic DKK orders on the seeded charts). */
  ledgers: boolean;
}

// ---------------------------------------------------------------------------------------------
// W1 — WooCommerce, prices incl. 25 % moms, coupon VELKOMMEN20 (20 %), shipping and a fee.
// Line by line, as WooCommerce rounds it (gross = incl. moms; tax inside = gross / 5):
//   3 × 89.95 = 269.85 gross: subtotal_tax 53.97, subtotal 215.88; −20 % → 215.88 gross:
//     total_tax 215.88/5 = 43.176 → 43.18, total 172.70
//   4 × 49.95 = 199.80 gross: subtotal_tax 39.96, subtotal 159.84; −20 % → 159.84 gross:
//     total_tax 31.968 → 31.97, total 127.87
//   1 × 699.00 gross: subtotal_tax 139.80, subtotal 559.20; −20 % → 559.20 gross:
//     total_tax 111.84, total 447.36
//   shipping 79.00 gross: tax 15.80, total 63.20; fee "Ekspresgebyr" 15.00 gross: tax 3.00, total 12.00
// Order tax = 43.18 + 31.97 + 111.84 + 15.80 + 3.00 = 205.79 (cart_tax 189.99 + shipping 15.80)
// Total = 172.70 + 127.87 + 447.36 + 63.20 + 12.00 + 205.79 = 1028.92
// discount_total = 43.18 + 31.97 + 111.84 = 186.99; discount_tax = 10.79 + 7.99 + 27.96 = 46.74
// Recomputing the coupon's VAT from its gross (−233.73 → −46.75) gave 205.78 and a 0 % øre line.
const w1: CorpusCase = {
  name: "W1 WooCommerce coupon order, taxes 205.79",
  source: "woocommerce",
  payload: wooOrder({
    id: 5101,
    pricesIncludeTax: true,
    ratePercent: 25,
    lines: [
      {
        name: "Espresso 500 g",
        sku: "ESP-500",
        quantity: 3,
        subtotal: "215.88",
        subtotalTax: "53.97",
        total: "172.70",
        totalTax: "43.18",
      },
      {
        name: "Filterkaffe 400 g",
        sku: "FIL-400",
        quantity: 4,
        subtotal: "159.84",
        subtotalTax: "39.96",
        total: "127.87",
        totalTax: "31.97",
      },
      {
        name: "Kaffekværn",
        sku: "KV-1",
        quantity: 1,
        subtotal: "559.20",
        subtotalTax: "139.80",
        total: "447.36",
        totalTax: "111.84",
      },
    ],
    shipping: { title: "GLS Pakkeshop", total: "63.20", tax: "15.80" },
    fees: [{ name: "Ekspresgebyr", total: "12.00", tax: "3.00", taxStatus: "taxable" }],
    coupon: { code: "velkommen20", discount: "186.99", discountTax: "46.74" },
    totals: {
      total: "1028.92",
      totalTax: "205.79",
      cartTax: "189.99",
      shippingTax: "15.80",
      discountTotal: "186.99",
      discountTax: "46.74",
    },
  }),
  // e-conomic rounds VAT once on the document's net per VAT code: net 1028.92 − 205.79 = 823.13,
  // × 25 % = 205.7825 → 205.78. The nets that give 205.79 are 823.14 … 823.17 (823.14 × 25 % =
  // 205.785 → 205.79); the nearest, 823.14, is one øre more, so one line is booked 0.01 higher
  // excl. VAT and a VAT-free rounding line of −0.01 keeps the total 1028.92.
  expected: {
    currency: "DKK",
    gross: 102_892,
    vatByRate: { 2500: 20_579 },
    rounding: { perDocumentRate: -1 },
  },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// W2 — WooCommerce, prices incl. moms, a tip plugin's fee "Drikkepenge" 25.00 without tax.
//   1 × 149.00 gross: subtotal_tax = total_tax = 29.80, subtotal = total = 119.20
//   fee "Drikkepenge" total 25.00, total_tax 0.00, tax_status none
// Order tax = 29.80; total = 119.20 + 25.00 + 29.80 = 174.00; the tip is 25.00 without VAT.
const w2: CorpusCase = {
  name: "W2 WooCommerce tip fee (Drikkepenge)",
  source: "woocommerce",
  payload: wooOrder({
    id: 5102,
    pricesIncludeTax: true,
    ratePercent: 25,
    lines: [
      {
        name: "Kaffeabonnement",
        sku: "ABO-1",
        quantity: 1,
        subtotal: "119.20",
        subtotalTax: "29.80",
        total: "119.20",
        totalTax: "29.80",
      },
    ],
    fees: [{ name: "Drikkepenge", total: "25.00", tax: "0.00", taxStatus: "none" }],
    totals: {
      total: "174.00",
      totalTax: "29.80",
      cartTax: "29.80",
      shippingTax: "0.00",
      discountTotal: "0.00",
      discountTax: "0.00",
    },
  }),
  expected: {
    currency: "DKK",
    gross: 17_400,
    vatByRate: { 2500: 2980 },
    tip: { gross: 2500, account: "TIPS" },
  },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// W3 — WooCommerce, prices excl. moms (B2C shop showing net prices), no coupon: already handled.
//   2 × 99.95 = 199.90 net: tax 49.975 → 49.98 (WooCommerce rounds the line); shipping 39.00: 9.75
// Order tax = 49.98 + 9.75 = 59.73; total = 199.90 + 39.00 + 59.73 = 298.63
const w3: CorpusCase = {
  name: "W3 WooCommerce prices excl. moms",
  source: "woocommerce",
  payload: wooOrder({
    id: 5103,
    pricesIncludeTax: false,
    ratePercent: 25,
    lines: [
      {
        name: "Te-æske",
        sku: "TE-1",
        quantity: 2,
        subtotal: "199.90",
        subtotalTax: "49.98",
        total: "199.90",
        totalTax: "49.98",
      },
    ],
    shipping: { title: "PostNord", total: "39.00", tax: "9.75" },
    totals: {
      total: "298.63",
      totalTax: "59.73",
      cartTax: "49.98",
      shippingTax: "9.75",
      discountTotal: "0.00",
      discountTax: "0.00",
    },
  }),
  expected: { currency: "DKK", gross: 29_863, vatByRate: { 2500: 5973 } },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// S1 — Shopify, taxes included, order-level fixed discount 50.00 over a 25 % and a 0 % line.
//   7 × 33.33 = 233.31 (25 %); 2 × 45.00 = 90.00 (0 %, "Dagblad", taxable false)
//   Shopify allocates 50.00 by price: 233.31/323.31 × 50 = 36.08, 90/323.31 × 50 = 13.92
//   25 % line after discount 233.31 − 36.08 = 197.23: tax 197.23 × 25/125 = 39.446 → 39.45
//   shipping 49.00: tax 9.80
// Order tax = 39.45 + 9.80 = 49.25 (25 %), 0 % line 0.00; total = 323.31 − 50.00 + 49.00 = 322.31
// Recomputing the discount's VAT (−36.08 → −7.22) next to 46.66 on the full line gave 49.24.
const s1Rest = shopifyOrder({
  id: 201,
  number: 2201,
  shopCurrency: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Kaffekapsler 10 stk",
      sku: "KAP-10",
      quantity: 7,
      price: "33.33",
      tax: [{ rate: 0.25, price: "39.45" }],
      discounts: [{ amount: "36.08", index: 0 }],
    },
    {
      title: "Dagblad",
      sku: "AVIS",
      quantity: 2,
      price: "45.00",
      taxable: false,
      discounts: [{ amount: "13.92", index: 0 }],
    },
  ],
  shipping: [{ title: "GLS", price: "49.00", tax: [{ rate: 0.25, price: "9.80" }] }],
  discountApplications: [
    {
      type: "manual",
      title: "Kundeservice",
      value: "50.00",
      valueType: "fixed_amount",
      allocation: "across",
    },
  ],
  totals: { total: "322.31", tax: "49.25", discounts: "50.00" },
});
const s1: CorpusCase = {
  name: "S1 Shopify fixed order discount over 25 % and 0 % lines",
  source: "shopify",
  payload: s1Rest,
  graphql: restOrderToGraphql(s1Rest),
  expected: { currency: "DKK", gross: 32_231, vatByRate: { 2500: 4925, 0: 0 } },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// S2 — Shopify, taxes included, many units at 33.33 with a 10 % code.
//   7 × 33.33 = 233.31; code KAFFE10 takes 23.33 → 209.98; tax 209.98/5 = 41.996 → 42.00
// Order tax 42.00; total 209.98. Unit × quantity (46.66 on the full line) minus the code's
// recomputed −4.67 gave 41.99.
const s2Rest = shopifyOrder({
  id: 202,
  number: 2202,
  shopCurrency: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Kaffekapsler 10 stk",
      sku: "KAP-10",
      quantity: 7,
      price: "33.33",
      tax: [{ rate: 0.25, price: "42.00" }],
      discounts: [{ amount: "23.33", index: 0 }],
    },
  ],
  discountApplications: [
    { type: "discount_code", code: "KAFFE10", value: "10.0", valueType: "percentage", allocation: "across" },
  ],
  totals: { total: "209.98", tax: "42.00", discounts: "23.33" },
});
const s2: CorpusCase = {
  name: "S2 Shopify 7 × 33.33 with a 10 % code",
  source: "shopify",
  payload: s2Rest,
  graphql: restOrderToGraphql(s2Rest),
  expected: { currency: "DKK", gross: 20_998, vatByRate: { 2500: 4200 } },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// S3 — Shopify, Finnish OSS order paid in EUR (taxes included, ALV 25.5 %), invoiced in DKK.
// Presentment (EUR), Shopify's tax lines: 2 × 14.90 = 29.80: 29.80 × 25.5/125.5 = 6.0550 → 6.06;
//   24.90: 5.0594 → 5.06; shipping 6.90: 1.4020 → 1.40. Tax 12.52, total 61.60.
// Shop money (DKK), as Shopify converted each figure: unit 111.17 (2 units 222.34), tax 45.21;
//   185.78, tax 37.75; shipping 51.48, tax 10.45. Tax 45.21 + 37.75 + 10.45 = 93.41,
//   total 222.34 + 185.78 + 51.48 = 459.60.
// Recomputed from the DKK grosses the VAT would be 45.18 + 37.75 + 10.46 = 93.39.
const s3Rest = shopifyOrder({
  id: 203,
  number: 2203,
  shopCurrency: "DKK",
  presentmentCurrency: "EUR",
  taxesIncluded: true,
  country: "FI",
  lines: [
    {
      title: "Kahvipaketti",
      sku: "KAHVI-1",
      quantity: 2,
      price: ["111.17", "14.90"],
      tax: [{ rate: 0.255, title: "FI ALV", price: ["45.21", "6.06"] }],
    },
    {
      title: "Termosmuki",
      sku: "MUKI-1",
      quantity: 1,
      price: ["185.78", "24.90"],
      tax: [{ rate: 0.255, title: "FI ALV", price: ["37.75", "5.06"] }],
    },
  ],
  shipping: [{ title: "Posti", price: ["51.48", "6.90"], tax: [{ rate: 0.255, price: ["10.45", "1.40"] }] }],
  totals: { total: ["459.60", "61.60"], tax: ["93.41", "12.52"] },
});
const ossSettings = { vat: { oss: { enabled: true } }, accounts: { revenue: { oss: "1061" } } };
const s3Shop: CorpusCase = {
  name: "S3 Shopify FI OSS paid in EUR, invoiced in DKK (shop money)",
  source: "shopify",
  payload: s3Rest,
  graphql: restOrderToGraphql(s3Rest),
  settings: { ...ossSettings, documentCurrency: "shop" },
  expected: { currency: "DKK", gross: 45_960, vatByRate: { 2550: 9341 } },
  ledgers: false,
};
const s3Presentment: CorpusCase = {
  name: "S3 Shopify FI OSS invoiced in EUR (presentment money)",
  source: "shopify",
  payload: s3Rest,
  graphql: restOrderToGraphql(s3Rest),
  settings: { ...ossSettings, documentCurrency: "presentment" },
  // 6.06 + 5.06 + 1.40 = 12.52 EUR; 29.80 + 24.90 + 6.90 = 61.60 EUR
  expected: { currency: "EUR", gross: 6160, vatByRate: { 2550: 1252 } },
  ledgers: false,
};

// ---------------------------------------------------------------------------------------------
// S4 — Shopify, taxes included, a tip: the tip line item (tip_payment_gateway) and
// total_tip_received both say 20.00 — one tip, counted once.
//   1 × 249.95: tax 249.95/5 = 49.99; tip 20.00 no tax. Tax 49.99; total 249.95 + 20.00 = 269.95
const s4Rest = shopifyOrder({
  id: 204,
  number: 2204,
  shopCurrency: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Mokkakande",
      sku: "MOK-1",
      quantity: 1,
      price: "249.95",
      tax: [{ rate: 0.25, price: "49.99" }],
    },
    { title: "Tip", quantity: 1, price: "20.00", taxable: false, tipGateway: "shopify_payments" },
  ],
  totals: { total: "269.95", tax: "49.99" },
  tip: "20.00",
});
// GraphQL states the tip on the order (totalTipReceivedSet), not as a line item.
const s4Graphql = restOrderToGraphql({
  ...s4Rest,
  line_items: (s4Rest.line_items as unknown[]).slice(0, 1),
});
s4Graphql.totalTipReceivedSet = {
  shopMoney: { amount: "20.00", currencyCode: "DKK" },
  presentmentMoney: { amount: "20.00", currencyCode: "DKK" },
};
const s4: CorpusCase = {
  name: "S4 Shopify order with a tip",
  source: "shopify",
  payload: s4Rest,
  graphql: s4Graphql,
  expected: {
    currency: "DKK",
    gross: 26_995,
    vatByRate: { 2500: 4999 },
    tip: { gross: 2000, account: "TIPS" },
  },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// S5 — Shopify, taxes excluded (net prices), 3 units at 41.65 and shipping: already handled.
//   3 × 41.65 = 124.95 net: tax 31.2375 → 31.24; shipping 29.00: 7.25.
//   Tax 38.49; total 124.95 + 29.00 + 38.49 = 192.44
const s5Rest = shopifyOrder({
  id: 205,
  number: 2205,
  shopCurrency: "DKK",
  taxesIncluded: false,
  country: "DK",
  lines: [
    { title: "Te 100 g", sku: "TE-100", quantity: 3, price: "41.65", tax: [{ rate: 0.25, price: "31.24" }] },
  ],
  shipping: [{ title: "DAO", price: "29.00", tax: [{ rate: 0.25, price: "7.25" }] }],
  totals: { total: "192.44", tax: "38.49" },
});
const s5: CorpusCase = {
  name: "S5 Shopify prices excl. moms",
  source: "shopify",
  payload: s5Rest,
  graphql: restOrderToGraphql(s5Rest),
  expected: { currency: "DKK", gross: 19_244, vatByRate: { 2500: 3849 } },
  ledgers: true,
};

// ---------------------------------------------------------------------------------------------
// A ledger that cannot represent the gross: rounding of the gross, never of the VAT.

// S6 — Shopify, taxes included, one unit at 413.52: tax 413.52 × 25/125 = 82.704 → 82.70.
// Rounding per line: the nets around it give 330.81 × 25 % = 82.7025 → 82.70 (gross 413.51) and
//   330.82 × 25 % = 82.705 → 82.71 (gross 413.53): no net carries 413.52 with 82.70. The line
//   books 413.51 and a VAT-free rounding line +0.01 keeps the total 413.52.
// Rounding once per document (e-conomic): the nets giving 82.70 are 330.78 … 330.81; the nearest
//   to 330.82 is 330.81, one øre less, so again a rounding line of +0.01.
const s6Rest = shopifyOrder({
  id: 206,
  number: 2206,
  shopCurrency: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Espressomaskine",
      sku: "ESP-M1",
      quantity: 1,
      price: "413.52",
      tax: [{ rate: 0.25, price: "82.70" }],
    },
  ],
  totals: { total: "413.52", tax: "82.70" },
});
const s6: CorpusCase = {
  name: "S6 Shopify one unit at 413.52 (no net carries it at 82.70 VAT)",
  source: "shopify",
  payload: s6Rest,
  graphql: restOrderToGraphql(s6Rest),
  expected: {
    currency: "DKK",
    gross: 41_352,
    vatByRate: { 2500: 8270 },
    rounding: { perLine: 1, perDocumentRate: 1 },
  },
  ledgers: true,
};

// S7 — Shopify, taxes included, 25 % lines that each round their tax up, a 0 % newspaper.
//   2 × 99.99 = 199.98: tax 39.996 → 40.00 (net 159.98); 49.99: 9.998 → 10.00 (net 39.99);
//   29.99: 5.998 → 6.00 (net 23.99); "Dagblad" 45.00 taxable false; shipping 39.00: 7.80 (31.20).
// Tax 40.00 + 10.00 + 6.00 + 7.80 = 63.80; total 199.98 + 49.99 + 29.99 + 45.00 + 39.00 = 363.96.
// Per line every net gives its line's tax (159.98 × 25 % = 39.995 → 40.00, 39.99 → 9.9975 →
//   10.00, 23.99 → 5.9975 → 6.00, 31.20 → 7.80): no rounding line.
// e-conomic: 25 % nets 159.98 + 39.99 + 23.99 + 31.20 = 255.16 × 25 % = 63.79, not 63.80; the
//   nets giving 63.80 are 255.18 … 255.21 (255.18 × 25 % = 63.795 → 63.80). Two øre more excl.
//   VAT on one line, and a rounding line of −0.02.
const s7Rest = shopifyOrder({
  id: 207,
  number: 2207,
  shopCurrency: "DKK",
  taxesIncluded: true,
  country: "DK",
  lines: [
    {
      title: "Kaffebønner 1 kg",
      sku: "KB-1000",
      quantity: 2,
      price: "99.99",
      tax: [{ rate: 0.25, price: "40.00" }],
    },
    {
      title: "Mælkeskummer",
      sku: "MS-1",
      quantity: 1,
      price: "49.99",
      tax: [{ rate: 0.25, price: "10.00" }],
    },
    {
      title: "Filterpapir",
      sku: "FP-100",
      quantity: 1,
      price: "29.99",
      tax: [{ rate: 0.25, price: "6.00" }],
    },
    { title: "Dagblad", sku: "AVIS", quantity: 1, price: "45.00", taxable: false },
  ],
  shipping: [{ title: "GLS", price: "39.00", tax: [{ rate: 0.25, price: "7.80" }] }],
  totals: { total: "363.96", tax: "63.80" },
});
const s7: CorpusCase = {
  name: "S7 Shopify 25 % lines rounding up beside a 0 % line",
  source: "shopify",
  payload: s7Rest,
  graphql: restOrderToGraphql(s7Rest),
  expected: {
    currency: "DKK",
    gross: 36_396,
    vatByRate: { 2500: 6380, 0: 0 },
    rounding: { perDocumentRate: -2 },
  },
  ledgers: true,
};

// W4 — WooCommerce, prices incl. 25 % moms, three lines whose tax rounds up and shipping.
//   99.99 gross: total_tax 19.998 → 20.00, total 79.99; 49.99: 10.00, 39.99; 29.99: 6.00, 23.99;
//   shipping 39.00: 7.80, 31.20. cart_tax 36.00, total_tax 43.80, total 218.97.
// Per line every net gives its tax (79.99 × 25 % = 19.9975 → 20.00, …): no rounding line.
// e-conomic: nets 79.99 + 39.99 + 23.99 + 31.20 = 175.17 × 25 % = 43.7925 → 43.79; the nets giving
//   43.80 start at 175.18 (43.795 → 43.80): one øre more excl. VAT, a rounding line of −0.01.
const w4: CorpusCase = {
  name: "W4 WooCommerce lines whose tax rounds up",
  source: "woocommerce",
  payload: wooOrder({
    id: 5104,
    pricesIncludeTax: true,
    ratePercent: 25,
    lines: [
      {
        name: "Kaffekande",
        sku: "KK-1",
        quantity: 1,
        subtotal: "79.99",
        subtotalTax: "20.00",
        total: "79.99",
        totalTax: "20.00",
      },
      {
        name: "Mælkekande",
        sku: "MK-1",
        quantity: 1,
        subtotal: "39.99",
        subtotalTax: "10.00",
        total: "39.99",
        totalTax: "10.00",
      },
      {
        name: "Kaffeske",
        sku: "KS-1",
        quantity: 1,
        subtotal: "23.99",
        subtotalTax: "6.00",
        total: "23.99",
        totalTax: "6.00",
      },
    ],
    shipping: { title: "PostNord", total: "31.20", tax: "7.80" },
    totals: {
      total: "218.97",
      totalTax: "43.80",
      cartTax: "36.00",
      shippingTax: "7.80",
      discountTotal: "0.00",
      discountTax: "0.00",
    },
  }),
  expected: {
    currency: "DKK",
    gross: 21_897,
    vatByRate: { 2500: 4380 },
    rounding: { perDocumentRate: -1 },
  },
  ledgers: true,
};

export const corpus: CorpusCase[] = [w1, w2, w3, w4, s1, s2, s3Shop, s3Presentment, s4, s5, s6, s7];
