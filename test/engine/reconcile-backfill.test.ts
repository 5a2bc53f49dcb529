import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { previewDocument } from "../../app/domain/preview";
import { runBackfill, startBackfill } from "../../app/engine/backfill.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { reconcileDueShops } from "../../app/engine/reconcile-scheduler.server";
import { reconcileShop } from "../../app/engine/reconcile.server";
import { main } from "../../cli/main";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import { startShopifyAdminSimulator } from "../../simulators/shopify/shopify-admin-simulator";
import type { ShopifyAdminSimulator } from "../../simulators/shopify/shopify-admin-simulator";
import { orderFromFixture, ShopifyStore } from "../../simulators/shopify/shopify-store";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/** Catching up on orders no webhook brought, against the Shopify Admin simulator over GraphQL. */
describe("reconciliation and historical import", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shopify: ShopifyAdminSimulator;
  const orders = [1, 2, 3, 4, 5].map((n) => danishOrder(n));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    const store = new ShopifyStore();
    for (const order of orders) {
      const stored = orderFromFixture(parseJsonSafely(order.order));
      if (!stored) throw new Error("fixture not recognised");
      store.add(stored);
    }
    shopify = await startShopifyAdminSimulator({
      store,
      bucket: { maximumAvailable: 100_000, restoreRate: 100_000 },
    });
  });
  afterAll(async () => {
    await shopify?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await db.job.deleteMany();
    await db.backfill.deleteMany();
    await db.shop.deleteMany();
  });

  const source = () =>
    shopifyOrderSource(new AdminGraphqlClient({ baseUrl: shopify.url, accessToken: "shpat_simulator" }));

  it("enqueues the paid orders whose webhooks never arrived, once", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "recon.myshopify.com" } });
    // Two orders did arrive by webhook.
    for (const order of orders.slice(0, 2)) {
      await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "orders/paid", rawBody: order.order });
    }
    const first = await reconcileShop(db, shop, source(), { since: new Date("2020-01-01") });
    expect(first).toEqual({ checked: 5, enqueued: 3 });
    const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
    expect(jobs.map((job) => [job.orderId, job.trigger])).toEqual([
      [orders[0]?.orderId, "paid"],
      [orders[1]?.orderId, "paid"],
      [orders[2]?.orderId, "reconcile"],
      [orders[3]?.orderId, "reconcile"],
      [orders[4]?.orderId, "reconcile"],
    ]);
    // The reconciled order is the GraphQL order; the core books it exactly like the webhook's.
    const settings = { version: 1, accounts: { giftCardLiability: "63080" } };
    const fromWebhook = previewDocument({ source: "shopify", order: orders[2]?.order, settings });
    const fromGraphql = previewDocument({ source: "shopify", order: jobs[2]?.sourceOrder, settings });
    expect(fromGraphql.totals).toEqual(fromWebhook.totals);
    expect(fromGraphql.lines.map((l) => [l.kind, l.gross])).toEqual(
      fromWebhook.lines.map((l) => [l.kind, l.gross]),
    );
    expect(await reconcileShop(db, shop, source(), { since: new Date("2020-01-01") })).toEqual({
      checked: 5,
      enqueued: 0,
    });
    expect((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).lastReconciledAt).not.toBeNull();
  });

  it("imports a date range with progress, and resumes after the last saved order", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "import.myshopify.com" } });
    const backfill = await startBackfill(db, shop.id, {
      from: new Date("2020-01-01"),
      to: new Date("2030-01-01"),
    });
    const done = await runBackfill(db, backfill.id, source());
    expect(done).toMatchObject({ status: "done", total: 5, done: 5 });
    expect(await db.job.count({ where: { shopId: shop.id, trigger: "backfill" } })).toBe(5);
    // Running it again doubles nothing.
    await runBackfill(db, backfill.id, source());
    expect(await db.job.count({ where: { shopId: shop.id } })).toBe(5);

    // A second import that "crashed" after two orders continues from its cursor.
    await db.job.deleteMany({ where: { shopId: shop.id } });
    const summaries = [];
    for await (const summary of source().ordersCreatedBetween(new Date("2020-01-01"), new Date("2030-01-01")))
      summaries.push(summary);
    const resumed = await startBackfill(db, shop.id, {
      from: new Date("2020-01-01"),
      to: new Date("2030-01-01"),
    });
    await db.backfill.update({ where: { id: resumed.id }, data: { cursor: summaries[1]?.id, done: 2 } });
    const finished = await runBackfill(db, resumed.id, source());
    expect(finished).toMatchObject({ status: "done", total: 5, done: 5 });
    const enqueued = (await db.job.findMany({ where: { shopId: shop.id } })).map((job) => job.orderId).sort();
    expect(enqueued).toEqual(
      summaries
        .slice(2)
        .map((s) => s.id)
        .sort(),
    );
  });

  it("reconciles each shop once a day, even with several instances asking at once", async () => {
    // Last reconciled long ago: the next run reads everything updated since then (less an overlap).
    const shop = await db.shop.create({
      data: { platform: "shopify", domain: "daily.myshopify.com", lastReconciledAt: new Date("2020-01-01") },
    });
    const now = new Date("2026-11-21T03:00:00Z");
    const runs = await Promise.all([
      reconcileDueShops(db, async () => source(), now),
      reconcileDueShops(db, async () => source(), now),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db.job.count({ where: { shopId: shop.id } })).toBe(5);
    // Not due again the same day; due the next.
    expect(await reconcileDueShops(db, async () => source(), new Date("2026-11-21T20:00:00Z"))).toBe(0);
    expect(await reconcileDueShops(db, async () => source(), new Date("2026-11-22T03:30:00Z"))).toBe(1);
    expect(await db.job.count({ where: { shopId: shop.id } })).toBe(5);
  });

  it("retries a failed reconciliation on the next round instead of the next day", async () => {
    await db.shop.create({ data: { platform: "shopify", domain: "flaky.myshopify.com" } });
    const now = new Date("2026-11-21T03:00:00Z");
    expect(await reconcileDueShops(db, async () => Promise.reject(new Error("Shopify is down")), now)).toBe(
      0,
    );
    expect((await db.shop.findFirstOrThrow()).lastReconciledAt).toBeNull();
    expect(await reconcileDueShops(db, async () => source(), now)).toBe(1);
  });

  it("runs from the operator CLI against the shop's Admin API", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "cli-import.myshopify.com" } });
    const saved = { ...process.env };
    try {
      process.env.SHOPIFY_ADMIN_BASE_URL = shopify.url;
      if (database.kind === "postgres") process.env.DATABASE_URL = database.url;
      else process.env.PGLITE_DATA_DIR = (database.target as { dataDir: string }).dataDir;
      resetEnvForTests();
      globalThis.ledgerBridgePrisma = db;
      const out: string[] = [];
      const io = {
        stdout: (t: string) => out.push(t),
        stderr: (t: string) => out.push(t),
        readFile: async () => "",
      };
      expect(
        await main(["backfill", "--shop", shop.domain, "--from", "2020-01-01", "--to", "2030-01-01"], io),
      ).toBe(0);
      expect(out.at(-1)).toBe("done: 5/5 order(s) queued for transfer.");
      expect(await main(["reconcile", "--shop", shop.domain, "--since", "2020-01-01"], io)).toBe(0);
      expect(out.at(-1)).toContain("queued 0 missing transfer(s)");
      expect(
        await main(["backfill", "--shop", shop.domain, "--from", "2026-02-01", "--to", "2026-01-01"], io),
      ).toBe(2);
    } finally {
      globalThis.ledgerBridgePrisma = undefined;
      process.env = saved;
      resetEnvForTests();
    }
  });

  it("refuses a range whose start is after its end", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "range.myshopify.com" } });
    await expect(
      startBackfill(db, shop.id, { from: new Date("2026-02-01"), to: new Date("2026-01-01") }),
    ).rejects.toThrow(/start date is after its end date/);
  });
});
