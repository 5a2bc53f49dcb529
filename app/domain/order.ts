import type { CurrencyCode } from "./money";
import type { DraftWarning } from "./draft-warning";

/**
 * The source-neutral order model both webshop mappers produce and the builders consume.
 *
 * Amounts are integer minor units of `Order.currency` (the document currency chosen by the
 * shop's currency setting). Item, shipping and fee amounts are in the order's own price basis:
 * including VAT when `pricesIncludeTax`, excluding it otherwise — exactly as the shop showed
 * them. Tax is always carried separately in `taxLines`. Ids are strings: Shopify's numeric ids
 * exceed JavaScript's safe integers, so Shopify ids are GraphQL GIDs.
 */

export type SourcePlatform = "shopify" | "woocommerce";

export interface TaxLine {
  title: string;
  /** Basis points: 2500 = 25 %. */
  rate: number;
  /** Tax amount, minor units. */
  amount: number;
  /** "stated": the source gave the rate; "derived": computed from amounts (older WooCommerce). */
  rateSource: "stated" | "derived";
  /** Shopify: a marketplace/channel remits this tax, not the merchant. */
  channelLiable?: boolean;
}

export interface DiscountAllocation {
  /** Positive minor units taken off the line, in the order's price basis. */
  amount: number;
  code?: string;
  title?: string;
  /**
   * The tax this discount took off, as the platform states it (WooCommerce: the line's
   * `subtotal_tax − total_tax`); undefined when the platform states only the tax after discounts.
   */
  tax?: number;
}

export interface OrderLine {
  id: string;
  sku?: string;
  title: string;
  variantTitle?: string;
  quantity: number;
  /** Quantity after edits/removals (Shopify `current_quantity`); informational. */
  currentQuantity?: number;
  /** Unit price before discounts, when the source gives one that is a whole minor unit. */
  unitPrice?: number;
  /** Price × quantity before discounts. */
  subtotal: number;
  discounts: DiscountAllocation[];
  /** Tax after discounts; `undefined` when the source gave no tax data for the line. */
  taxLines: TaxLine[] | undefined;
  /** Tax before discounts when the platform states it (WooCommerce `subtotal_tax`). */
  subtotalTax?: number;
  taxable: boolean;
  /** A gift-card purchase: a liability, not revenue, no VAT. */
  giftCard: boolean;
  /** A tip (Shopify tip line item): no consideration for a supply, outside VAT. */
  tip?: boolean;
  /** The product's vendor and type as the shop states them, for the mapping rules (#18). */
  vendor?: string;
  productType?: string;
  /** Where the line sits in the source payload ("line_items[2]"), for error messages. */
  path?: string;
}

export interface ShippingLine {
  id: string;
  title: string;
  code?: string;
  /** Price before shipping discounts. */
  price: number;
  discounts: DiscountAllocation[];
  taxLines: TaxLine[] | undefined;
  path?: string;
}

export interface FeeLine {
  id: string;
  title: string;
  /** May be negative (WooCommerce allows negative fees). */
  amount: number;
  taxLines: TaxLine[] | undefined;
  taxable: boolean;
  /** A tip (Shopify `total_tip_received`, a WooCommerce tip plugin's fee): outside VAT. */
  tip?: boolean;
  path?: string;
}

/** A discount the source did not allocate to lines; the builder allocates it across VAT rates. */
export interface OrderDiscount {
  amount: number;
  code?: string;
  title: string;
}

export interface Address {
  name?: string;
  company?: string;
  line1?: string;
  line2?: string;
  zip?: string;
  city?: string;
  province?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode?: string;
  phone?: string;
}

export interface Customer {
  /** Source customer id (Shopify GID or WooCommerce id); absent for guests. */
  id?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  /** VAT/CVR number as given by the buyer. */
  vatNumber?: string;
  ean?: string;
  /** True for companies: company name, VAT number, EAN or a B2B purchasing entity. */
  isBusiness: boolean;
  /** The shop marked the customer tax exempt. */
  taxExempt: boolean;
  billingAddress?: Address;
  shippingAddress?: Address;
}

export type TransactionKind = "sale" | "capture" | "authorization" | "refund" | "void" | "other";

