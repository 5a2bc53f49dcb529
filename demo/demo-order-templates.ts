import type { Json } from "../simulators/shopify/rest-to-graphql";

/**
 * The demo shop's orders as Shopify's REST webhook bodies (the shape of
 * test/fixtures/shopify/order-dk-taxes-included.synthetic.json): Danish buyers, prices incl. 25 %
 * moms, amounts and tax lines computed the way Shopify rounds them, so every total adds up.
 * The Shopify simulator gives each created order fresh ids, a name and timestamps.
 */

const VAT_RATE = 0.25;
const CURRENCY = "DKK";

export interface DemoLineSpec {
  title: string;
  variant?: string;
  sku: string | null;
  quantity: number;
  /** Unit price incl. VAT, in øre. */
  unitPrice: number;
  giftCard?: boolean;
}

export interface DemoOrderSpec {
  customer: {
    id: number;
    firstName: string;
    lastName: string;
    email: string;
    phone: string | null;
    company?: string;
    address1: string;
    zip: string;
    city: string;
  };
  /** The buyer's CVR number, as a checkout note attribute. */
  vatNumber?: string;
  lines: DemoLineSpec[];
  /** Price incl. VAT, in øre. */
  shipping: { title: string; code: string; price: number };
  /** A percentage code on every line that is not a gift card. */
  discount?: { code: string; percent: number };
  gateway: string;
}

