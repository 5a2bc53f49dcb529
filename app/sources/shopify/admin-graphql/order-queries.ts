import { z } from "zod";
import { graphqlOrder, graphqlRefund } from "../shopify-graphql-schemas";
import type { AdminGraphqlClient } from "./admin-graphql-client";

/**
 * The order for invoicing (fact sheet §4.2), split the way Shopify's cost limit demands: the
 * order with up to 50 lines and only the ids of its refunds, then each refund on its own, then
 * further pages of lines. Nested `refunds { refundLineItems(first: n) }` inside the order query
 * would push the requested cost past the 1000-point ceiling.
 *
 * `@shopify/api-codegen-preset` 2.x could not be installed from this registry, so the result
 * schemas are hand-written zod (the mapper's own `graphqlOrder`, extended).
 */

const MONEY = `fragment Money on MoneyBag {
  shopMoney { amount currencyCode }
  presentmentMoney { amount currencyCode }
}`;

const LINE_ITEM_FIELDS = `id name title sku variantTitle quantity currentQuantity taxable isGiftCard vendor
        variant { id sku }
        product { productType }
        originalUnitPriceSet { ...Money }
        originalTotalSet { ...Money }
        taxLines { title rate ratePercentage channelLiable priceSet { ...Money } }
        discountAllocations { allocatedAmountSet { ...Money } discountApplication { index } }`;

export const ORDER_FOR_INVOICE = `#graphql
query OrderForInvoice($id: ID!) {
  order(id: $id) {
    id legacyResourceId name createdAt processedAt updatedAt cancelledAt test
    email phone currencyCode presentmentCurrencyCode taxesIncluded taxExempt
    displayFinancialStatus displayFulfillmentStatus paymentGatewayNames tags sourceName
    totalPriceSet { ...Money }
    totalTaxSet { ...Money }
    totalDiscountsSet { ...Money }
    currentTotalPriceSet { ...Money }
    totalRefundedSet { ...Money }
    totalTipReceivedSet { ...Money }
    customAttributes { key value }
    discountApplications(first: 10) {
      nodes {
        allocationMethod targetType
        ... on DiscountCodeApplication { code }
        ... on AutomaticDiscountApplication { title }
        ... on ManualDiscountApplication { title }
      }
    }
    customer { id firstName lastName displayName taxExempt defaultEmailAddress { emailAddress } }
    billingAddress { company name firstName lastName address1 address2 zip city province countryCodeV2 phone }
    shippingAddress { company name firstName lastName address1 address2 zip city province countryCodeV2 phone }
    purchasingEntity { ... on PurchasingCompany { company { id name } } }
    lineItems(first: 10) {
      pageInfo { hasNextPage endCursor }
      nodes { ${LINE_ITEM_FIELDS} }
    }
    shippingLines(first: 5) {
      nodes {
        id title code isRemoved
        originalPriceSet { ...Money }
        taxLines { title rate ratePercentage channelLiable priceSet { ...Money } }
        discountAllocations { allocatedAmountSet { ...Money } discountApplication { index } }
      }
    }
    transactions(first: 20) { id kind status gateway processedAt createdAt amountSet { ...Money } }
    refunds(first: 20) { id createdAt }
    fulfillments(first: 10) { createdAt status }
  }
}
${MONEY}`;

export const ORDER_LINE_ITEMS_PAGE = `#graphql
query OrderLineItemsPage($id: ID!, $after: String) {
  order(id: $id) {
    lineItems(first: 10, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ${LINE_ITEM_FIELDS} }
    }
  }
}
${MONEY}`;

/**
 * Which line items are tips: GraphQL marks no line item as a tip; its sales records do
 * (`TipSale.lineItem`). Asked only for an order that received a tip, so the order query keeps
 * its cost.
 */
export const ORDER_TIP_SALES = `#graphql
query OrderTipSales($id: ID!) {
  order(id: $id) {
    agreements(first: 5) {
      nodes { sales(first: 50) { nodes { lineType ... on TipSale { lineItem { id } } } } }
    }
  }
}`;

export const REFUND_FOR_CREDIT_NOTE = `#graphql
query RefundForCreditNote($id: ID!) {
  refund(id: $id) {
    id createdAt processedAt note
    totalRefundedSet { ...Money }
    refundLineItems(first: 25) {
      nodes {
        quantity restockType
        subtotalSet { ...Money }
        totalTaxSet { ...Money }
        lineItem { id sku name }
      }
    }
    refundShippingLines(first: 5) { nodes { subtotalAmountSet { ...Money } taxAmountSet { ...Money } } }
    orderAdjustments(first: 5) { nodes { amountSet { ...Money } taxAmountSet { ...Money } reason } }
    transactions(first: 5) { nodes { id kind status gateway processedAt amountSet { ...Money } } }
  }
}
${MONEY}`;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });
type LineItem = NonNullable<z.infer<typeof lineItemsPage>["nodes"]>[number];
const lineItemsPage = z.object({
  pageInfo,
  nodes: z.array(z.record(z.string(), z.unknown())),
});

