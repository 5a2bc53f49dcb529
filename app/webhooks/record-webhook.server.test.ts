import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../../test/support/test-database";
import { createTestDatabase } from "../../test/support/test-database";
import { isRecorded, recordWebhook } from "./record-webhook.server";

describe("the delivery log", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    globalThis.ledgerBridgePrisma = db;
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    await database?.close();
  });

  it("stores a delivery once, exactly as received, and knows it afterwards", async () => {
    const triggeredAt = new Date("2026-11-21T09:15:42.123Z");
    const body = '{"id":820982911946154508,"note":"Kød & æbler"}';
    const delivery = {
      platform: "shopify" as const,
      shopDomain: "log.myshopify.com",
      topic: "orders/paid",
      deliveryId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      eventId: "ev-1",
      triggeredAt,
      body,
    };
    expect(await isRecorded("shopify", delivery.deliveryId)).toBe(false);
    expect(await recordWebhook(delivery)).toEqual({ duplicate: false });
    expect(await recordWebhook({ ...delivery, body: "{}" })).toEqual({ duplicate: true });
    expect(await isRecorded("shopify", delivery.deliveryId)).toBe(true);
    // Delivery ids are per platform: the same id from WooCommerce is another delivery.
    expect(await isRecorded("woocommerce", delivery.deliveryId)).toBe(false);
    expect(await recordWebhook({ ...delivery, platform: "woocommerce", eventId: undefined })).toEqual({
      duplicate: false,
    });

    const rows = await db.webhookEvent.findMany({
      where: { deliveryId: delivery.deliveryId },
      orderBy: { platform: "asc" },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ platform: "shopify", body, eventId: "ev-1", topic: "orders/paid" });
    expect(rows[0]?.triggeredAt?.toISOString()).toBe(triggeredAt.toISOString());
    expect(rows[1]).toMatchObject({ platform: "woocommerce", eventId: null });
    expect(Math.abs((rows[0]?.receivedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });
});
