import { readFileSync } from "node:fs";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import type { PreviewSource } from "../../app/domain/preview";

/**
 * Real-shaped refunds a Danish merchant meets every week that are not plain line refunds, on
 * orders derived from the repository's DK fixtures. Every expected figure is computed by hand
 * in the comments from the order's own numbers; the tests compare to the øre.
 *
 * The Shopify order (#1042, prices incl. 25 % VAT, SOMMER10 = 10 %):
 *   Kaffekop 2 × 125.00 = 250.00, discount 25.00 → 225.00, tax 45.00
 *   Tekande 399.95, discount 40.00 → 359.95, tax 71.99
 *   Gavekort 200.00 (a gift card: no supply, no VAT)
 *   Shipping 49.00, tax 9.80                                   total 833.95, tax 126.79
 * Its mixed-rate variant sells the Tekande's price as a 0 % newspaper subscription ("Dagblad"),
 * so tax is 45.00 + 9.80 = 54.80 and the invoice holds 25 %: 250 − 25 + 49 = 274.00 gross and
 * 0 %: 399.95 − 40 = 359.95 gross (633.95 reducible; the gift card is not).
 *
 * The WooCommerce order (5001, prices incl. VAT): Kaffekop 2 × 90.00 + 22.50 tax after a 20.00
 * (+5.00 tax) coupon = 225.00; shipping 39.20 + 9.80 = 49.00; fee 20.00 + 5.00 = 25.00; total
 * 299.00. Its mixed variant adds a 0 % line "Dagblad" of 100.00: total 399.00.
 */

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");

type Json = Record<string, unknown>;
const money = (amount: string, code = "DKK") => ({
  shop_money: { amount, currency_code: code },
  presentment_money: { amount, currency_code: code },
});
const bag = (amount: string, code = "DKK") => ({
  shopMoney: { amount, currencyCode: code },
  presentmentMoney: { amount, currencyCode: code },
});

export const SHOPIFY_SETTINGS = { version: 1, accounts: { giftCardLiability: "2950" } };

export function shopifyOrder(mixed: boolean): Json {
  const order = parseJsonSafely(fixture("shopify/order-dk-taxes-included.synthetic.json")) as Json;
  if (!mixed) return order;
  const lines = order.line_items as Json[];
  const teapot = lines[1] as Json;
  Object.assign(teapot, {
    title: "Dagblad",
    name: "Dagblad",
    sku: "DAGBLAD-12",
    taxable: false,
    tax_lines: [],
  });
  Object.assign(order, {
    total_tax: "54.80",
    total_tax_set: money("54.80"),
    tax_lines: [{ title: "DK Moms", rate: 0.25, price: "54.80", price_set: money("54.80") }],
  });
  return order;
}

export const WOO_SETTINGS = { version: 1 };

export function wooOrder(mixed: boolean): Json {
  const order = JSON.parse(fixture("woocommerce/order-dk-incl-vat.synthetic.json")) as Json;
  if (!mixed) return order;
  (order.line_items as Json[]).push({
    id: 105,
    name: "Dagblad",
    product_id: 78,
    variation_id: 0,
    quantity: 1,
    tax_class: "zero-rate",
    subtotal: "100.00",
    subtotal_tax: "0.00",
    total: "100.00",
    total_tax: "0.00",
    taxes: [],
    meta_data: [],
    sku: "DAGBLAD-12",
    price: 100,
  });
  order.total = "399.00";
  return order;
}

function wooRefund(id: number, amount: string, lineItems: Json[]): Json {
  return {
    id,
    date_created: "2025-03-05T14:02:10",
    date_created_gmt: "2025-03-05T13:02:10",
    amount,
    reason: "Kompensation",
    refunded_by: 1,
    refunded_payment: true,
    meta_data: [],
    line_items: lineItems,
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    _links: { up: [{ href: "https://butik.example/wp-json/wc/v3/orders/5001" }] },
  };
}

