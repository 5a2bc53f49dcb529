import { z } from "zod";

/**
 * The parts of Shopify's REST order and refund JSON (webhook payloads) the mapper reads. Lenient
 * by design: Shopify adds fields every API version and omits many per shop, so everything not
 * needed for the books is optional and unknown keys are ignored. Money comes as strings ("199.00")
 * or, in refund line items, as JSON numbers (195.66); ids as numbers that may exceed 2^53 (the
 * raw text is parsed with `parseJsonSafely`, which turns those into strings).
 */

const id = z.union([z.string(), z.number()]);
const amount = z.union([z.string(), z.number()]);
const text = z.string().nullish();

const money = z.object({ amount, currency_code: z.string().nullish(), currency: z.string().nullish() });
export const moneySet = z.object({ shop_money: money, presentment_money: money }).nullish();
export type RestMoneySet = z.infer<typeof moneySet>;

const taxLine = z.object({
  title: text,
  price: amount.nullish(),
  price_set: moneySet,
  rate: amount.nullish(),
  channel_liable: z.boolean().nullish(),
});
export type RestTaxLine = z.infer<typeof taxLine>;

const discountAllocation = z.object({
  amount: amount.nullish(),
  amount_set: moneySet,
  discount_application_index: z.number().int().nullish(),
});

export const restAddress = z
  .object({
    first_name: text,
    last_name: text,
    name: text,
    company: text,
    address1: text,
    address2: text,
    zip: text,
    city: text,
    province: text,
    province_code: text,
    country_code: text,
    phone: text,
  })
  .nullish();

export const restLineItem = z.object({
  id: id.nullish(),
  admin_graphql_api_id: text,
  title: text,
  name: text,
  variant_title: text,
  sku: text,
  quantity: z.number(),
  current_quantity: z.number().nullish(),
  price: amount,
  price_set: moneySet,
  gift_card: z.boolean().nullish(),
  taxable: z.boolean().nullish(),
  tax_lines: z.array(taxLine).nullish(),
  discount_allocations: z.array(discountAllocation).nullish(),
  /** Present only on a tip line item: the gateway the tip was paid through. */
  tip_payment_gateway: text,
  tip_payment_method: text,
  vendor: text,
});

const shippingLine = z.object({
  id: id.nullish(),
  title: text,
  code: text,
  price: amount,
  price_set: moneySet,
  is_removed: z.boolean().nullish(),
  tax_lines: z.array(taxLine).nullish(),
  discount_allocations: z.array(discountAllocation).nullish(),
});

export const restTransaction = z.object({
  id: id.nullish(),
  admin_graphql_api_id: text,
  kind: text,
  status: text,
  gateway: text,
  amount: amount.nullish(),
  currency: text,
  /**
   * Not in Shopify's REST transaction (it states the customer's currency only): the app adds it,
   * read from Admin GraphQL `OrderTransaction.amountSet`, so shop money is Shopify's own figure.
   */
  amount_set: moneySet,
  processed_at: text,
  created_at: text,
});

const discountApplication = z.object({
  type: text,
  code: text,
  title: text,
  description: text,
  value: amount.nullish(),
  value_type: text,
  target_type: text,
});

const restRefundLineItem = z.object({
  id: id.nullish(),
  line_item_id: id.nullish(),
  quantity: z.number(),
  restock_type: text,
  subtotal: amount.nullish(),
  subtotal_set: moneySet,
  total_tax: amount.nullish(),
  total_tax_set: moneySet,
  line_item: z
    .object({ id: id.nullish(), admin_graphql_api_id: text, sku: text, name: text, title: text })
    .nullish(),
});

export const restRefund = z.object({
  id,
  admin_graphql_api_id: text,
  order_id: id.nullish(),
  created_at: text,
  processed_at: text,
  note: text,
  refund_line_items: z.array(restRefundLineItem).nullish(),
  refund_shipping_lines: z
    .array(
      z.object({
        id: id.nullish(),
        shipping_line_id: id.nullish(),
        subtotal_amount_set: moneySet,
        tax_amount_set: moneySet,
      }),
    )
    .nullish(),
  order_adjustments: z
    .array(
      z.object({
        kind: text,
        reason: text,
        amount: amount.nullish(),
        amount_set: moneySet,
        tax_amount: amount.nullish(),
        tax_amount_set: moneySet,
      }),
    )
    .nullish(),
  transactions: z.array(restTransaction).nullish(),
  duties: z.array(z.unknown()).nullish(),
});
export type RestRefund = z.infer<typeof restRefund>;

export const restOrder = z.object({
  id,
  admin_graphql_api_id: text,
  name: z.string(),
  order_number: id.nullish(),
  number: id.nullish(),
  created_at: z.string(),
  processed_at: text,
  cancelled_at: text,
  financial_status: text,
  fulfillment_status: text,
  test: z.boolean().nullish(),
  currency: z.string(),
  presentment_currency: text,
  taxes_included: z.boolean(),
  tax_exempt: z.boolean().nullish(),
  total_price: amount,
  total_price_set: moneySet,
  total_tax: amount.nullish(),
  total_tax_set: moneySet,
  total_discounts: amount.nullish(),
  total_discounts_set: moneySet,
  current_total_price: amount.nullish(),
  current_total_price_set: moneySet,
  total_tip_received: amount.nullish(),
  current_total_duties_set: moneySet,
  original_total_duties_set: moneySet,
  email: text,
  contact_email: text,
  phone: text,
  customer: z
    .object({
      id: id.nullish(),
      admin_graphql_api_id: text,
      email: text,
      first_name: text,
      last_name: text,
      phone: text,
      tax_exempt: z.boolean().nullish(),
      tax_exemptions: z.array(z.string()).nullish(),
    })
    .nullish(),
  company: z.object({ id: id.nullish(), location_id: id.nullish() }).nullish(),
  billing_address: restAddress,
  shipping_address: restAddress,
  line_items: z.array(restLineItem),
  shipping_lines: z.array(shippingLine).nullish(),
  discount_applications: z.array(discountApplication).nullish(),
  discount_codes: z.array(z.object({ code: text, amount: amount.nullish(), type: text })).nullish(),
  note_attributes: z.array(z.object({ name: z.string(), value: z.unknown() })).nullish(),
  payment_gateway_names: z.array(z.string()).nullish(),
  /** Comma-separated, as the REST payload has them. */
  tags: text,
  source_name: text,
  transactions: z.array(restTransaction).nullish(),
  refunds: z.array(restRefund).nullish(),
  fulfillments: z.array(z.object({ created_at: text, status: text })).nullish(),
});
export type RestOrder = z.infer<typeof restOrder>;
