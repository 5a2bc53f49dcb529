import type { Platform } from "@prisma/client";
import { prisma } from "../db/prisma.server";

export interface WebhookRecord {
  platform: Platform;
  shopDomain: string;
  topic: string;
  deliveryId: string;
  eventId?: string | undefined;
  triggeredAt?: Date | undefined;
  /** The raw body text, exactly as received. */
  body: string;
}

/** Stores a delivery once; a redelivery of the same id is a no-op. Returns whether it was new. */
export async function recordWebhook(record: WebhookRecord): Promise<{ duplicate: boolean }> {
  const { count } = await prisma().webhookEvent.createMany({
    data: [
      {
        platform: record.platform,
        shopDomain: record.shopDomain,
        topic: record.topic,
        deliveryId: record.deliveryId,
        eventId: record.eventId ?? null,
        triggeredAt: record.triggeredAt ?? null,
        body: record.body,
      },
    ],
    skipDuplicates: true,
  });
  return { duplicate: count === 0 };
}

export async function isRecorded(platform: Platform, deliveryId: string): Promise<boolean> {
  return (await prisma().webhookEvent.count({ where: { platform, deliveryId } })) > 0;
}