const orderResult = z.object({
  order: z
    .object({
      id: z.string(),
      legacyResourceId: z.string().nullish(),
      updatedAt: z.string().nullish(),
      lineItems: lineItemsPage,
      refunds: z.array(z.object({ id: z.string(), createdAt: z.string().nullish() })).nullish(),
    })
    .passthrough()
    .nullable(),
});
const tipSalesResult = z.object({
  order: z.object({ agreements: graphqlOrder.shape.agreements }).nullable(),
});
const linePageResult = z.object({ order: z.object({ lineItems: lineItemsPage }).nullable() });
const refundResult = z.object({ refund: graphqlRefund.nullable() });

/** The order exactly as the mapper (`mapShopifyGraphqlOrder`) reads it, plus what the engine keys on. */
export const orderForInvoice = graphqlOrder.extend({
  legacyResourceId: z.string().nullish(),
  updatedAt: z.string().nullish(),
});
export type OrderForInvoice = z.infer<typeof orderForInvoice>;

export async function fetchOrderForInvoice(
  client: AdminGraphqlClient,
  orderGid: string,
): Promise<OrderForInvoice | null> {
  const { order } = await client.request(ORDER_FOR_INVOICE, { id: orderGid }, orderResult);
  if (!order) return null;
  const lines: LineItem[] = [...order.lineItems.nodes];
  let page = order.lineItems.pageInfo;
  while (page.hasNextPage && page.endCursor) {
    const next = await client.request(
      ORDER_LINE_ITEMS_PAGE,
      { id: orderGid, after: page.endCursor },
      linePageResult,
    );
    if (!next.order) break;
    lines.push(...next.order.lineItems.nodes);
    page = next.order.lineItems.pageInfo;
  }
  const agreements = receivedTip(order) ? await tipSales(client, orderGid) : undefined;
  const refunds = [];
  for (const { id } of order.refunds ?? []) {
    const { refund } = await client.request(REFUND_FOR_CREDIT_NOTE, { id }, refundResult);
    if (refund) refunds.push(refund);
  }
  return orderForInvoice.parse({
    ...order,
    lineItems: { nodes: lines },
    refunds,
    ...(agreements ? { agreements } : {}),
  });
}

function receivedTip(order: Record<string, unknown>): boolean {
  const tip = order.totalTipReceivedSet as { shopMoney?: { amount?: unknown } | null } | null | undefined;
  const amount = Number(tip?.shopMoney?.amount ?? 0);
  return Number.isFinite(amount) && amount !== 0;
}

async function tipSales(client: AdminGraphqlClient, orderGid: string) {
  const { order } = await client.request(ORDER_TIP_SALES, { id: orderGid }, tipSalesResult);
  return order?.agreements;
}

export const ORDERS_UPDATED_SINCE = `#graphql
query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name updatedAt displayFinancialStatus cancelledAt test
      totalRefundedSet { shopMoney { amount currencyCode } }
    }
  }
}`;

const ordersPage = z.object({
  orders: z.object({
    pageInfo,
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        updatedAt: z.string(),
        displayFinancialStatus: z.string().nullish(),
        cancelledAt: z.string().nullish(),
        test: z.boolean().nullish(),
        totalRefundedSet: z
          .object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }).nullish() })
          .nullish(),
      }),
    ),
  }),
});
export type UpdatedOrderSummary = z.infer<typeof ordersPage>["orders"]["nodes"][number];

/** Every order updated at or after `since` (reconciliation), page by page, oldest change first. */
export async function* listOrdersUpdatedSince(
  client: AdminGraphqlClient,
  since: Date,
  options: { pageSize?: number; filter?: string } = {},
): AsyncGenerator<UpdatedOrderSummary> {
  const query = [`updated_at:>='${since.toISOString()}'`, options.filter].filter(Boolean).join(" ");
  let after: string | null = null;
  for (;;) {
    const page: z.infer<typeof ordersPage> = await client.request(
      ORDERS_UPDATED_SINCE,
      { first: options.pageSize ?? 50, after, query },
      ordersPage,
    );
    yield* page.orders.nodes;
    if (!page.orders.pageInfo.hasNextPage || !page.orders.pageInfo.endCursor) return;
    after = page.orders.pageInfo.endCursor;
  }
}
