import type { RawRunner } from "../../db/raw-sql.server";
import { storableText } from "../../lib/storable-text";
import type { SourceEvent } from "../../sources/source-contract";
import type { DeliveryWithJobInput, DeliveryWithJobResult } from "../job-queue.server";
import { recordDeliveryWithJob } from "../job-queue.server";

/**
 * The ingest rules for the Shopify topics that need no job read first, in one statement (the
 * webhook fast path): an order paid or fulfilled gets its invoice job when the shop's trigger is
 * that milestone (transferDue for a webhook's milestone: "paid" ⇔ paid, "fulfilled" ⇔ fulfilled;
 * "manual" and "statuses" never), a refund its credit note, waiting unless the invoice is booked
 * (the same rules as ingest-events.server.ts, whose tests and these pin them alike). A delivery
 * is recorded whatever its outcome; a redelivery writes nothing.
 */

export interface ShopifyDelivery {
  shopDomain: string;
  topic: string;
  deliveryId: string;
  eventId: string | undefined;
  triggeredAt: Date | undefined;
  rawBody: string;
}

/** The events this one statement can apply; the others need their order's job read first. */
export function recordsInOneStatement(event: SourceEvent): boolean {
  return (
    event.type === "paid" || event.type === "fulfilled" || event.type === "refund" || event.type === "ignored"
  );
}

export async function recordShopifyDelivery(
  run: RawRunner,
  delivery: ShopifyDelivery,
  event: SourceEvent,
): Promise<DeliveryWithJobResult> {
  return recordDeliveryWithJob(run, {
    shopDomain: delivery.shopDomain,
    topic: delivery.topic,
    deliveryId: delivery.deliveryId,
    eventId: delivery.eventId,
    triggeredAt: delivery.triggeredAt,
    body: delivery.rawBody,
    deliveryOrderId: event.type === "paid" || event.type === "fulfilled" ? event.order.orderId : null,
    job: jobOf(event),
  });
}

function jobOf(event: SourceEvent): DeliveryWithJobInput["job"] {
  switch (event.type) {
    case "paid":
    case "fulfilled":
      return {
        kind: "invoice",
        orderId: event.order.orderId,
        orderName: storableText(event.order.orderName),
        trigger: event.type,
        dueOnTrigger: event.type,
      };
    case "refund":
      return {
        kind: "creditNote",
        orderId: event.refund.orderId,
        refundId: event.refund.refundId,
        trigger: "paid",
      };
    default:
      return undefined;
  }
}
