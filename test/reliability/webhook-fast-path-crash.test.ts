import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase, ManagedApp } from "../support/reliability-app";
import { createAppDatabase, killAllApps, launchApp, onPostgres } from "../support/reliability-app";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";

/**
 * A 200 from the webhook fast path means recorded: the real app (`ledger-bridge start`) takes a
 * burst of signed orders/paid webhooks and is SIGKILLed the moment the last answer arrives;
 * every delivery it answered 200 is in the database afterwards, once, with one job for its
 * order. The answers come from the fast path on the bare request, not from the framework's
 * route (which answers a bare 200 without a content type).
 */

const ORDERS = 30;

describe(`kill -9 right after the fast path's 200s (${onPostgres ? "PostgreSQL" : "PGlite data folder"})`, () => {
  let database: AppDatabase;
  let app: ManagedApp;
  const secret = `crash-secret-${randomBytes(8).toString("hex")}`;

  beforeAll(async () => {
    database = await createAppDatabase();
    // Migrated before the app opens it (a PGlite folder has one user at a time).
    await database.use(async () => {});
    app = await launchApp({ ...database.env, LOCAL_WEBHOOK_SECRET: secret, WORKER_IN_PROCESS: "false" });
  }, 300_000);
  afterAll(async () => {
    await killAllApps();
    await database?.close();
  });

  it("loses no delivery it answered 200", async () => {
    const deliveries = Array.from({ length: ORDERS }, (_, i) => {
      const order = danishOrder(700 + i);
      const init = shopifyWebhookInit({
        topic: "orders/paid",
        shop: LOCAL_SHOP_DOMAIN,
        body: order.order,
        secret,
      });
      return {
        init,
        orderId: order.orderId,
        id: (init.headers as Record<string, string>)["x-shopify-webhook-id"],
      };
    });
    const answers = await Promise.all(
      deliveries.map(async (delivery) => {
        const response = await fetch(`${app.url}/webhooks/orders/paid`, delivery.init);
        return { ...delivery, status: response.status, type: response.headers.get("content-type") };
      }),
    );
    await app.kill("SIGKILL");
    const accepted = answers.filter((answer) => answer.status === 200);
    expect(accepted).toHaveLength(ORDERS);
    // The fast path's answer (text/plain); the framework route's bare 200 has no content type.
    expect(new Set(accepted.map((answer) => answer.type))).toEqual(new Set(["text/plain; charset=utf-8"]));
    await database.use(async (db) => {
      const events = await db.webhookEvent.findMany({
        where: { deliveryId: { in: accepted.map((answer) => answer.id as string) } },
        select: { deliveryId: true },
      });
      expect(events).toHaveLength(accepted.length);
      const jobs = await db.job.findMany({
        where: { orderId: { in: accepted.map((answer) => answer.orderId) } },
        select: { orderId: true, status: true },
      });
      expect(jobs).toHaveLength(accepted.length);
      expect(new Set(jobs.map((job) => job.orderId)).size).toBe(accepted.length);
      expect(new Set(jobs.map((job) => job.status))).toEqual(new Set(["queued"]));
      const audits = await db.auditEntry.count({
        where: { orderId: { in: accepted.map((a) => a.orderId) } },
      });
      expect(audits).toBe(accepted.length);
    });
  });
});
