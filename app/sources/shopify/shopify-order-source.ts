import type { OrderSource, OrderSummary } from "../source-contract";
import type { AdminGraphqlClient } from "./admin-graphql/admin-graphql-client";
import { fetchOrderForInvoice, listOrdersUpdatedSince } from "./admin-graphql/order-queries";
import type { UpdatedOrderSummary } from "./admin-graphql/order-queries";
import { nodesOf } from "./shopify-graphql-schemas";

const PAID = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/**
 * A Shopify shop as an order source, over the Admin GraphQL API. Orders are fetched in the
 * GraphQL shape the Shopify mapper reads; their ids are GID strings, so the JSON text is exact.
 */
export function shopifyOrderSource(client: AdminGraphqlClient): OrderSource {
  return {
    async *ordersUpdatedSince(since) {
      for await (const order of listOrdersUpdatedSince(client, since)) yield summary(order);
    },
    async *ordersCreatedBetween(from, to) {
      // Sorted by update time, so filter on creation: a historical range is read once, in pages.
      for await (const order of listOrdersUpdatedSince(client, from, {
        filter: `created_at:>='${from.toISOString()}' created_at:<='${to.toISOString()}'`,
      })) {
        yield summary(order);
      }
    },
    async fetchOrder(id) {
      const order = await fetchOrderForInvoice(client, id);
      if (!order) return null;
      const refunds = nodesOf(order.refunds).map((refund) => ({
        id: refund.id,
        body: JSON.stringify(refund),
      }));
      return { order: JSON.stringify(order), refunds };
    },
  };
}

function summary(order: UpdatedOrderSummary): OrderSummary {
  return {
    id: order.id,
    name: order.name,
    paid: PAID.has(order.displayFinancialStatus ?? ""),
    cancelled: Boolean(order.cancelledAt),
    test: Boolean(order.test),
  };
}