/** Øre → "123.45", as Shopify's REST API writes amounts. */
export function formatAmount(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const moneySet = (minor: number) => ({
  shop_money: { amount: formatAmount(minor), currency_code: CURRENCY },
  presentment_money: { amount: formatAmount(minor), currency_code: CURRENCY },
});

/** The VAT contained in an amount incl. VAT, rounded half up as Shopify does per line. */
const includedTax = (gross: number) => Math.round((gross * VAT_RATE) / (1 + VAT_RATE));

const taxLine = (tax: number) => ({
  title: "DK Moms",
  rate: VAT_RATE,
  price: formatAmount(tax),
  price_set: moneySet(tax),
  channel_liable: false,
});

interface PricedLine {
  spec: DemoLineSpec;
  templateId: number;
  gross: number;
  discount: number;
  tax: number;
}

function priceLines(spec: DemoOrderSpec): PricedLine[] {
  return spec.lines.map((line, index) => {
    const gross = line.unitPrice * line.quantity;
    const discount = spec.discount && !line.giftCard ? Math.round((gross * spec.discount.percent) / 100) : 0;
    return {
      spec: line,
      templateId: index + 1,
      gross,
      discount,
      tax: line.giftCard ? 0 : includedTax(gross - discount),
    };
  });
}

/** A paid order in Shopify's `orders/paid` shape (ids and dates are the simulator's to set). */
export function demoOrderTemplate(spec: DemoOrderSpec): Json {
  const lines = priceLines(spec);
  const lineItemsTotal = lines.reduce((sum, line) => sum + line.gross, 0);
  const discounts = lines.reduce((sum, line) => sum + line.discount, 0);
  const shippingTax = includedTax(spec.shipping.price);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0) + shippingTax;
  const subtotal = lineItemsTotal - discounts;
  const total = subtotal + spec.shipping.price;
  const { customer } = spec;
  const address = {
    first_name: customer.firstName,
    last_name: customer.lastName,
    name: `${customer.firstName} ${customer.lastName}`,
    company: customer.company ?? null,
    address1: customer.address1,
    address2: "",
    zip: customer.zip,
    city: customer.city,
    province: null,
    country: "Denmark",
    country_code: "DK",
    province_code: null,
    phone: customer.phone,
  };
  return {
    id: 1,
    admin_graphql_api_id: "gid://shopify/Order/1",
    cancelled_at: null,
    cancel_reason: null,
    financial_status: "paid",
    fulfillment_status: null,
    test: false,
    currency: CURRENCY,
    presentment_currency: CURRENCY,
    taxes_included: true,
    tax_exempt: false,
    email: customer.email,
    contact_email: customer.email,
    phone: null,
    subtotal_price: formatAmount(subtotal),
    subtotal_price_set: moneySet(subtotal),
    total_line_items_price: formatAmount(lineItemsTotal),
    total_line_items_price_set: moneySet(lineItemsTotal),
    total_discounts: formatAmount(discounts),
    total_discounts_set: moneySet(discounts),
    total_shipping_price_set: moneySet(spec.shipping.price),
    total_tax: formatAmount(tax),
    total_tax_set: moneySet(tax),
    total_price: formatAmount(total),
    total_price_set: moneySet(total),
    current_total_price: formatAmount(total),
    current_total_price_set: moneySet(total),
    total_tip_received: "0.00",
    tax_lines: [taxLine(tax)],
    discount_codes: spec.discount
      ? [{ code: spec.discount.code, amount: formatAmount(discounts), type: "percentage" }]
      : [],
    discount_applications: spec.discount
      ? [
          {
            type: "discount_code",
            code: spec.discount.code,
            value: spec.discount.percent.toFixed(1),
            value_type: "percentage",
            allocation_method: "across",
            target_selection: "all",
            target_type: "line_item",
          },
        ]
      : [],
    note_attributes: spec.vatNumber ? [{ name: "vat_number", value: spec.vatNumber }] : [],
    payment_gateway_names: [spec.gateway],
    customer: {
      id: customer.id,
      admin_graphql_api_id: `gid://shopify/Customer/${customer.id}`,
      email: customer.email,
      first_name: customer.firstName,
      last_name: customer.lastName,
      phone: customer.phone,
      tax_exempt: false,
      tax_exemptions: [],
    },
    billing_address: address,
    shipping_address: address,
    line_items: lines.map((line) => ({
      id: line.templateId,
      admin_graphql_api_id: `gid://shopify/LineItem/${line.templateId}`,
      title: line.spec.title,
      name: line.spec.variant ? `${line.spec.title} - ${line.spec.variant}` : line.spec.title,
      variant_title: line.spec.variant ?? null,
      sku: line.spec.sku,
      quantity: line.spec.quantity,
      current_quantity: line.spec.quantity,
      price: formatAmount(line.spec.unitPrice),
      price_set: moneySet(line.spec.unitPrice),
      gift_card: line.spec.giftCard ?? false,
      taxable: !line.spec.giftCard,
      requires_shipping: !line.spec.giftCard,
      total_discount: "0.00",
      tax_lines: line.spec.giftCard ? [] : [taxLine(line.tax)],
      discount_allocations:
        line.discount > 0
          ? [
              {
                amount: formatAmount(line.discount),
                amount_set: moneySet(line.discount),
                discount_application_index: 0,
              },
            ]
          : [],
    })),
    shipping_lines: [
      {
        id: 1,
        title: spec.shipping.title,
        code: spec.shipping.code,
        price: formatAmount(spec.shipping.price),
        price_set: moneySet(spec.shipping.price),
        discounted_price: formatAmount(spec.shipping.price),
        discounted_price_set: moneySet(spec.shipping.price),
        is_removed: false,
        source: "shopify",
        tax_lines: [taxLine(shippingTax)],
        discount_allocations: [],
      },
    ],
    fulfillments: [],
    refunds: [],
  };
}

/**
 * A refund of one unit of the order's first line (a return, no shipping refunded), in the shape
 * of refunds/create, read off the stored REST order. Line ids are the order's own.
 */
export function demoRefundTemplate(order: Json): Json {
  const lines = Array.isArray(order.line_items) ? (order.line_items as Json[]) : [];
  const first = lines[0];
  if (!first) throw new Error("the order has no line to refund");
  const quantity = Number(first.quantity);
  const allocations = Array.isArray(first.discount_allocations) ? (first.discount_allocations as Json[]) : [];
  const discount = allocations.reduce((sum, allocation) => sum + toMinor(allocation.amount), 0);
  const unitGross = Math.round((toMinor(first.price) * quantity - discount) / quantity);
  const tax = first.taxable === false ? 0 : includedTax(unitGross);
  const gateways = Array.isArray(order.payment_gateway_names) ? order.payment_gateway_names : [];
  return {
    id: 1,
    admin_graphql_api_id: "gid://shopify/Refund/1",
    order_id: order.id,
    note: `Returneret: 1 × ${String(first.title)}`,
    restock: true,
    duties: [],
    additional_fees: [],
    return: null,
    refund_line_items: [
      {
        id: 1,
        line_item_id: first.id,
        quantity: 1,
        restock_type: "return",
        location_id: null,
        subtotal: unitGross / 100,
        subtotal_set: moneySet(unitGross),
        total_tax: tax / 100,
        total_tax_set: moneySet(tax),
        line_item: { id: first.id, sku: first.sku, title: first.title },
      },
    ],
    refund_shipping_lines: [],
    order_adjustments: [],
    transactions: [
      {
        id: 1,
        kind: "refund",
        status: "success",
        gateway: String(gateways[0] ?? "shopify_payments"),
        amount: formatAmount(unitGross),
        currency: CURRENCY,
      },
    ],
  };
}

