import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditTrail } from "../../app/engine/audit-log.server";
import { enqueueJob } from "../../app/engine/job-queue.server";
import type { JobHandler } from "../../app/engine/worker.server";
import { Worker } from "../../app/engine/worker.server";
import { LedgerError } from "../../app/ledgers/ledger-error";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const FAST = { baseMs: 10, maxMs: 50, maxAttempts: 3 };

describe("worker", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.auditEntry.deleteMany();
    await db.job.deleteMany();
    await db.shop.deleteMany();
  });

  async function oneJob(orderId = "O1") {
    const shop = await db.shop.create({
      data: { platform: "shopify", domain: `${orderId.toLowerCase()}.myshopify.com` },
    });
    const { job } = await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId,
      orderName: `#${orderId}`,
      trigger: "paid",
      sourceOrder: "{}",
    });
    return { shop, job };
  }

  it("marks a handled job succeeded with the ledger's document number", async () => {
    const { job } = await oneJob();
    const worker = new Worker({
      db,
      handler: async () => ({ status: "succeeded", documentId: "doc-1", documentNumber: "1001" }),
    });
    expect(await worker.runOnce()).toBe(true);
    const done = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({
      status: "succeeded",
      documentId: "doc-1",
      documentNumber: "1001",
      leaseExpiresAt: null,
      // The finishing worker is kept on record.
      leaseOwner: worker.workerId,
    });
  });

  it("resumes a retried job from the progress its earlier attempt saved", async () => {
    const { job } = await oneJob();
    const seen: Array<Record<string, unknown>> = [];
    const handler: JobHandler = async (_job, context) => {
      seen.push({ ...context.progress });
      if (!context.progress.customer) {
        await context.saveProgress({ customer: "c-1" });
        throw new LedgerError({ kind: "unavailable", provider: "test", merchantMessage: "Ledger is down" });
      }
      return { status: "succeeded", documentId: "doc-2" };
    };
    const worker = new Worker({ db, handler, backoff: FAST });
    await worker.runOnce();
    const retrying = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(retrying.status).toBe("queued");
    expect(retrying.lastError).toMatchObject({ kind: "unavailable", retryable: true });
    await new Promise((resolve) => setTimeout(resolve, 60));
    await worker.runOnce();
    expect(seen).toEqual([{}, { customer: "c-1" }]);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("succeeded");
  });

  it("waits at least Retry-After before retrying a rate-limited job", async () => {
    const { job } = await oneJob();
    const worker = new Worker({
      db,
      backoff: FAST,
      handler: async () => {
        throw new LedgerError({
          kind: "rateLimited",
          provider: "test",
          merchantMessage: "Slow down",
          retryAfterMs: 5000,
        });
      },
    });
    const before = Date.now();
    await worker.runOnce();
    const queued = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(queued.runAfter.getTime() - before).toBeGreaterThanOrEqual(4900);
  });

  it("fails the job and pauses the shop on a non-retryable error, with the merchant's message in the audit log", async () => {
    const { shop, job } = await oneJob();
    const worker = new Worker({
      db,
      handler: async () => {
        throw new LedgerError({
          kind: "authentication",
          provider: "dinero",
          merchantMessage: "Dinero rejected the API key. Reconnect Dinero in Settings.",
        });
      },
    });
    await worker.runOnce();
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
    const paused = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(paused.paused).toBe(true);
    expect(paused.pausedReason).toContain("Reconnect Dinero");
    const trail = await auditTrail(db, shop.id, "O1");
    expect(trail.at(-1)).toMatchObject({ step: "failed", level: "error" });
  });

  it("gives up on a retryable error after the last attempt", async () => {
    const { job } = await oneJob();
    const worker = new Worker({
      db,
      backoff: { baseMs: 1, maxMs: 2, maxAttempts: 2 },
      handler: async () => {
        throw new LedgerError({ kind: "unavailable", provider: "test", merchantMessage: "Ledger is down" });
      },
    });
    for (let i = 0; i < 2; i++) {
      await worker.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
  });

  it("runs the loop until stopped, processing every shop's jobs", async () => {
    for (const id of ["L1", "L2", "L3"]) await oneJob(id);
    const handled: string[] = [];
    const worker = new Worker({
      db,
      pollMs: 20,
      handler: async (job) => {
        handled.push(job.orderId);
        return { status: "succeeded", documentId: `doc-${job.orderId}` };
      },
    });
    worker.start();
    const deadline = Date.now() + 5000;
    while (handled.length < 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    expect(handled.sort()).toEqual(["L1", "L2", "L3"]);
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(3);
  });

  it("stops before a ledger write once another worker has taken the job over", async () => {
    const { job } = await oneJob();
    const writes: string[] = [];
    const handler: JobHandler = async (claimed, context) => {
      await context.holdLease();
      writes.push("invoice");
      // This worker stalled past its lease and another one claimed the job meanwhile.
      await db.job.update({ where: { id: claimed.id }, data: { leaseOwner: "worker-that-took-over" } });
      await context.holdLease();
      writes.push("payment");
      return { status: "succeeded", documentId: "doc-3" };
    };
    const worker = new Worker({ db, handler, backoff: FAST });
    await worker.runOnce();
    expect(writes).toEqual(["invoice"]);
    // The job is left to the worker that took it over: neither finished nor failed by this one.
    const after = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(after).toMatchObject({ status: "running", leaseOwner: "worker-that-took-over", attempts: 1 });
  });
});
