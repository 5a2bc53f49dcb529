import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import type { ShopifyAdminSimulator } from "../../simulators/shopify/shopify-admin-simulator";
import { startShopifyAdminSimulator } from "../../simulators/shopify/shopify-admin-simulator";
import { orderFromFixture, ShopifyStore } from "../../simulators/shopify/shopify-store";
import { latestImport, startHistoricalImport } from "../../app/transfers/historical-import.server";
import { resumeTransfers, retryTransfers } from "../../app/transfers/retry-transfers.server";
import { endOfDay, startOfDay } from "../../app/transfers/time-zone";
import { transfersPerDay } from "../../app/transfers/transfers-per-day.server";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { freshShopsAB, seedJobs } from "./seed-jobs";

const OPERATOR = { kind: "cli", osUser: "tester" } as const;

/** Retry, resume, the per-day chart and the historical import, on a real database. */
describe("transfer operations", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shopA: string;
  let shopB: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    ({ shopA, shopB } = await freshShopsAB(db));
  });

  const statusOf = async (shopId: string) =>
    (await db.job.findMany({ where: { shopId }, orderBy: { seq: "asc" } })).map((job) => job.status);

  describe("retryTransfers", () => {
    beforeEach(async () => {
      const at = new Date("2025-03-01T10:00:00Z");
      const statuses = ["failed", "succeeded", "failed", "queued", "failed"];
      await seedJobs(db, shopA, 5, at, (i) => ({
        status: statuses[i] ?? "succeeded",
        kind: "invoice",
        orderName: `#A${i}`,
        documentNumber: null,
      }));
      await seedJobs(db, shopB, 2, at, (i) => ({
        status: "failed",
        kind: "invoice",
        orderName: `#B${i}`,
        documentNumber: null,
        orderNumber: 8_000_000 + i,
      }));
    });

    it("re-queues the selected failed jobs of the shop only, as manual transfers", async () => {
      const a = await db.job.findMany({ where: { shopId: shopA }, orderBy: { seq: "asc" } });
      const b = await db.job.findMany({ where: { shopId: shopB } });
      const chosen = [a[0]?.id, a[1]?.id, a[2]?.id, b[0]?.id].filter((id): id is string => Boolean(id));
      const result = await retryTransfers(db, shopA, chosen, OPERATOR);
      // The succeeded job and shop B's job are not retried through shop A.
      expect(result.jobIds).toEqual([a[0]?.id, a[2]?.id]);
      expect(await statusOf(shopA)).toEqual(["queued", "succeeded", "queued", "queued", "failed"]);
      expect(await statusOf(shopB)).toEqual(["failed", "failed"]);
      const retried = await db.job.findUniqueOrThrow({ where: { id: a[0]?.id } });
      expect(retried).toMatchObject({ trigger: "manual", finishedAt: null });
      expect(retried.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
      const audit = await db.auditEntry.findMany({ where: { shopId: shopA } });
      expect(audit.map((entry) => [entry.jobId, entry.message])).toEqual([
        [a[0]?.id, "Retry requested by CLI: tester"],
        [a[2]?.id, "Retry requested by CLI: tester"],
      ]);
      expect(await db.auditEntry.count({ where: { shopId: shopB } })).toBe(0);
    });

    it("retries every failed job of the shop, and nothing of another shop", async () => {
      expect((await retryTransfers(db, shopA, "allFailed", OPERATOR)).jobIds).toHaveLength(3);
      expect(await statusOf(shopA)).toEqual(["queued", "succeeded", "queued", "queued", "queued"]);
      expect(await statusOf(shopB)).toEqual(["failed", "failed"]);
      expect((await retryTransfers(db, shopA, "allFailed", OPERATOR)).jobIds).toEqual([]);
      expect((await retryTransfers(db, shopA, [], OPERATOR)).jobIds).toEqual([]);
    });

    it("an id of shop B through shop A does nothing at all", async () => {
      const b = await db.job.findMany({ where: { shopId: shopB } });
      expect(
        (
          await retryTransfers(
            db,
            shopA,
            b.map((job) => job.id),
            OPERATOR,
          )
        ).jobIds,
      ).toEqual([]);
      expect(await statusOf(shopB)).toEqual(["failed", "failed"]);
    });
  });

  it("resumes a paused shop: failed jobs back in the queue, the pause lifted, other shops untouched", async () => {
    await db.shop.updateMany({
      data: { paused: true, pausedReason: "#A0: Reconnect Dinero", pausedAt: new Date() },
    });
    await seedJobs(db, shopA, 2, new Date(), () => ({
      status: "failed",
      kind: "invoice",
      orderName: "#A",
      documentNumber: null,
    }));
    await seedJobs(db, shopB, 1, new Date(), () => ({
      status: "failed",
      kind: "invoice",
      orderName: "#B",
      documentNumber: null,
      orderNumber: 8_000_000,
    }));
    expect(await resumeTransfers(db, shopA, OPERATOR)).toEqual({ requeued: 2 });
    expect(await db.shop.findUniqueOrThrow({ where: { id: shopA } })).toMatchObject({
      paused: false,
      pausedReason: null,
    });
    expect(await statusOf(shopA)).toEqual(["queued", "queued"]);
    expect((await db.shop.findUniqueOrThrow({ where: { id: shopB } })).paused).toBe(true);
    expect(await statusOf(shopB)).toEqual(["failed"]);
  });

  describe("transfersPerDay", () => {
    it("counts finished transfers per Copenhagen day, with empty days, for the shop only", async () => {
      const now = new Date("2025-06-14T12:00:00Z");
      const jobs: Array<[string, Date | null]> = [
        ["succeeded", new Date("2025-06-14T08:00:00Z")],
        ["succeeded", new Date("2025-06-14T09:00:00Z")],
        ["failed", new Date("2025-06-14T10:00:00Z")],
        // 00:30 on the 13th in Copenhagen (summer time, UTC+2), though still the 12th in UTC.
        ["succeeded", new Date("2025-06-12T22:30:00Z")],
        // 23:30 on the 12th in Copenhagen.
        ["failed", new Date("2025-06-12T21:30:00Z")],
        // Before the window (the window is the 1st to the 14th).
        ["succeeded", new Date("2025-05-31T21:59:00Z")],
        ["succeeded", new Date("2025-05-31T22:00:00Z")],
        ["queued", null],
        ["skipped", new Date("2025-06-14T08:00:00Z")],
      ];
      await seedJobs(db, shopA, jobs.length, new Date("2025-06-01T00:00:00Z"), (i) => ({
        status: jobs[i]?.[0] ?? "queued",
        kind: "invoice",
        orderName: `#${i}`,
        documentNumber: null,
        finishedAt: jobs[i]?.[1] ?? null,
      }));
      await seedJobs(db, shopB, 3, new Date("2025-06-01T00:00:00Z"), (i) => ({
        status: "succeeded",
        kind: "invoice",
        orderName: `#B${i}`,
        documentNumber: null,
        orderNumber: 8_000_000 + i,
        finishedAt: new Date("2025-06-14T08:00:00Z"),
      }));
      const days = await transfersPerDay(db, shopA, 14, { now });
      expect(days).toHaveLength(14);
      expect(days[0]?.day).toBe("2025-06-01");
      expect(days[13]?.day).toBe("2025-06-14");
      expect(days.filter((day) => day.succeeded + day.failed > 0)).toEqual([
        { day: "2025-06-01", succeeded: 1, failed: 0 },
        { day: "2025-06-12", succeeded: 0, failed: 1 },
        { day: "2025-06-13", succeeded: 1, failed: 0 },
        { day: "2025-06-14", succeeded: 2, failed: 1 },
      ]);
      // Spanning the switch to summer time keeps one entry per calendar day.
      const spring = await transfersPerDay(db, shopA, 30, { now: new Date("2025-04-10T12:00:00Z") });
      expect(new Set(spring.map((day) => day.day)).size).toBe(30);
      expect(spring[0]?.day).toBe("2025-03-12");
    });
  });

  it("converts calendar days to Copenhagen day bounds across summer time", () => {
    expect(startOfDay("2025-06-13").toISOString()).toBe("2025-06-12T22:00:00.000Z");
    expect(startOfDay("2025-01-13").toISOString()).toBe("2025-01-12T23:00:00.000Z");
    expect(startOfDay("2025-03-30").toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(endOfDay("2025-03-30").toISOString()).toBe("2025-03-30T21:59:59.999Z");
  });

  describe("historical import", () => {
    let shopify: ShopifyAdminSimulator;
    const orders = [11, 12, 13].map((n) => danishOrder(n));

    beforeAll(async () => {
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
    });
    const source = async () =>
      shopifyOrderSource(new AdminGraphqlClient({ baseUrl: shopify.url, accessToken: "shpat_simulator" }));

    it("starts an import in the background, reports its progress, and runs one at a time", async () => {
      const shop = await db.shop.findUniqueOrThrow({ where: { id: shopA } });
      expect(await latestImport(db, shopA)).toBeNull();
      const started = await startHistoricalImport(db, shop, { from: "2025-05-01", to: "2025-05-31" }, source);
      if (started.outcome !== "started") throw new Error(`not started: ${started.outcome}`);
      expect(started.progress).toMatchObject({ status: "running", from: "2025-05-01", to: "2025-05-31" });
      const again = await startHistoricalImport(db, shop, { from: "2025-05-01", to: "2025-05-31" }, source);
      expect(again.outcome).toBe("alreadyRunning");
      const finished = await started.finished;
      expect(finished).toMatchObject({ status: "done", total: 3, done: 3 });
      expect(await latestImport(db, shopA)).toMatchObject({
        id: started.progress.id,
        status: "done",
        done: 3,
      });
      const jobs = await db.job.findMany({ where: { shopId: shopA } });
      expect(jobs.map((job) => job.trigger)).toEqual(["backfill", "backfill", "backfill"]);
      expect(jobs.map((job) => job.orderId).sort()).toEqual(orders.map((order) => order.orderId).sort());
      expect(await latestImport(db, shopB)).toBeNull();
      // The orders were created on 12 May: a range ending the day before finds nothing.
      const before = await startHistoricalImport(db, shop, { from: "2025-05-01", to: "2025-05-11" }, source);
      if (before.outcome !== "started") throw new Error(`not started: ${before.outcome}`);
      expect(await before.finished).toMatchObject({ status: "done", total: 0 });
    });

    it("refuses a reversed range and says why when the shop cannot be read", async () => {
      const shop = await db.shop.findUniqueOrThrow({ where: { id: shopA } });
      expect(
        (await startHistoricalImport(db, shop, { from: "2025-06-02", to: "2025-06-01" }, source)).outcome,
      ).toBe("invalidRange");
      const unavailable = await startHistoricalImport(
        db,
        shop,
        { from: "2025-06-01", to: "2025-06-02" },
        async () => {
          throw new Error("Set SHOPIFY_ADMIN_BASE_URL to the Shopify simulator");
        },
      );
      expect(unavailable).toEqual({
        outcome: "sourceUnavailable",
        message: "Set SHOPIFY_ADMIN_BASE_URL to the Shopify simulator",
      });
      expect(await db.backfill.count()).toBe(0);
    });
  });
});