/** "112.50" → 11250 (display amounts with at most two decimals). */
function toMinor(amount: unknown): number {
  return Math.round(Number(amount) * 100);
}

/** Orders a newcomer creates with "Create paid order", in turn. */
export const PAID_ORDERS: readonly DemoOrderSpec[] = [
  {
    customer: {
      id: 7_770_000_000_001,
      firstName: "Mette",
      lastName: "Holm",
      email: "indkob@kaffebaren.example",
      phone: "+4520304050",
      company: "Kaffebaren ApS",
      address1: "Nørregade 7",
      zip: "8000",
      city: "Aarhus C",
    },
    vatNumber: "DK12345678",
    lines: [
      { title: "Kaffekop", variant: "Blå", sku: "KOP-BLA", quantity: 2, unitPrice: 12_500 },
      { title: "Tekande", sku: "TEKANDE-1", quantity: 1, unitPrice: 39_995 },
    ],
    shipping: { title: "PostNord Pakkeshop", code: "postnord-pakkeshop", price: 4_900 },
    discount: { code: "SOMMER10", percent: 10 },
    gateway: "shopify_payments",
  },
  {
    customer: {
      id: 7_770_000_000_002,
      firstName: "Sofie",
      lastName: "Jensen",
      email: "sofie.jensen@example.dk",
      phone: "+4540506070",
      address1: "Blågårdsgade 12, 2. th.",
      zip: "2200",
      city: "København N",
    },
    lines: [
      {
        title: "Kaffebønner Espresso",
        variant: "500 g",
        sku: "BOENNER-ESP-500",
        quantity: 2,
        unitPrice: 8_900,
      },
      { title: "Mælkekande", sku: "MAELKEKANDE", quantity: 1, unitPrice: 14_900 },
    ],
    shipping: { title: "GLS Pakkeshop", code: "gls-pakkeshop", price: 3_900 },
    gateway: "mobilepay",
  },
  {
    customer: {
      id: 7_770_000_000_003,
      firstName: "Anders",
      lastName: "Nielsen",
      email: "anders.nielsen@example.dk",
      phone: null,
      address1: "Vestergade 48",
      zip: "5000",
      city: "Odense C",
    },
    lines: [{ title: "Termokop", variant: "Sort", sku: "TERMO-SORT", quantity: 1, unitPrice: 22_900 }],
    shipping: { title: "DAO Hjemmelevering", code: "dao-hjem", price: 4_500 },
    gateway: "shopify_payments",
  },
];

/**
 * The order that fails: it sells a gift card, and the demo's settings leave the gift-card
 * liability account unset, so the invoice cannot be built until the merchant chooses one. A
 * real, merchant-fixable gap (Settings → gift-card account), after which Retry transfers it.
 */
export const FAILING_ORDER: DemoOrderSpec = {
  customer: {
    id: 7_770_000_000_004,
    firstName: "Lene",
    lastName: "Larsen",
    email: "lene.larsen@example.dk",
    phone: "+4560708090",
    address1: "Algade 3",
    zip: "4000",
    city: "Roskilde",
  },
  lines: [
    { title: "Kaffekop", variant: "Rød", sku: "KOP-ROED", quantity: 1, unitPrice: 12_500 },
    // Without a SKU: a gift card is a liability, not a product to keep in the ledger.
    { title: "Gavekort", variant: "500 kr", sku: null, quantity: 1, unitPrice: 50_000, giftCard: true },
  ],
  shipping: { title: "DAO Hjemmelevering", code: "dao-hjem", price: 4_500 },
  gateway: "shopify_payments",
};