const WOO_CUP_REFUND = {
  id: 111,
  name: "Kaffekop",
  product_id: 77,
  variation_id: 0,
  quantity: -1,
  tax_class: "",
  subtotal: "-90.00",
  subtotal_tax: "-22.50",
  total: "-90.00",
  total_tax: "-22.50",
  taxes: [{ id: 1, total: "-22.5", subtotal: "-22.5" }],
  meta_data: [{ id: 9101, key: "_refunded_item_id", value: "101" }],
  sku: "KOP-01",
  price: -90,
};

const SHOPIFY_ORDER_ID = "5550000000000000001";
const KOP = "13500000000000000001";
const TEKANDE = "13500000000000000002";

function restRefund(id: string, init: Json): Json {
  return {
    refund: {
      id,
      admin_graphql_api_id: `gid://shopify/Refund/${id}`,
      order_id: SHOPIFY_ORDER_ID,
      created_at: "2025-05-20T11:02:00+02:00",
      processed_at: "2025-05-20T11:02:00+02:00",
      note: null,
      restock: false,
      duties: [],
      additional_fees: [],
      return: null,
      refund_line_items: [],
      refund_shipping_lines: [],
      order_adjustments: [],
      ...init,
    },
  };
}

const restTransaction = (id: string, amount: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/OrderTransaction/${id}`,
  kind: "refund",
  status: "success",
  gateway: "shopify_payments",
  amount,
  currency: "DKK",
  processed_at: "2025-05-20T11:02:05+02:00",
});

const refundLine = (lineId: string, quantity: number, subtotal: string, tax: string) => ({
  id: Number(`88${lineId.slice(-6)}`),
  line_item_id: lineId,
  quantity,
  restock_type: "return",
  subtotal: Number(subtotal),
  subtotal_set: money(subtotal),
  total_tax: Number(tax),
  total_tax_set: money(tax),
  line_item: { id: lineId, admin_graphql_api_id: `gid://shopify/LineItem/${lineId}` },
});

const adjustment = (kind: string, reason: string, amount: string, tax: string) => ({
  id: "8880000000000000100",
  order_id: SHOPIFY_ORDER_ID,
  kind,
  reason,
  amount,
  amount_set: money(amount),
  tax_amount: tax,
  tax_amount_set: money(tax),
});

export interface ExpectedLine {
  kind: string;
  vatRate: number;
  net: number;
  vat: number;
  gross: number;
  account: string;
}

export interface RefundCase {
  name: string;
  source: PreviewSource;
  order: () => Json;
  refund: () => Json;
  settings: Json;
  /** Lines in the credit note's order: kind, rate, net, VAT, gross, account. */
  lines: ExpectedLine[];
  /** Money back to the customer: the credit note's gross. */
  gross: number;
  vatByRate: Array<{ vatRate: number; vat: number }>;
  /** What the code before this change did with it. */
  before: string;
}

const l = (
  kind: string,
  vatRate: number,
  net: number,
  vat: number,
  gross: number,
  account: string,
): ExpectedLine => ({ kind, vatRate, net, vat, gross, account });

