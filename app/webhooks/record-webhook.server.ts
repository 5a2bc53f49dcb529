import { randomUUID } from "node:crypto";
import type { Platform } from "@prisma/client";
import { prisma } from "../db/prisma.server";
import { orderIdOfBody } from "../sources/order-identity";

/**
 * The delivery log. Both statements run on every webhook, so they are raw SQL: Prisma 6.19
 * compiles each query anew, which costs more than the round trip itself on this hot path.
 */

export interface WebhookRecord {
  platform: Platform;
  shopDomain: string;
  topic: string;
  deliveryId: string;
  eventId?: string | undefined;
  triggeredAt?: Date | undefined;
  /**
   * The raw body text, exactly as received. Text, not bytes, on purpose: both webhook verifiers
   * accept only bodies that decode as strict UTF-8 JSON, and such a body can hold neither a raw
   * NUL (JSON escapes control characters) nor an unpaired surrogate (not encodable in UTF-8) —
   * the two things a text column refuses. `\u0000` and `\ud800` escapes are plain ASCII here;
   * they become characters only when parsed, and what is stored from parsed values goes
   * through lib/storable-text. A future entry point taking other bodies must verify them alike.
   */
  body: string;
}

/** Stores a delivery once; a redelivery of the same id is a no-op. Returns whether it was new. */
export async function recordWebhook(record: WebhookRecord): Promise<{ duplicate: boolean }> {
  const inserted = await prisma().$executeRaw`
    INSERT INTO "WebhookEvent" ("id", "shopDomain", "platform", "topic", "deliveryId", "eventId", "triggeredAt", "body", "orderId")
    VALUES (${randomUUID()}, ${record.shopDomain}, ${record.platform}::"Platform", ${record.topic},
            ${record.deliveryId}, ${record.eventId ?? null}, ${record.triggeredAt ?? null}, ${record.body},
            ${recordedOrderId(record)})
    ON CONFLICT ("platform", "deliveryId") DO NOTHING`;
  return { duplicate: inserted === 0 };
}

/** The order a Shopify order webhook is, from its own id fields: what order lookups key on. */
function recordedOrderId(record: WebhookRecord): string | null {
  if (record.platform !== "shopify" || !record.topic.startsWith("orders/")) return null;
  return orderIdOfBody("shopify", record.body);
}

export async function isRecorded(platform: Platform, deliveryId: string): Promise<boolean> {
  const [row] = await prisma().$queryRaw<Array<{ found: boolean }>>`
    SELECT EXISTS (
      SELECT 1 FROM "WebhookEvent" WHERE "platform" = ${platform}::"Platform" AND "deliveryId" = ${deliveryId}
    ) AS "found"`;
  return row?.found === true;
}
