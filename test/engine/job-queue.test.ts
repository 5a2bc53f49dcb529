import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  enqueueJobWithAudit,
  failJobAndPauseShop,
  resumeShop,
  retryJobLater,
} from "../../app/engine/job-queue.server";
import { describeWhen } from "../support/optional-suite";
import type { TestDatabase } from "../support/test-database";
import { createPgliteDatabase, createPostgresDatabase, postgresReachable } from "../support/test-database";

const LEASE_MS = 30_000;

async function newShop(db: PrismaClient, domain: string) {
  return db.shop.create({ data: { platform: "shopify", domain } });
}

function queueSuite(create: () => Promise<TestDatabase>) {
  let database: TestDatabase;
  let db: PrismaClient;
  beforeAll(async () => {
    database = await create();
    db = database.prisma;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.job.deleteMany();
    await db.shop.deleteMany();
  });

  it("turns the same event delivered ten times into one job", async () => {
    const shop = await newShop(db, "dup.myshopify.com");
    const results = [];
    for (let i = 0; i < 10; i++) {
      results.push(
        await enqueueJob(db, {
          shopId: shop.id,
          kind: "invoice",
          orderId: "gid://shopify/Order/1",
          trigger: "paid",
          sourceOrder: "{}",
        }),
      );
    }
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    expect(await db.job.count()).toBe(1);
  });

  it("enqueues with its audit entry in one statement, once, with the columns Prisma would set", async () => {
    const shop = await newShop(db, "hot.myshopify.com");
    const before = Date.now();
    const input = {
      shopId: shop.id,
      kind: "creditNote" as const,
      orderId: "gid://shopify/Order/7",
      orderName: "#1007",
      refundId: "gid://shopify/Refund/70",
      trigger: "paid" as const,
      sourceOrder: '{"id":7}',
      sourceRefund: '{"id":70}',
      status: "waiting" as const,
    };
    const first = await enqueueJobWithAudit(db, input, { step: "queue", message: "Refund received" });
    const again = await enqueueJobWithAudit(db, input, { step: "queue", message: "Refund received" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ jobId: first.jobId, created: false });
    const job = await db.job.findUniqueOrThrow({ where: { id: first.jobId } });
    expect(job).toMatchObject({
      businessKey: "creditNote:gid://shopify/Refund/70",
      orderName: "#1007",
      status: "waiting",
      sourceRefund: '{"id":70}',
      attempts: 0,
      progress: {},
    });
    // Written in the same time zone as Prisma's own timestamps (UTC), not the session's.
    for (const at of [job.createdAt, job.updatedAt, job.runAfter]) {
      expect(Math.abs(at.getTime() - before)).toBeLessThan(60_000);
    }
    const audit = await db.auditEntry.findMany({ where: { jobId: first.jobId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      shopId: shop.id,
      orderId: input.orderId,
      step: "queue",
      message: "Refund received",
    });
  });

  it("runs one shop's jobs one at a time in order, and other shops in parallel", async () => {
    const a = await newShop(db, "a.myshopify.com");
    const b = await newShop(db, "b.myshopify.com");
    await enqueueJob(db, {
      shopId: a.id,
      kind: "invoice",
      orderId: "A1",
      trigger: "paid",
      sourceOrder: "{}",
    });
    await enqueueJob(db, {
      shopId: a.id,
      kind: "invoice",
      orderId: "A2",
      trigger: "paid",
      sourceOrder: "{}",
    });
    await enqueueJob(db, {
      shopId: b.id,
      kind: "invoice",
      orderId: "B1",
      trigger: "paid",
      sourceOrder: "{}",
    });

    const first = await claimNextJob(db, "w1", LEASE_MS);
    const second = await claimNextJob(db, "w2", LEASE_MS);
    const third = await claimNextJob(db, "w3", LEASE_MS);
    expect(first?.orderId).toBe("A1");
    expect(second?.orderId).toBe("B1");
    expect(third).toBeNull(); // A2 waits for A1
    await completeJob(db, first!, "w1", { documentId: "inv-1", documentNumber: "1" });
    expect((await claimNextJob(db, "w3", LEASE_MS))?.orderId).toBe("A2");
  });

  it("makes a crashed worker's job claimable again when its lease expires", async () => {
    const shop = await newShop(db, "crash.myshopify.com");
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "C1",
      trigger: "paid",
      sourceOrder: "{}",
    });
    const claimed = await claimNextJob(db, "dead-worker", 50);
    expect(claimed?.attempts).toBe(1);
    expect(await claimNextJob(db, "w2", LEASE_MS)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 120));
    const reclaimed = await claimNextJob(db, "w2", LEASE_MS);
    expect(reclaimed?.id).toBe(claimed?.id);
    expect(reclaimed?.attempts).toBe(2);
    expect(reclaimed?.leaseOwner).toBe("w2");
  });

  it("keeps a credit note waiting until its invoice is transferred, then runs it", async () => {
    const shop = await newShop(db, "refund-first.myshopify.com");
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "creditNote",
      orderId: "R1",
      refundId: "refund-1",
      trigger: "paid",
      sourceOrder: "{}",
      status: "waiting",
    });
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "R1",
      trigger: "paid",
      sourceOrder: "{}",
    });
    const invoice = await claimNextJob(db, "w1", LEASE_MS);
    expect(invoice?.kind).toBe("invoice");
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();
    await completeJob(db, invoice!, "w1", { documentId: "inv" });
    const credit = await claimNextJob(db, "w1", LEASE_MS);
    expect(credit?.kind).toBe("creditNote");
  });

  it("backs off a retryable failure without letting later jobs of the shop overtake it", async () => {
    const shop = await newShop(db, "retry.myshopify.com");
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "X1",
      trigger: "paid",
      sourceOrder: "{}",
    });
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "X2",
      trigger: "paid",
      sourceOrder: "{}",
    });
    const job = await claimNextJob(db, "w1", LEASE_MS);
    await retryJobLater(
      db,
      job!.id,
      "w1",
      { kind: "unavailable", message: "down", retryable: true, at: new Date().toISOString() },
      100,
    );
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await claimNextJob(db, "w1", LEASE_MS))?.orderId).toBe("X1");
  });

  it("pauses the shop on a non-retryable failure; resume runs the failed job and the backlog in order", async () => {
    const shop = await newShop(db, "pause.myshopify.com");
    for (const orderId of ["P1", "P2", "P3"]) {
      await enqueueJob(db, { shopId: shop.id, kind: "invoice", orderId, trigger: "paid", sourceOrder: "{}" });
    }
    const job = await claimNextJob(db, "w1", LEASE_MS);
    await failJobAndPauseShop(db, job!, "w1", {
      kind: "validation",
      message: "Account 1000 does not exist",
      retryable: false,
      at: new Date().toISOString(),
    });
    const paused = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(paused.paused).toBe(true);
    expect(paused.pausedReason).toContain("Account 1000 does not exist");
    await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "P4",
      trigger: "paid",
      sourceOrder: "{}",
    });
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();

    expect(await resumeShop(db, shop.id)).toEqual({ requeued: 1 });
    const order: string[] = [];
    for (
      let next = await claimNextJob(db, "w1", LEASE_MS);
      next;
      next = await claimNextJob(db, "w1", LEASE_MS)
    ) {
      order.push(next.orderId);
      await completeJob(db, next, "w1", { documentId: `doc-${next.orderId}` });
    }
    expect(order).toEqual(["P1", "P2", "P3", "P4"]);
  });
}

