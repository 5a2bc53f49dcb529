/**
 * Builds Shopify `orders/*` webhook bodies (REST shape) for the VAT corpus. Every figure is
 * written by hand in the case files, as Shopify states it: the builder only lays the figures out
 * in Shopify's documented shape (amount + `*_set` with shop and presentment money).
 */

type Pair = readonly [shop: string, presentment: string];
type Money = string | Pair;

export interface ShopifyLineSpec {
  title: string;
  sku?: string;
  quantity: number;
  price: Money;
  taxable?: boolean;
  tax?: Array<{ rate: number; title?: string; price: Money }>;
  discounts?: Array<{ amount: Money; index: number }>;
  /** A tip line item: Shopify marks it with the gateway the tip was paid through. */
  tipGateway?: string;
}

export interface ShopifyOrderSpec {
  id: number;
  number: number;
  shopCurrency: string;
  presentmentCurrency?: string;
  taxesIncluded: boolean;
  country: string;
  lines: ShopifyLineSpec[];
  shipping?: Array<{ title: string; price: Money; tax?: Array<{ rate: number; price: Money }> }>;
  discountApplications?: Array<{
    type: "discount_code" | "manual" | "automatic";
    code?: string;
    title?: string;
    value: string;
    valueType: "percentage" | "fixed_amount";
    allocation: "across" | "each";
  }>;
  totals: { total: Money; tax: Money; discounts?: Money };
  tip?: string;
  transactions?: Array<{ gateway: string; amount: string; currency: string }>;
}

function pair(money: Money): Pair {
  return typeof money === "string" ? [money, money] : money;
}

export function shopifyOrder(spec: ShopifyOrderSpec): Record<string, unknown> {
  const shop = spec.shopCurrency;
  const presentment = spec.presentmentCurrency ?? shop;
  const set = (money: Money) => {
    const [s, p] = pair(money);
    return {
      shop_money: { amount: s, currency_code: shop },
      presentment_money: { amount: p, currency_code: presentment },
    };
  };
  const plain = (money: Money) => pair(money)[0];
  const taxLines = (taxes: Array<{ rate: number; title?: string; price: Money }> | undefined) =>
    (taxes ?? []).map((t) => ({
      title: t.title ?? "Moms",
      rate: t.rate,
      price: plain(t.price),
      price_set: set(t.price),
      channel_liable: false,
    }));
  const id = (n: number) => 8_800_000_000_000 + spec.id * 100 + n;
  const address = {
    first_name: "Sanna",
    last_name: "Virtanen",
    name: "Sanna Virtanen",
    company: null,
    address1: "Testvej 1",
    zip: "8000",
    city: "Aarhus",
    country_code: spec.country,
  };
  const lines = spec.lines.map((line, i) => ({
    id: id(i + 1),
    admin_graphql_api_id: `gid://shopify/LineItem/${id(i + 1)}`,
    title: line.title,
    name: line.title,
    sku: line.sku ?? null,
    quantity: line.quantity,
    current_quantity: line.quantity,
    price: plain(line.price),
    price_set: set(line.price),
    gift_card: false,
    taxable: line.taxable ?? true,
    requires_shipping: !line.tipGateway,
    tax_lines: taxLines(line.tax),
    discount_allocations: (line.discounts ?? []).map((d) => ({
      amount: plain(d.amount),
      amount_set: set(d.amount),
      discount_application_index: d.index,
    })),
    ...(line.tipGateway ? { tip_payment_gateway: line.tipGateway, tip_payment_method: "card" } : {}),
  }));
  const codes = (spec.discountApplications ?? []).filter((d) => d.code);
  return {
    id: id(0),
    admin_graphql_api_id: `gid://shopify/Order/${id(0)}`,
    name: `#${spec.number}`,
    number: spec.number - 1000,
    order_number: spec.number,
    created_at: "2026-11-20T10:00:00+01:00",
    processed_at: "2026-11-20T10:00:00+01:00",
    updated_at: "2026-11-20T10:00:05+01:00",
    cancelled_at: null,
    financial_status: "paid",
    fulfillment_status: null,
    test: false,
    currency: shop,
    presentment_currency: presentment,
    taxes_included: spec.taxesIncluded,
    tax_exempt: false,
    email: `kunde${spec.id}@example.dk`,
    total_price: plain(spec.totals.total),
    total_price_set: set(spec.totals.total),
    total_tax: plain(spec.totals.tax),
    total_tax_set: set(spec.totals.tax),
    total_discounts: plain(spec.totals.discounts ?? "0.00"),
    total_discounts_set: set(spec.totals.discounts ?? "0.00"),
    total_tip_received: spec.tip ?? "0.00",
    discount_codes: codes.map((d) => ({ code: d.code, amount: "0.00", type: d.valueType })),
    discount_applications: (spec.discountApplications ?? []).map((d) => ({
      type: d.type,
      ...(d.code ? { code: d.code } : {}),
      ...(d.title ? { title: d.title } : {}),
      value: d.value,
      value_type: d.valueType,
      allocation_method: d.allocation,
      target_selection: "all",
      target_type: "line_item",
    })),
    payment_gateway_names: ["shopify_payments"],
    customer: {
      id: id(99),
      admin_graphql_api_id: `gid://shopify/Customer/${id(99)}`,
      email: `kunde${spec.id}@example.dk`,
      first_name: "Sanna",
      last_name: "Virtanen",
      tax_exempt: false,
      tax_exemptions: [],
    },
    billing_address: address,
    shipping_address: address,
    line_items: lines,
    shipping_lines: (spec.shipping ?? []).map((s, i) => ({
      id: id(50 + i),
      title: s.title,
      code: s.title,
      price: plain(s.price),
      price_set: set(s.price),
      discounted_price: plain(s.price),
      discounted_price_set: set(s.price),
      is_removed: false,
      tax_lines: taxLines(s.tax),
      discount_allocations: [],
    })),
    ...(spec.transactions
      ? {
          transactions: spec.transactions.map((t, i) => ({
            id: id(70 + i),
            kind: "sale",
            status: "success",
            gateway: t.gateway,
            amount: t.amount,
            currency: t.currency,
            processed_at: "2026-11-20T10:00:00+01:00",
          })),
        }
      : {}),
  };
}
