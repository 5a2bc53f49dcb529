import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileDueShops } from "../../app/engine/reconcile-scheduler.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { DINERO_SIMULATOR_DEFAULTS, type DineroSimulator } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import type { WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { wooOrderSourceForShop } from "../../app/sources/woocommerce/store-order-source.server";
import {
  danishRefundLines,
  newDanishOrder,
  PAID,
  startWooTransferBed,
  type WooTransferBed,
} from "./woo-harness";

/**
 * WooCommerce never retries a delivery and disables a webhook that keeps failing: the periodic
 * poll (`modified_after`, page by page) must catch every order the webhooks did not bring.
 */
describe("WooCommerce reconciliation poll", () => {
  let bed: WooTransferBed;
  let db: PrismaClient;
  let box: SecretBox;
  let woo: WooSimulator;
  let dinero: DineroSimulator;
  let shop: Shop;

  beforeAll(async () => {
    bed = await startWooTransferBed();
    ({ db, box, woo, dinero, shop } = bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("catches orders whose webhooks failed until WooCommerce disabled them, over several pages", async () => {
    // One order arrives normally.
    const delivered = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await woo.drainWebhooks();
    expect(await db.job.count()).toBe(1);

    // Then every delivery fails (here: the store signs with a secret we do not know) ...
    for (const webhook of woo.webhooks) webhook.secret = "rotated-by-someone";
    const missed: number[] = [];
    for (let i = 0; i < 7; i++) {
      missed.push(Number(woo.store.createOrder(newDanishOrder(PAID)).id));
      await woo.drainWebhooks();
    }
    const unpaid = Number(woo.store.createOrder(newDanishOrder()).id);
    woo.store.createRefund(missed[0] ?? 0, { amount: "112.50", lineItems: danishRefundLines() });
    await woo.drainWebhooks();
    const failed = woo.dispatcher.log.filter((d) => d.kind === "delivery" && d.responseCode === 401);
    expect(failed.length).toBeGreaterThanOrEqual(6);
    // ... until WooCommerce disabled the webhooks: nothing more is delivered.
    expect(woo.webhooks.find((w) => w.topic === "order.created")?.status).toBe("disabled");
    expect(await db.job.count()).toBe(1);

    const lastPoll = (await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).lastReconciledAt;
    expect(lastPoll).not.toBeNull();
    const listRequestsBefore = woo.sim.requests.filter(
      (r) => r.method === "GET" && r.path === "/wp-json/wc/v3/orders",
    ).length;
    const reconciled = await reconcileDueShops(
      db,
      (candidate) => wooOrderSourceForShop(db, candidate, { box, perPage: 2 }),
      new Date(Date.now() + 16 * 60 * 1000),
      { platforms: ["woocommerce"], everyMs: 15 * 60 * 1000 },
    );
    expect(reconciled).toBe(1);
    // 9 orders at 2 per page: every page was read, following X-WP-TotalPages.
    const listRequests = woo.sim.requests.filter(
      (r) => r.method === "GET" && r.path === "/wp-json/wc/v3/orders",
    ).length;
    expect(listRequests - listRequestsBefore).toBe(5);

    const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
    const invoices = jobs.filter((j) => j.kind === "invoice");
    expect(invoices.map((j) => j.orderId).sort()).toEqual([delivered, ...missed].map(String).sort());
    expect(invoices.filter((j) => j.trigger === "reconcile")).toHaveLength(7);
    expect(jobs.some((j) => j.orderId === String(unpaid))).toBe(false);
    expect(jobs.filter((j) => j.kind === "creditNote").map((j) => [j.orderId, j.status])).toEqual([
      [String(missed[0]), "waiting"],
    ]);
    // The poll round turned the webhooks back on, with the right secret.
    expect(woo.webhooks.every((w) => w.status === "active")).toBe(true);

    // Polling again finds nothing new; a webhook now works again.
    await reconcileDueShops(
      db,
      (candidate) => wooOrderSourceForShop(db, candidate, { box, perPage: 2 }),
      new Date(Date.now() + 40 * 60 * 1000),
      { platforms: ["woocommerce"], everyMs: 15 * 60 * 1000 },
    );
    expect(await db.job.count()).toBe(jobs.length);
    woo.store.updateOrder(unpaid, PAID);
    await woo.drainWebhooks();
    expect(await db.job.count({ where: { orderId: String(unpaid) } })).toBe(1);

    const worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      // In-process simulators store what they receive at once: a short margin before looking up.
      writeMarginMs: 200,
      ledgerTimeoutMs: 2000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
    for (let i = 0; i < 40 && (await worker.runOnce()); i++) await woo.drainWebhooks();
    const organisation = dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
    expect(organisation?.invoices.size).toBe(9);
    expect(organisation?.creditNotes.size).toBe(1);
    expect(await db.job.count({ where: { status: { not: "succeeded" } } })).toBe(0);
  });
});
