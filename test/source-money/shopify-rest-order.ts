/**
 * Shopify `orders/*` webhook bodies (REST shape) for the source-money tests, laid out as Shopify
 * documents them: every amount with its `*_set` in shop and presentment money. The figures are
 * written by hand in each test.
 */

type Money = readonly [shop: string, presentment: string];

export interface RestLineSpec {
  title: string;
  quantity: number;
  price: Money;
  tax?: { rate: number; price: Money };
  /** A tip line item: Shopify marks it with the gateway the tip was paid through. */
  tipGateway?: string;
}

export interface RestOrderSpec {
  id: number;
  shop: string;
  presentment: string;
  taxesIncluded: boolean;
  country: string;
  lines: RestLineSpec[];
  total: Money;
  tax: Money;
  /** `total_tip_received`: shop money only, as Shopify states it. */
  tip?: string;
  /** REST transactions: one amount in the currency the customer paid in, no `amount_set`. */
  transactions?: Array<{ kind: string; gateway: string; amount: string; currency: string }>;
}

export function restOrder(spec: RestOrderSpec): Record<string, unknown> {
  const set = ([shop, presentment]: Money) => ({
    shop_money: { amount: shop, currency_code: spec.shop },
    presentment_money: { amount: presentment, currency_code: spec.presentment },
  });
  const address = {
    first_name: "Aino",
    last_name: "Virtanen",
    name: "Aino Virtanen",
    address1: "Esplanadi 1",
    zip: "00100",
    city: "Helsinki",
    country_code: spec.country,
  };
  const line = (l: RestLineSpec, i: number) => ({
    id: 9_100_000 + i,
    admin_graphql_api_id: `gid://shopify/LineItem/${9_100_000 + i}`,
    title: l.title,
    name: l.title,
    sku: l.tipGateway ? null : `SKU-${i}`,
    quantity: l.quantity,
    current_quantity: l.quantity,
    price: l.price[0],
    price_set: set(l.price),
    gift_card: false,
    taxable: !l.tipGateway,
    requires_shipping: !l.tipGateway,
    tax_lines: l.tax
      ? [{ title: "ALV", rate: l.tax.rate, price: l.tax.price[0], price_set: set(l.tax.price) }]
      : [],
    discount_allocations: [],
    ...(l.tipGateway ? { tip_payment_gateway: l.tipGateway, tip_payment_method: "card" } : {}),
  });
  return {
    id: spec.id,
    admin_graphql_api_id: `gid://shopify/Order/${spec.id}`,
    name: `#${spec.id}`,
    order_number: spec.id,
    created_at: "2026-11-20T10:00:00+01:00",
    processed_at: "2026-11-20T10:00:00+01:00",
    updated_at: "2026-11-20T10:00:05+01:00",
    financial_status: "paid",
    fulfillment_status: null,
    test: false,
    currency: spec.shop,
    presentment_currency: spec.presentment,
    taxes_included: spec.taxesIncluded,
    tax_exempt: false,
    email: `kunde${spec.id}@example.com`,
    total_price: spec.total[0],
    total_price_set: set(spec.total),
    total_tax: spec.tax[0],
    total_tax_set: set(spec.tax),
    total_discounts: "0.00",
    total_discounts_set: set(["0.00", "0.00"]),
    total_tip_received: spec.tip ?? "0.00",
    discount_applications: [],
    discount_codes: [],
    payment_gateway_names: ["shopify_payments"],
    customer: {
      id: spec.id + 1,
      admin_graphql_api_id: `gid://shopify/Customer/${spec.id + 1}`,
      email: `kunde${spec.id}@example.com`,
      first_name: "Aino",
      last_name: "Virtanen",
    },
    billing_address: address,
    shipping_address: address,
    line_items: spec.lines.map(line),
    shipping_lines: [],
    refunds: [],
    ...(spec.transactions
      ? {
          transactions: spec.transactions.map((t, i) => ({
            id: spec.id * 10 + i,
            admin_graphql_api_id: `gid://shopify/OrderTransaction/${spec.id * 10 + i}`,
            status: "success",
            processed_at: "2026-11-20T10:00:00+01:00",
            ...t,
          })),
        }
      : {}),
  };
}