export interface Transaction {
  id: string;
  kind: TransactionKind;
  /** Only "success" transactions move money. */
  status: "success" | "pending" | "failure" | "other";
  /** "shopify_payments", "gift_card", "stripe", "bacs", … — a gift-card redemption is a payment. */
  gateway: string;
  /** Positive minor units in `Order.currency`. */
  amount: number;
  processedAt?: string;
}

export interface RefundLine {
  /** The refunded order line's id (matches `OrderLine.id`). */
  lineId: string;
  sku?: string;
  title?: string;
  quantity: number;
  /** Positive amount refunded for the line after discounts, in the order's price basis. */
  amount: number;
  /** Positive tax refunded for the line; undefined when unknown. */
  tax: number | undefined;
  restock: boolean;
  restockType?: string;
  path?: string;
}

export interface RefundShipping {
  shippingLineId?: string;
  /** Positive, in the order's price basis. */
  amount: number;
  tax: number | undefined;
  path?: string;
}

export interface RefundAdjustment {
  kind: "shippingRefund" | "refundDiscrepancy" | "fee" | "other";
  /** Positive = more money back to the customer, negative = less. Tax basis as the order. */
  amount: number;
  tax: number;
  reason?: string;
}

export interface Refund {
  source: SourcePlatform;
  id: string;
  /** The order the refund belongs to, when the payload says so. */
  orderId?: string;
  createdAt: string;
  note?: string;
  currency: CurrencyCode;
  lines: RefundLine[];
  shipping: RefundShipping[];
  fees: RefundFee[];
  adjustments: RefundAdjustment[];
  transactions: Transaction[];
  /** The refund's own stated total (WooCommerce `amount`), positive; undefined for Shopify. */
  statedTotal?: number;
  notes: DraftWarning[];
}

export interface RefundFee {
  feeId?: string;
  title: string;
  amount: number;
  tax: number | undefined;
  path?: string;
}

export interface OrderTotals {
  /** What the customer was charged: the invoice gross must equal this. */
  total: number;
  /** Total tax as the source states it. */
  tax: number;
  /** Total discounts as the source states it (informational). */
  discounts?: number;
  /** Shopify `current_total_price`: after edits and refunds (informational). */
  currentTotal?: number;
}

export interface Order {
  source: SourcePlatform;
  id: string;
  /** Display name, e.g. "#1001". */
  name: string;
  /** The shop's order number without prefix, e.g. "1001". */
  number: string;
  createdAt: string;
  paidAt?: string;
  fulfilledAt?: string;
  cancelledAt?: string;
  /** Source financial status, lower case ("paid", "partially_refunded", "processing", …). */
  financialStatus?: string;
  test: boolean;
  /** The document currency (shop or presentment, per settings). */
  currency: CurrencyCode;
  shopCurrency: CurrencyCode;
  presentmentCurrency: CurrencyCode;
  pricesIncludeTax: boolean;
  customer: Customer;
  lines: OrderLine[];
  shippingLines: ShippingLine[];
  fees: FeeLine[];
  orderDiscounts: OrderDiscount[];
  discountCodes: string[];
  /** Successful and failed payment transactions; empty when the payload has none (webhooks). */
  transactions: Transaction[];
  /** Gateways the order was paid through when transactions are not in the payload. */
  paymentGateways: string[];
  /** The order's tags and the channel it was sold through ("web", "pos", "checkout"), for the rules (#18). */
  tags?: string[];
  salesChannel?: string;
  totals: OrderTotals;
  refunds: Refund[];
  /** Source field names of the order total and total tax, for error messages. */
  paths: { total: string; tax: string };
  /** Things the mapper noticed that the merchant should see (ignored duties, tips…). */
  notes: DraftWarning[];
  /**
   * The platform's own conversion when the order was paid in another currency than the shop's:
   * 1 `from` (presentment) = `rate` `to` (shop), from its two statements of the order total.
   */
  exchangeRate?: ExchangeRate;
}

export interface ExchangeRate {
  from: CurrencyCode;
  to: CurrencyCode;
  /** Decimal string, six decimals. */
  rate: string;
}
