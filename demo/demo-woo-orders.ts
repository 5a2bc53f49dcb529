import { formatAmount } from "./demo-order-templates";

/**
 * The demo WooCommerce store's orders as its REST API (v3) returns them: Danish buyers, prices
 * incl. 25 % moms (`prices_include_tax`), every line's tax in `taxes` under the store's one tax
 * rate, so the totals add up exactly. The simulator gives each order its id, number and dates.
 */

type WooJson = Record<string, unknown>;

const RATE_ID = 1;
const VAT_RATE = 0.25;

export interface DemoWooOrderSpec {
  customer: {
    firstName: string;
    lastName: string;
    company: string;
    email: string;
    phone: string;
    address1: string;
    postcode: string;
    city: string;
  };
  /** Unit prices incl. VAT, in øre. */
  lines: Array<{ name: string; sku: string; productId: number; quantity: number; unitPrice: number }>;
  /** Incl. VAT, in øre. */
  shipping: { title: string; price: number };
  paymentMethod: { id: string; title: string };
}

export const WOO_PAID_ORDERS: readonly DemoWooOrderSpec[] = [
  {
    customer: {
      firstName: "Sofie",
      lastName: "Lund",
      company: "Nordlys Keramik ApS",
      email: "sofie@nordlys-keramik.example",
      phone: "+4522334455",
      address1: "Havnegade 12",
      postcode: "8000",
      city: "Aarhus C",
    },
    lines: [{ name: "Kaffekop, stentøj", sku: "KOP-01", productId: 77, quantity: 2, unitPrice: 12_500 }],
    shipping: { title: "GLS Pakkeshop", price: 4_900 },
    paymentMethod: { id: "quickpay", title: "Dankort / Visa" },
  },
  {
    customer: {
      firstName: "Jonas",
      lastName: "Bech",
      company: "",
      email: "jonas.bech@example.dk",
      phone: "+4540506070",
      address1: "Skovvej 3",
      postcode: "5000",
      city: "Odense C",
    },
    lines: [
      { name: "Espressomaskine", sku: "ESP-20", productId: 81, quantity: 1, unitPrice: 199_900 },
      { name: "Mælkekande", sku: "KAN-05", productId: 82, quantity: 1, unitPrice: 14_900 },
    ],
    shipping: { title: "PostNord Privatpakke", price: 4_900 },
    paymentMethod: { id: "mobilepay", title: "MobilePay" },
  },
];

/** The VAT contained in an amount incl. VAT, in øre. */
const includedTax = (gross: number) => Math.round((gross * VAT_RATE) / (1 + VAT_RATE));

/** WooCommerce's `Y-m-d\TH:i:s` without a zone (the store's site time is GMT here). */
const wooTime = (date: Date) => date.toISOString().slice(0, 19);

/** The total (incl. VAT, in øre) an order of this spec comes to. */
export function wooOrderTotal(spec: DemoWooOrderSpec): number {
  return spec.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0) + spec.shipping.price;
}

/** A paid order (status processing, `date_paid` set) for `WooSimStore.createOrder`. */
export function demoWooOrder(spec: DemoWooOrderSpec, now: Date): WooJson {
  const paid = wooTime(now);
  const lineTaxes = spec.lines.map((line) => includedTax(line.quantity * line.unitPrice));
  const lineItems = spec.lines.map((line, index) => {
    const gross = line.quantity * line.unitPrice;
    const tax = lineTaxes[index] ?? 0;
    return {
      id: index + 1,
      name: line.name,
      product_id: line.productId,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: "",
      subtotal: formatAmount(gross - tax),
      subtotal_tax: formatAmount(tax),
      total: formatAmount(gross - tax),
      total_tax: formatAmount(tax),
      taxes: [{ id: RATE_ID, total: formatAmount(tax), subtotal: formatAmount(tax) }],
      meta_data: [],
      sku: line.sku,
      price: (line.unitPrice - includedTax(line.unitPrice)) / 100,
      image: { id: "", src: "" },
      parent_name: null,
    };
  });
  const cartTax = lineTaxes.reduce((sum, tax) => sum + tax, 0);
  const shippingTax = includedTax(spec.shipping.price);
  const total = wooOrderTotal(spec);
  const address = {
    first_name: spec.customer.firstName,
    last_name: spec.customer.lastName,
    company: spec.customer.company,
    address_1: spec.customer.address1,
    address_2: "",
    city: spec.customer.city,
    state: "",
    postcode: spec.customer.postcode,
    country: "DK",
  };
  return {
    parent_id: 0,
    order_key: `wc_order_demo${now.getTime().toString(36)}`,
    created_via: "checkout",
    version: "9.8.5",
    status: "processing",
    currency: "DKK",
    discount_total: "0.00",
    discount_tax: "0.00",
    shipping_total: formatAmount(spec.shipping.price - shippingTax),
    shipping_tax: formatAmount(shippingTax),
    cart_tax: formatAmount(cartTax),
    total: formatAmount(total),
    total_tax: formatAmount(cartTax + shippingTax),
    prices_include_tax: true,
    customer_id: 0,
    customer_ip_address: "",
    customer_user_agent: "",
    customer_note: "",
    billing: { ...address, email: spec.customer.email, phone: spec.customer.phone },
    shipping: { ...address, phone: "" },
    payment_method: spec.paymentMethod.id,
    payment_method_title: spec.paymentMethod.title,
    transaction_id: `demo-${now.getTime()}`,
    date_paid: paid,
    date_paid_gmt: paid,
    date_completed: null,
    date_completed_gmt: null,
    cart_hash: "",
    meta_data: [],
    line_items: lineItems,
    tax_lines: [
      {
        id: lineItems.length + 1,
        rate_code: "DK-MOMS-1",
        rate_id: RATE_ID,
        label: "Moms",
        compound: false,
        tax_total: formatAmount(cartTax),
        shipping_tax_total: formatAmount(shippingTax),
        rate_percent: 25,
        meta_data: [],
      },
    ],
    shipping_lines: [
      {
        id: lineItems.length + 2,
        method_title: spec.shipping.title,
        method_id: "flat_rate",
        instance_id: "1",
        total: formatAmount(spec.shipping.price - shippingTax),
        total_tax: formatAmount(shippingTax),
        taxes: [{ id: RATE_ID, total: formatAmount(shippingTax), subtotal: "" }],
        meta_data: [],
      },
    ],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    is_editable: false,
    needs_payment: false,
    needs_processing: true,
    currency_symbol: "kr.",
  };
}
