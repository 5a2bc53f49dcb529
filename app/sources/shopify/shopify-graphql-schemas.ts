import { z } from "zod";

/**
 * The Admin GraphQL order shape (the `OrderForInvoice` query in the Shopify fact sheet), read
 * leniently: connections may come as `{ nodes }` or `{ edges: [{ node }] }`, lists as arrays.
 */

const amount = z.union([z.string(), z.number()]);
const text = z.string().nullish();

const money = z.object({ amount, currencyCode: text });
export const moneyBag = z.object({ shopMoney: money.nullish(), presentmentMoney: money.nullish() }).nullish();

function connection<T extends z.ZodType>(node: T) {
  return z
    .union([
      z.array(node),
      z.object({ nodes: z.array(node) }),
      z.object({ edges: z.array(z.object({ node })) }),
    ])
    .nullish();
}

type Connection<T> = T[] | { nodes: T[] } | { edges: Array<{ node: T }> } | null | undefined;

export function nodesOf<T>(value: Connection<T>): T[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  if ("nodes" in value) return value.nodes;
  return value.edges.map((edge) => edge.node);
}

const taxLine = z.object({
  title: text,
  rate: amount.nullish(),
  ratePercentage: amount.nullish(),
  channelLiable: z.boolean().nullish(),
  priceSet: moneyBag,
});
export type GraphqlTaxLine = z.infer<typeof taxLine>;

const discountAllocation = z.object({
  allocatedAmountSet: moneyBag,
  discountApplication: z.object({ index: z.number().int().nullish(), code: text, title: text }).nullish(),
});

const address = z
  .object({
    company: text,
    name: text,
    firstName: text,
    lastName: text,
    address1: text,
    address2: text,
    zip: text,
    city: text,
    province: text,
    countryCodeV2: text,
    countryCode: text,
    phone: text,
  })
  .nullish();

const transaction = z.object({
  id: text,
  kind: text,
  status: text,
  gateway: text,
  processedAt: text,
  createdAt: text,
  amountSet: moneyBag,
});

export const graphqlRefund = z.object({
  id: z.string(),
  // Shopify's schema: `createdAt` may be null, `processedAt` never is (when the money moved).
  createdAt: text,
  processedAt: text,
  note: text,
  refundLineItems: connection(
    z.object({
      quantity: z.number(),
      restockType: text,
      restocked: z.boolean().nullish(),
      subtotalSet: moneyBag,
      totalTaxSet: moneyBag,
      lineItem: z.object({ id: z.string(), sku: text, name: text }),
    }),
  ),
  refundShippingLines: connection(
    z.object({
      subtotalAmountSet: moneyBag,
      taxAmountSet: moneyBag,
      shippingLine: z.object({ id: text }).nullish(),
    }),
  ),
  // Admin API 2026-10 (like 2026-07) has no `OrderAdjustment.kind` (asking for it fails the whole query): a
  // shipping refund is a `refundShippingLines` entry there, never an adjustment, so `reason`
  // (REFUND_DISCREPANCY, RESTOCK, DAMAGE, …) is all an adjustment says about itself.
  orderAdjustments: connection(z.object({ amountSet: moneyBag, taxAmountSet: moneyBag, reason: text })),
  transactions: connection(transaction),
});
export type GraphqlRefund = z.infer<typeof graphqlRefund>;

export const graphqlOrder = z.object({
  id: z.string(),
  name: z.string(),
  number: z.union([z.number(), z.string()]).nullish(),
  createdAt: z.string(),
  processedAt: text,
  cancelledAt: text,
  test: z.boolean().nullish(),
  email: text,
  phone: text,
  currencyCode: z.string(),
  presentmentCurrencyCode: text,
  taxesIncluded: z.boolean(),
  taxExempt: z.boolean().nullish(),
  displayFinancialStatus: text,
  displayFulfillmentStatus: text,
  tags: z.array(z.string()).nullish(),
  sourceName: text,
  totalPriceSet: moneyBag,
  totalTaxSet: moneyBag,
  totalDiscountsSet: moneyBag,
  currentTotalPriceSet: moneyBag,
  totalTipReceivedSet: moneyBag,
  originalTotalDutiesSet: moneyBag,
  paymentGatewayNames: z.array(z.string()).nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
  discountApplications: connection(
    z.object({
      index: z.number().int().nullish(),
      code: text,
      title: text,
      allocationMethod: text,
      targetType: text,
    }),
  ),
  customer: z
    .object({
      id: text,
      firstName: text,
      lastName: text,
      displayName: text,
      email: text,
      phone: text,
      taxExempt: z.boolean().nullish(),
      defaultEmailAddress: z.object({ emailAddress: text }).nullish(),
    })
    .nullish(),
  billingAddress: address,
  shippingAddress: address,
  purchasingEntity: z.object({ company: z.object({ id: text, name: text }).nullish() }).nullish(),
  lineItems: connection(
    z.object({
      id: z.string(),
      name: text,
      title: text,
      sku: text,
      variantTitle: text,
      quantity: z.number(),
      currentQuantity: z.number().nullish(),
      taxable: z.boolean().nullish(),
      isGiftCard: z.boolean().nullish(),
      variant: z.object({ id: text, sku: text, title: text }).nullish(),
      vendor: text,
      product: z.object({ productType: text }).nullish(),
      originalUnitPriceSet: moneyBag,
      originalTotalSet: moneyBag,
      taxLines: z.array(taxLine).nullish(),
      discountAllocations: z.array(discountAllocation).nullish(),
    }),
  ),
  shippingLines: connection(
    z.object({
      id: text,
      title: text,
      code: text,
      isRemoved: z.boolean().nullish(),
      originalPriceSet: moneyBag,
      taxLines: z.array(taxLine).nullish(),
      discountAllocations: z.array(discountAllocation).nullish(),
    }),
  ),
  transactions: connection(transaction),
  refunds: connection(graphqlRefund),
  /**
   * The order's sales agreements, read only for their tip sales: GraphQL has no tip flag on a
   * line item; a `TipSale` names the line item that is the tip.
   */
  agreements: connection(
    z.object({
      sales: connection(
        z.object({ lineType: text, lineItem: z.object({ id: z.string() }).nullish() }).passthrough(),
      ),
    }),
  ),
  fulfillments: connection(z.object({ createdAt: text, status: text })),
});
export type GraphqlOrder = z.infer<typeof graphqlOrder>;
