import { z } from "zod";

/**
 * The parts of WooCommerce REST v3 (and v2) order and refund JSON the mappers read. Money is a
 * decimal string ("29.35"); tax breakdowns (`taxes[].total`) are unrounded strings ("1.4784").
 * Lenient: older stores lack `rate_percent`, newer ones add fields every release.
 */

const amount = z.union([z.string(), z.number()]);
const text = z.string().nullish();
const id = z.union([z.number(), z.string()]);

const taxEntry = z.object({ id: id, total: amount.nullish(), subtotal: amount.nullish() });
const metaData = z.array(z.object({ key: z.string(), value: z.unknown() })).nullish();

const address = z
  .object({
    first_name: text,
    last_name: text,
    company: text,
    address_1: text,
    address_2: text,
    city: text,
    state: text,
    postcode: text,
    country: text,
    email: text,
    phone: text,
  })
  .nullish();

export const wooLineItem = z.object({
  id,
  name: text,
  product_id: id.nullish(),
  variation_id: id.nullish(),
  quantity: z.number(),
  subtotal: amount,
  subtotal_tax: amount.nullish(),
  total: amount,
  total_tax: amount.nullish(),
  taxes: z.array(taxEntry).nullish(),
  sku: text,
  meta_data: metaData,
});
export type WooLineItem = z.infer<typeof wooLineItem>;

const wooShippingLine = z.object({
  id,
  method_title: text,
  method_id: text,
  total: amount,
  total_tax: amount.nullish(),
  taxes: z.array(taxEntry).nullish(),
});

const wooFeeLine = z.object({
  id,
  name: text,
  tax_status: text,
  total: amount,
  total_tax: amount.nullish(),
  taxes: z.array(taxEntry).nullish(),
});

export const wooTaxLine = z.object({
  id: id.nullish(),
  rate_code: text,
  rate_id: id,
  label: text,
  compound: z.boolean().nullish(),
  tax_total: amount.nullish(),
  shipping_tax_total: amount.nullish(),
  rate_percent: amount.nullish(),
});
export type WooTaxLine = z.infer<typeof wooTaxLine>;

export const wooOrder = z.object({
  id,
  number: id.nullish(),
  status: text,
  currency: z.string(),
  date_created: text,
  date_created_gmt: text,
  date_modified: text,
  date_paid: text,
  date_completed: text,
  prices_include_tax: z.boolean(),
  discount_total: amount.nullish(),
  discount_tax: amount.nullish(),
  total: amount,
  total_tax: amount.nullish(),
  customer_id: id.nullish(),
  billing: address,
  shipping: address,
  payment_method: text,
  payment_method_title: text,
  transaction_id: text,
  /** How the order was made: "checkout", "admin", "rest-api" — its sales channel. */
  created_via: text,
  meta_data: metaData,
  line_items: z.array(wooLineItem),
  tax_lines: z.array(wooTaxLine).nullish(),
  shipping_lines: z.array(wooShippingLine).nullish(),
  fee_lines: z.array(wooFeeLine).nullish(),
  coupon_lines: z
    .array(
      z.object({
        id: id.nullish(),
        code: z.string(),
        discount: amount.nullish(),
        discount_tax: amount.nullish(),
      }),
    )
    .nullish(),
  refunds: z.array(z.object({ id, reason: text, total: amount.nullish() })).nullish(),
});
export type WooOrder = z.infer<typeof wooOrder>;

export const wooRefund = z.object({
  id,
  date_created: text,
  date_created_gmt: text,
  amount,
  reason: text,
  refunded_payment: z.boolean().nullish(),
  line_items: z.array(wooLineItem).nullish(),
  shipping_lines: z.array(wooShippingLine).nullish(),
  fee_lines: z.array(wooFeeLine).nullish(),
  _links: z.object({ up: z.array(z.object({ href: z.string() })).nullish() }).nullish(),
});
export type WooRefund = z.infer<typeof wooRefund>;
