import type { Json } from "../simulators/shopify/rest-to-graphql";
import { restOrderToGraphql } from "../simulators/shopify/rest-to-graphql";
import type { ShopifyStore, StoredOrder } from "../simulators/shopify/shopify-store";
import type { DemoOrderSpec } from "./demo-order-templates";
import { demoOrderTemplate, demoRefundTemplate } from "./demo-order-templates";

/**
 * What happens in the demo's Shopify when the newcomer presses a button: an order is placed,
 * fulfilled or refunded in the simulator's store, exactly as Shopify would change it, and the
 * REST body of the webhook Shopify would send comes back.
 */

export function placeOrder(store: ShopifyStore, spec: DemoOrderSpec, now = new Date()): StoredOrder {
  return store.createOrderFromTemplate(demoOrderTemplate(spec), { now });
}

export class DemoOrderError extends Error {
  override name = "DemoOrderError";
  constructor(readonly reason: "unknownOrder" | "alreadyFulfilled" | "alreadyRefunded") {
    super(reason);
  }
}

export function findRestOrder(store: ShopifyStore, orderId: string): StoredOrder & { rest: Json } {
  const order = store.find(orderId);
  if (!order?.rest) throw new DemoOrderError("unknownOrder");
  return order as StoredOrder & { rest: Json };
}

/** Ships every line: the order becomes fulfilled, as `orders/fulfilled` reports it. */
export function fulfilOrder(store: ShopifyStore, orderId: string, now = new Date()): Json {
  const order = findRestOrder(store, orderId);
  if (order.rest.fulfillment_status === "fulfilled") throw new DemoOrderError("alreadyFulfilled");
  const at = now.toISOString();
  // One fulfilment per order in the demo: deriving its id from the order's keeps it unique.
  const id = `${String(order.rest.id)}1`;
  Object.assign(order.rest, {
    fulfillment_status: "fulfilled",
    updated_at: at,
    fulfillments: [
      {
        id,
        admin_graphql_api_id: `gid://shopify/Fulfillment/${id}`,
        name: `${String(order.rest.name)}.1`,
        status: "success",
        created_at: at,
        updated_at: at,
        tracking_company: "PostNord",
        line_items: order.rest.line_items,
      },
    ],
  });
  Object.assign(order.graphql, restOrderToGraphql(order.rest));
  return order.rest;
}

/** Refunds one unit of the first line; the demo refunds an order once. */
export function refundOrder(store: ShopifyStore, orderId: string, now = new Date()): Json {
  const order = findRestOrder(store, orderId);
  if (Array.isArray(order.rest.refunds) && order.rest.refunds.length > 0)
    throw new DemoOrderError("alreadyRefunded");
  return store.createRefundFromTemplate(orderId, demoRefundTemplate(order.rest), now);
}