export const REFUND_CASES: RefundCase[] = [
  {
    name: "Shopify: one cup refunded for 100.00 instead of the calculated 112.50 (refund_discrepancy)",
    source: "shopify",
    order: () => shopifyOrder(false),
    refund: () =>
      restRefund("9990000000000000101", {
        refund_line_items: [refundLine(KOP, 1, "112.50", "22.50")],
        // Shopify: positive = less money back; tax_amount is 0.00 on every discrepancy.
        order_adjustments: [adjustment("refund_discrepancy", "Refund discrepancy", "12.50", "0.00")],
        transactions: [restTransaction("6660000000000000101", "100.00")],
      }),
    settings: SHOPIFY_SETTINGS,
    // The cup at full price 125.00 (net 100.00 + 25.00) and its discount −12.50 (−10.00 − 2.50),
    // as invoiced; the discrepancy −12.50 takes the refunded cup's 25 %: −10.00 − 2.50.
    // Gross 125.00 − 12.50 − 12.50 = 100.00; VAT 25.00 − 2.50 − 2.50 = 20.00 (= 100.00 × 0.2).
    lines: [
      l("item", 2500, 10_000, 2500, 12_500, "1000"),
      l("discount", 2500, -1000, -250, -1250, "1000"),
      l("discount", 2500, -1000, -250, -1250, "1000"),
    ],
    gross: 10_000,
    vatByRate: [{ vatRate: 2500, vat: 2000 }],
    before: "refused: VAT at 25 % comes to 20.00 DKK on the lines but the shop charged 22.50 DKK",
  },
  {
    name: "Shopify GraphQL: a teapot returned with a 50.00 restocking fee (reason RESTOCK)",
    source: "shopify",
    order: () => shopifyOrder(false),
    refund: () => ({
      id: "gid://shopify/Refund/9990000000000000102",
      createdAt: "2025-05-21T09:00:00Z",
      note: "Returneret, returgebyr",
      refundLineItems: {
        nodes: [
          {
            quantity: 1,
            restockType: "RETURN",
            subtotalSet: bag("359.95"),
            totalTaxSet: bag("71.99"),
            lineItem: { id: `gid://shopify/LineItem/${TEKANDE}`, sku: "TEKANDE-1", name: "Tekande" },
          },
        ],
      },
      refundShippingLines: { nodes: [] },
      orderAdjustments: {
        nodes: [
          {
            amountSet: bag("50.00"),
            taxAmountSet: bag("0.00"),
            reason: "RESTOCK",
            kind: "REFUND_DISCREPANCY",
          },
        ],
      },
      transactions: {
        nodes: [
          {
            id: "gid://shopify/OrderTransaction/6660000000000000102",
            kind: "REFUND",
            status: "SUCCESS",
            gateway: "shopify_payments",
            amountSet: bag("309.95"),
          },
        ],
      },
    }),
    settings: SHOPIFY_SETTINGS,
    // Teapot 399.95 (319.96 + 79.99), its discount −40.00 (−32.00 − 8.00), the restocking fee
    // −50.00 at the teapot's 25 %: −40.00 − 10.00. Gross 309.95; VAT 79.99 − 8.00 − 10.00 =
    // 61.99 (309.95 / 1.25 = 247.96 net).
    lines: [
      l("item", 2500, 31_996, 7999, 39_995, "1000"),
      l("discount", 2500, -3200, -800, -4000, "1000"),
      l("discount", 2500, -4000, -1000, -5000, "1000"),
    ],
    gross: 30_995,
    vatByRate: [{ vatRate: 2500, vat: 6199 }],
    before: "refused: VAT at 25 % comes to 61.99 DKK on the lines but the shop charged 71.99 DKK",
  },
  {
    name: "Shopify: a 100.00 goodwill refund without lines, to the configured adjustment account",
    source: "shopify",
    order: () => shopifyOrder(false),
    refund: () =>
      restRefund("9990000000000000103", {
        order_adjustments: [adjustment("refund_discrepancy", "Refund discrepancy", "-100.00", "0.00")],
        transactions: [restTransaction("6660000000000000103", "100.00")],
      }),
    settings: {
      ...SHOPIFY_SETTINGS,
      accounts: { giftCardLiability: "2950", refundAdjustments: { domestic: "1090" } },
    },
    // Everything reducible was sold at 25 %: 100.00 = 80.00 + 20.00 on account 1090.
    lines: [l("item", 2500, 8000, 2000, 10_000, "1090")],
    gross: 10_000,
    vatByRate: [{ vatRate: 2500, vat: 2000 }],
    before: "refused: VAT at 25 % comes to 20.00 DKK on the lines but the shop charged 0.00 DKK",
  },
  {
    name: "Shopify: a 100.00 goodwill refund of an order with 25 % and 0 % lines",
    source: "shopify",
    order: () => shopifyOrder(true),
    refund: () =>
      restRefund("9990000000000000104", {
        order_adjustments: [adjustment("refund_discrepancy", "Refund discrepancy", "-100.00", "0.00")],
        transactions: [restTransaction("6660000000000000104", "100.00")],
      }),
    settings: SHOPIFY_SETTINGS,
    // In proportion to the invoice's gross per rate, 274.00 : 359.95 (of 633.95):
    // 100.00 × 274/633.95 = 43.2211… and × 359.95/633.95 = 56.7789…; largest remainder gives
    // 43.22 + 56.78, but 43.22 incl. 25 % is no net + rounded VAT (34.58 + 8.65 = 43.23,
    // 34.57 + 8.64 = 43.21), so the 25 % part takes the nearer 43.23 and the 0 % part 56.77.
    // The 25 % part goes to the account carrying most of that rate's gross (the items, 1000),
    // the 0 % part to the newspaper's exempt account (1050).
    lines: [l("item", 2500, 3458, 865, 4323, "1000"), l("item", 0, 5677, 0, 5677, "1050")],
    gross: 10_000,
    vatByRate: [
      { vatRate: 2500, vat: 865 },
      { vatRate: 0, vat: 0 },
    ],
    before: "spread over the items only (shipping's 25 % left out): 38.46 at 25 %, 61.54 at 0 %",
  },
  {
    name: "Shopify GraphQL: money-only goodwill of 100.00 without adjustments, mixed rates",
    source: "shopify",
    order: () => shopifyOrder(true),
    refund: () => ({
      id: "gid://shopify/Refund/9990000000000000105",
      createdAt: "2025-05-21T09:00:00Z",
      note: "Kompensation",
      refundLineItems: { nodes: [] },
      refundShippingLines: { nodes: [] },
      orderAdjustments: { nodes: [] },
      transactions: {
        nodes: [
          {
            id: "gid://shopify/OrderTransaction/6660000000000000105",
            kind: "REFUND",
            status: "SUCCESS",
            gateway: "shopify_payments",
            amountSet: bag("100.00"),
          },
        ],
      },
    }),
    settings: SHOPIFY_SETTINGS,
    // The same figures as the goodwill adjustment above: 43.23 at 25 % and 56.77 at 0 %.
    lines: [l("item", 2500, 3458, 865, 4323, "1000"), l("item", 0, 5677, 0, 5677, "1050")],
    gross: 10_000,
    vatByRate: [
      { vatRate: 2500, vat: 865 },
      { vatRate: 0, vat: 0 },
    ],
    before: "spread over the items only: 38.47 at 25 %, 61.53 at 0 %",
  },
  {
    name: "Shopify: newspaper and shipping refunded 20.00 short, mixed rates",
    source: "shopify",
    order: () => shopifyOrder(true),
    refund: () =>
      restRefund("9990000000000000106", {
        refund_line_items: [refundLine(TEKANDE, 1, "359.95", "0.00")],
        refund_shipping_lines: [
          {
            id: "8880000000000000107",
            shipping_line_id: "4400000000000000001",
            subtotal_amount_set: money("49.00"),
            tax_amount_set: money("9.80"),
          },
        ],
        order_adjustments: [
          adjustment("shipping_refund", "Shipping refund", "-39.20", "-9.80"),
          adjustment("refund_discrepancy", "Refund discrepancy", "20.00", "0.00"),
        ],
        transactions: [restTransaction("6660000000000000106", "388.95")],
      }),
    settings: SHOPIFY_SETTINGS,
    // Credited: the newspaper 399.95 − 40.00 = 359.95 at 0 % and shipping 49.00 at 25 % (408.95).
    // The 20.00 short is spread over those: 20.00 × 49/408.95 = 2.3964 and × 359.95/408.95 =
    // 17.6036 → largest remainder 2.40 + 17.60; 2.40 = 1.92 + 0.48 is reachable at 25 %.
    // Gross 359.95 + 49.00 − 20.00 = 388.95; VAT 9.80 − 0.48 = 9.32.
    lines: [
      l("item", 0, 39_995, 0, 39_995, "1050"),
      l("discount", 0, -4000, 0, -4000, "1050"),
      l("shipping", 2500, 3920, 980, 4900, "1350"),
      l("discount", 2500, -192, -48, -240, "1350"),
      l("discount", 0, -1760, 0, -1760, "1050"),
    ],
    gross: 38_895,
    vatByRate: [
      { vatRate: 2500, vat: 932 },
      { vatRate: 0, vat: 0 },
    ],
    before: "spread by the items' full price (discount ignored): 2.18 at 25 %, 17.82 at 0 %",
  },
  {
    name: "WooCommerce: 50.00 refunded without line items",
    source: "woocommerce",
    order: () => wooOrder(false),
    refund: () => wooRefund(5020, "50.00", []),
    settings: WOO_SETTINGS,
    // All of the order is at 25 %: 50.00 = 40.00 + 10.00 on the items' account.
    lines: [l("item", 2500, 4000, 1000, 5000, "1000")],
    gross: 5000,
    vatByRate: [{ vatRate: 2500, vat: 1000 }],
    before: "the same figures, but without the VAT-per-rate check",
  },
  {
    name: "WooCommerce: 100.00 refunded without line items on an order with 25 % and 0 % lines",
    source: "woocommerce",
    order: () => wooOrder(true),
    refund: () => wooRefund(5021, "100.00", []),
    settings: WOO_SETTINGS,
    // Invoice gross 25 %: 225.00 + 49.00 + 25.00 = 299.00; 0 %: 100.00 (399.00).
    // 100.00 × 299/399 = 74.9373… → 74.93, × 100/399 = 25.0626… → 25.06; the leftover øre goes to
    // the larger remainder (.73): 74.94 + 25.06. 74.94 = 59.95 + 14.99 is reachable at 25 %.
    lines: [l("item", 2500, 5995, 1499, 7494, "1000"), l("item", 0, 2506, 0, 2506, "1050")],
    gross: 10_000,
    vatByRate: [
      { vatRate: 2500, vat: 1499 },
      { vatRate: 0, vat: 0 },
    ],
    before: "spread over the items only (225.00 : 100.00): 69.23 at 25 %, 30.77 at 0 %",
  },
  {
    name: "WooCommerce: one cup (112.50) refunded with 150.00, mixed rates",
    source: "woocommerce",
    order: () => wooOrder(true),
    refund: () => wooRefund(5022, "150.00", [WOO_CUP_REFUND]),
    settings: WOO_SETTINGS,
    // The cup 90.00 + 22.50 as WooCommerce states it — booked like the invoice, at full price
    // 125.00 (100.00 + 25.00) with its coupon share −12.50 (−10.00 − 2.50); the 37.50 not tied to a line is spread
    // over the invoice 299 : 100: 37.50 × 299/399 = 28.1015… → 28.10, × 100/399 = 9.3984… →
    // 9.39, leftover øre to .98 → 9.40. 28.10 = 22.48 + 5.62 is reachable at 25 %.
    // Gross 112.50 + 28.10 + 9.40 = 150.00; VAT 22.50 + 5.62 = 28.12.
    lines: [
      l("item", 2500, 10_000, 2500, 12_500, "1000"),
      l("discount", 2500, -1000, -250, -1250, "1000"),
      l("item", 2500, 2248, 562, 2810, "1000"),
      l("item", 0, 940, 0, 940, "1050"),
    ],
    gross: 15_000,
    vatByRate: [
      { vatRate: 2500, vat: 2812 },
      { vatRate: 0, vat: 0 },
    ],
    before: "spread over the items only: 25.96 at 25 %, 11.54 at 0 %",
  },
];
