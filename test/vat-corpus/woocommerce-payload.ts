/**
 * WooCommerce REST v3 orders (`GET /orders/<id>`, the order webhook body) for the VAT corpus.
 * Every amount is written by hand in the case files exactly as WooCommerce states it: line
 * `subtotal`/`total` net of tax, `subtotal_tax`/`total_tax` beside them, one tax rate (id 1).
 */

export interface WooLineSpec {
  name: string;
  sku?: string;
  quantity: number;
  subtotal: string;
  subtotalTax: string;
  total: string;
  totalTax: string;
}

export interface WooOrderSpec {
  id: number;
  pricesIncludeTax: boolean;
  ratePercent: number;
  lines: WooLineSpec[];
  shipping?: { title: string; total: string; tax: string };
  fees?: Array<{ name: string; total: string; tax: string; taxStatus: "taxable" | "none" }>;
  coupon?: { code: string; discount: string; discountTax: string };
  totals: {
    total: string;
    totalTax: string;
    cartTax: string;
    shippingTax: string;
    discountTotal: string;
    discountTax: string;
  };
}

export function wooOrder(spec: WooOrderSpec): Record<string, unknown> {
  const taxes = (total: string, subtotal = "") =>
    Number(total) === 0 && subtotal === "" ? [] : [{ id: 1, total, subtotal }];
  const shippingTotal = spec.shipping?.total ?? "0.00";
  return {
    id: spec.id,
    parent_id: 0,
    number: String(spec.id),
    order_key: `wc_order_corpus${spec.id}`,
    created_via: "checkout",
    version: "9.4.2",
    status: "processing",
    currency: "DKK",
    date_created: "2026-11-20T10:00:00",
    date_created_gmt: "2026-11-20T09:00:00",
    date_modified: "2026-11-20T10:00:05",
    date_paid: "2026-11-20T10:00:04",
    date_completed: null,
    discount_total: spec.totals.discountTotal,
    discount_tax: spec.totals.discountTax,
    shipping_total: shippingTotal,
    shipping_tax: spec.totals.shippingTax,
    cart_tax: spec.totals.cartTax,
    total: spec.totals.total,
    total_tax: spec.totals.totalTax,
    prices_include_tax: spec.pricesIncludeTax,
    customer_id: 0,
    billing: {
      first_name: "Mads",
      last_name: "Kjær",
      company: "",
      address_1: "Algade 3",
      address_2: "",
      city: "Roskilde",
      state: "",
      postcode: "4000",
      country: "DK",
      email: `mads${spec.id}@example.dk`,
      phone: "",
    },
    shipping: {
      first_name: "Mads",
      last_name: "Kjær",
      company: "",
      address_1: "Algade 3",
      address_2: "",
      city: "Roskilde",
      state: "",
      postcode: "4000",
      country: "DK",
    },
    payment_method: "quickpay",
    payment_method_title: "Kort",
    transaction_id: `qp-${spec.id}`,
    meta_data: [],
    line_items: spec.lines.map((line, i) => ({
      id: spec.id * 10 + i,
      name: line.name,
      product_id: 100 + i,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: "",
      subtotal: line.subtotal,
      subtotal_tax: line.subtotalTax,
      total: line.total,
      total_tax: line.totalTax,
      taxes: taxes(line.totalTax, line.subtotalTax),
      meta_data: [],
      sku: line.sku ?? "",
      price: Number(line.total) / line.quantity,
    })),
    tax_lines: [
      {
        id: spec.id * 10 + 9,
        rate_code: `DK-MOMS-${spec.ratePercent}-1`,
        rate_id: 1,
        label: "Moms",
        compound: false,
        tax_total: spec.totals.cartTax,
        shipping_tax_total: spec.totals.shippingTax,
        rate_percent: spec.ratePercent,
        meta_data: [],
      },
    ],
    shipping_lines: spec.shipping
      ? [
          {
            id: spec.id * 10 + 7,
            method_title: spec.shipping.title,
            method_id: "flat_rate",
            instance_id: "1",
            total: spec.shipping.total,
            total_tax: spec.shipping.tax,
            taxes: taxes(spec.shipping.tax),
            meta_data: [],
          },
        ]
      : [],
    fee_lines: (spec.fees ?? []).map((fee, i) => ({
      id: spec.id * 10 + 5 + i,
      name: fee.name,
      tax_class: "",
      tax_status: fee.taxStatus,
      total: fee.total,
      total_tax: fee.tax,
      taxes: taxes(fee.tax),
      meta_data: [],
    })),
    coupon_lines: spec.coupon
      ? [
          {
            id: spec.id * 10 + 8,
            code: spec.coupon.code,
            discount: spec.coupon.discount,
            discount_tax: spec.coupon.discountTax,
            meta_data: [],
          },
        ]
      : [],
    refunds: [],
  };
}