const pgAvailable = await postgresReachable();
describe("job queue on PGlite", () => queueSuite(createPgliteDatabase));
describeWhen(pgAvailable, "PostgreSQL", "job queue on PostgreSQL", () => {
  queueSuite(() => createPostgresDatabase());

  it("never hands the same job to two concurrent claimers", async () => {
    const database = await createPostgresDatabase();
    try {
      const db = database.prisma;
      const shops = await Promise.all(
        Array.from({ length: 8 }, (_, i) => newShop(db, `race-${i}.myshopify.com`)),
      );
      for (const shop of shops) {
        for (let n = 0; n < 3; n++)
          await enqueueJob(db, {
            shopId: shop.id,
            kind: "invoice",
            orderId: `${shop.domain}-${n}`,
            trigger: "paid",
            sourceOrder: "{}",
          });
      }
      const claims = await Promise.all(
        Array.from({ length: 16 }, (_, i) => claimNextJob(db, `w${i}`, LEASE_MS)),
      );
      const claimed = claims.filter((job) => job !== null);
      expect(new Set(claimed.map((job) => job.id)).size).toBe(claimed.length);
      // At most one running job per shop.
      expect(new Set(claimed.map((job) => job.shopId)).size).toBe(claimed.length);
      expect(claimed.length).toBeGreaterThan(1);
    } finally {
      await database.close();
    }
  });
});
