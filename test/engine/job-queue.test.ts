import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  enqueueJobWithAudit,
  failJobAndPauseShop,
  LeaseLostError,
  parkJob,
  renewLease,
  requeueParkedJob,
  resumeShop,
  retryJobLater,
  saveProgress,
  skipJob,
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
    await completeJob(db, first!, { documentId: "inv-1", documentNumber: "1" });
    expect((await claimNextJob(db, "w3", LEASE_MS))?.orderId).toBe("A2");
  });

  const invoice = (shopId: string, orderId: string) =>
    enqueueJob(db, { shopId, kind: "invoice", orderId, trigger: "paid", sourceOrder: "{}" });
  const creditNote = (shopId: string, orderId: string, refundId: string, status?: "waiting") =>
    enqueueJob(db, {
      shopId,
      kind: "creditNote",
      orderId,
      refundId,
      trigger: "paid",
      sourceOrder: "{}",
      ...(status ? { status } : {}),
    });
  /** The controllable clock of these tests: moves a job's lease end (or backoff) into the past. */
  const lapseLease = (jobId: string, agoMs: number) =>
    db.$executeRaw`UPDATE "Job" SET "leaseExpiresAt" = now() - make_interval(secs => ${agoMs / 1000}::double precision) WHERE id = ${jobId}`;
  const endBackoff = (jobId: string) =>
    db.$executeRaw`UPDATE "Job" SET "runAfter" = now() - interval '1 second' WHERE id = ${jobId}`;
  const jobError = (kind = "unavailable") => ({
    kind,
    message: kind,
    retryable: kind === "unavailable",
    at: new Date().toISOString(),
  });

  it("takes a lapsed lease over only after the grace, counting a lease loss rather than an attempt", async () => {
    const shop = await newShop(db, "crash.myshopify.com");
    await invoice(shop.id, "C1");
    const claimed = await claimNextJob(db, "dead-worker", LEASE_MS);
    expect(claimed).toMatchObject({ attempts: 1, leaseLosses: 0, leaseToken: 1 });
    const grace = { takeoverGraceMs: 60_000 };
    expect(await claimNextJob(db, "w2", LEASE_MS, grace)).toBeNull();
    // The lease ended, but the old holder's last request may still be processed: not yet.
    await lapseLease(claimed!.id, 1_000);
    expect(await claimNextJob(db, "w2", LEASE_MS, grace)).toBeNull();
    await lapseLease(claimed!.id, 61_000);
    const reclaimed = await claimNextJob(db, "w2", LEASE_MS, grace);
    expect(reclaimed).toMatchObject({
      id: claimed?.id,
      leaseOwner: "w2",
      attempts: 1,
      leaseLosses: 1,
      leaseToken: 2,
    });
    // Five crashes in a row leave the attempt count alone.
    for (let crash = 2; crash <= 5; crash++) {
      await lapseLease(claimed!.id, 61_000);
      expect(await claimNextJob(db, `w${crash}`, LEASE_MS, grace)).toMatchObject({
        attempts: 1,
        leaseLosses: crash,
      });
    }
  });

  it("fences every update with the claim's token: a holder that was taken over records nothing", async () => {
    const shop = await newShop(db, "fence.myshopify.com");
    await invoice(shop.id, "F1");
    const stale = (await claimNextJob(db, "stalled", LEASE_MS))!;
    // A lapsed lease is never revived, even before anyone took it over.
    await lapseLease(stale.id, 1);
    expect(await renewLease(db, stale, LEASE_MS)).toBe(false);
    const current = (await claimNextJob(db, "w2", LEASE_MS))!;
    expect(current.leaseToken).toBe(stale.leaseToken + 1);

    expect(await renewLease(db, stale, LEASE_MS)).toBe(false);
    await expect(saveProgress(db, stale, { document: "second" })).rejects.toBeInstanceOf(LeaseLostError);
    await expect(completeJob(db, stale, { documentId: "second" })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await retryJobLater(db, stale, jobError(), 0)).toBe(false);
    expect(await parkJob(db, stale, jobError("validation"))).toBe(false);
    expect(await skipJob(db, stale, "no")).toBe(false);
    expect(await failJobAndPauseShop(db, stale, jobError("authentication"))).toBe(false);
    expect((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).paused).toBe(false);

    expect(await renewLease(db, current, LEASE_MS)).toBe(true);
    await saveProgress(db, current, { document: "first" });
    await completeJob(db, current, { documentId: "first" });
    expect(await db.job.findUniqueOrThrow({ where: { id: current.id } })).toMatchObject({
      status: "succeeded",
      documentId: "first",
      progress: { document: "first" },
      leaseOwner: "w2",
    });
  });

  it("keeps a credit note waiting until its invoice is transferred, then runs it", async () => {
    const shop = await newShop(db, "refund-first.myshopify.com");
    await creditNote(shop.id, "R1", "refund-1", "waiting");
    await invoice(shop.id, "R1");
    const first = await claimNextJob(db, "w1", LEASE_MS);
    expect(first?.kind).toBe("invoice");
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();
    await completeJob(db, first!, { documentId: "inv" });
    const credit = await claimNextJob(db, "w1", LEASE_MS);
    expect(credit?.kind).toBe("creditNote");
  });

  it("lets the shop's other orders pass a job waiting out its backoff, but not that order's own credit note", async () => {
    const shop = await newShop(db, "retry.myshopify.com");
    await invoice(shop.id, "X1");
    const x1 = (await claimNextJob(db, "w1", LEASE_MS))!;
    await completeJob(db, x1, { documentId: "inv-x1" });
    await creditNote(shop.id, "X1", "refund-x1-a");
    await creditNote(shop.id, "X1", "refund-x1-b");
    await invoice(shop.id, "X2");
    const refundA = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(refundA.refundId).toBe("refund-x1-a");
    expect(await retryJobLater(db, refundA, jobError(), 60_000)).toBe(true);
    // X1's second credit note stays behind the first; X2 runs meanwhile.
    const next = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(next.orderId).toBe("X2");
    expect(await claimNextJob(db, "w2", LEASE_MS)).toBeNull();
    await completeJob(db, next, { documentId: "inv-x2" });
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();
    await endBackoff(refundA.id);
    expect(await claimNextJob(db, "w1", LEASE_MS)).toMatchObject({ refundId: "refund-x1-a", attempts: 2 });
  });

  it("still runs one job at a time per shop when a backoff ends while a later job runs", async () => {
    const shop = await newShop(db, "overlap.myshopify.com");
    await invoice(shop.id, "O1");
    await invoice(shop.id, "O2");
    const o1 = (await claimNextJob(db, "w1", LEASE_MS))!;
    await retryJobLater(db, o1, jobError(), 60_000);
    const o2 = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(o2.orderId).toBe("O2");
    await endBackoff(o1.id);
    expect(await claimNextJob(db, "w2", LEASE_MS)).toBeNull();
    await completeJob(db, o2, { documentId: "inv-o2" });
    expect((await claimNextJob(db, "w2", LEASE_MS))?.orderId).toBe("O1");
  });

  it("parks an order's job without pausing the shop; its credit notes wait, Retry requeues it", async () => {
    const shop = await newShop(db, "park.myshopify.com");
    await invoice(shop.id, "N1");
    await creditNote(shop.id, "N1", "refund-n1", "waiting");
    await invoice(shop.id, "N2");
    const bad = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(await parkJob(db, bad, { ...jobError("validation"), message: "Line 2 has no price" })).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({
      status: "needsAttention",
      leaseExpiresAt: null,
      lastError: { message: "Line 2 has no price" },
    });
    expect((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).paused).toBe(false);
    const good = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(good.orderId).toBe("N2");
    await completeJob(db, good, { documentId: "inv-n2" });
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();
    // Resume is for a paused shop: it leaves parked jobs to the merchant.
    expect(await resumeShop(db, shop.id)).toEqual({ requeued: 0 });
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();

    expect(await requeueParkedJob(db, bad.id)).toBe(true);
    expect(await requeueParkedJob(db, bad.id)).toBe(false);
    const retried = (await claimNextJob(db, "w1", LEASE_MS))!;
    expect(retried).toMatchObject({ id: bad.id, attempts: 1, leaseLosses: 0 });
    await completeJob(db, retried, { documentId: "inv-n1" });
    expect((await claimNextJob(db, "w1", LEASE_MS))?.refundId).toBe("refund-n1");
  });

  it("pauses the shop on a connection failure; resume runs the failed job and the backlog in order", async () => {
    const shop = await newShop(db, "pause.myshopify.com");
    for (const orderId of ["P1", "P2", "P3"]) await invoice(shop.id, orderId);
    const job = await claimNextJob(db, "w1", LEASE_MS);
    await failJobAndPauseShop(db, job!, {
      kind: "validation",
      message: "Account 1000 does not exist",
      retryable: false,
      at: new Date().toISOString(),
    });
    const paused = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(paused.paused).toBe(true);
    expect(paused.pausedReason).toContain("Account 1000 does not exist");
    await invoice(shop.id, "P4");
    expect(await claimNextJob(db, "w1", LEASE_MS)).toBeNull();

    expect(await resumeShop(db, shop.id)).toEqual({ requeued: 1 });
    const order: string[] = [];
    for (
      let next = await claimNextJob(db, "w1", LEASE_MS);
      next;
      next = await claimNextJob(db, "w1", LEASE_MS)
    ) {
      order.push(next.orderId);
      if (next.orderId === "P1") expect(next.attempts).toBe(1);
      await completeJob(db, next, { documentId: `doc-${next.orderId}` });
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
