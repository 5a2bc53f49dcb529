import { orderIdOfBody } from "../order-identity";
import type { Source, SourceEvent, SourceOrderDocument, WithdrawnBecause } from "../source-contract";
import { mapWooCommerceOrder } from "./map-woocommerce-order";
import { mapWooCommerceRefund } from "./map-woocommerce-refund";
import { parseJsonSafely } from "../shopify/parse-json-safely";
import { wooStatusWriteBack } from "./status-write-back.server";
import { isWithdrawnStatus, wooMilestones } from "./transfer-trigger";
import { orderFactsOf } from "./woo-order-snapshot";
import { verifyWooWebhook } from "./woocommerce-webhook";

/**
 * WooCommerce as a Source. Its deliveries are only signals — late, doubled, out of order, and an
 * `order.deleted` body is just `{"id":N}` — so an order delivery is answered by re-reading the
 * order and its refunds and reporting that whole current state. Its orders show our status
 * (the companion plugin reads the meta the write-back sets).
 */
export const wooCommerceSource: Source = {
  platform: "woocommerce",
  verify(delivery, secret) {
    const verdict = verifyWooWebhook({ rawBody: delivery.rawBody, headers: delivery.headers, secret });
    if (verdict.kind !== "delivery") return verdict.kind === "ping" ? { kind: "ping" } : verdict;
    return {
      kind: "delivery",
      delivery: {
        topic: verdict.topic,
        deliveryId: `${verdict.webhookId ?? "-"}:${verdict.deliveryId ?? "-"}`,
        shopDomain: undefined,
        rawBody: delivery.rawBody.toString("utf8"),
        resourceId: verdict.resourceId,
      },
    };
  },
  async events(delivery, orders) {
    const resource = delivery.topic.slice(0, delivery.topic.indexOf("."));
    if ((resource !== "order" && resource !== "action") || delivery.resourceId === undefined) {
      return [{ type: "ignored", reason: `nothing to do for ${delivery.topic}` }];
    }
    if (!orders) throw new Error("WooCommerce deliveries are read through the store's REST API");
    return wooOrderEvents(delivery.resourceId, await orders.fetchOrder(delivery.resourceId));
  },
  orderIdOf: (body) => orderIdOfBody("woocommerce", body),
  mapOrder: (body) => mapWooCommerceOrder(body),
  mapRefund(body, order) {
    const gateway = order.paymentGateways[0];
    return mapWooCommerceRefund(typeof body === "string" ? parseJsonSafely(body) : body, {
      currency: order.currency,
      pricesIncludeTax: order.pricesIncludeTax,
      ...(gateway ? { gateway } : {}),
    });
  },
  capabilities: { statusWriteBack: wooStatusWriteBack },
};

/**
 * A WooCommerce order's current state (null: the store no longer has it) as events: withdrawn
 * (cancelled, failed, trashed, deleted) or its state with the milestones it has reached.
 */
export function wooOrderEvents(orderId: string, document: SourceOrderDocument | null): SourceEvent[] {
  if (!document) return [{ type: "cancelled", orderId, because: "deleted" }];
  const facts = orderFactsOf(document.order);
  const id = orderIdOfBody("woocommerce", document.order) ?? orderId;
  if (isWithdrawnStatus(facts.status)) {
    const because: WithdrawnBecause =
      facts.status === "trash" ? "deleted" : facts.status === "failed" ? "failed" : "cancelled";
    return [{ type: "cancelled", orderId: id, because }];
  }
  return [
    {
      type: "orderState",
      order: { orderId: id, orderName: `#${facts.number}`, body: document.order },
      reached: wooMilestones(facts),
      refunds: document.refunds.map((refund) => ({ orderId: id, refundId: refund.id, body: refund.body })),
    },
  ];
}
