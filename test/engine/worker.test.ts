import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditTrail } from "../../app/engine/audit-log.server";
import { DraftError, isDraftError } from "../../app/domain/draft-errors";
import { claimNextJob, enqueueJob } from "../../app/engine/job-queue.server";
import type { JobHandler, WorkerOptions } from "../../app/engine/worker.server";
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
        throw new LedgerError({
          kind: "unavailable",
          provider: "test",
          messageKey: "ledgerError.refused",
          params: { ledger: "Test", reason: "Ledger is down" },
        });
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
          messageKey: "ledgerError.refused",
          params: { ledger: "Test", reason: "Slow down" },
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
          messageKey: "ledgerError.dinero.loginExpired",
        });
      },
    });
    await worker.runOnce();
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("failed");
    const paused = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(paused.paused).toBe(true);
    expect(paused.pausedReason).toContain("Reconnect Dinero");
    // The key is stored with the English text, so the pages can show it in Danish.
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).lastError).toMatchObject({
      messageKey: "ledgerError.dinero.loginExpired",
      params: {},
    });
    const trail = await auditTrail(db, shop.id, "O1");
    expect(trail.at(-1)).toMatchObject({ step: "failed", level: "error" });
  });

  it("gives up on a retryable error after the last attempt", async () => {
    const { job } = await oneJob();
    const worker = new Worker({
      db,
      backoff: { baseMs: 1, maxMs: 2, maxAttempts: 2 },
      handler: async () => {
        throw new LedgerError({
          kind: "unavailable",
          provider: "test",
          messageKey: "ledgerError.refused",
          params: { ledger: "Test", reason: "Ledger is down" },
        });
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
      await db.job.update({
        where: { id: claimed.id },
        data: { leaseOwner: "worker-that-took-over", leaseToken: { increment: 1 } },
      });
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

  /** Two orders of one shop; the first one's handler throws `error`. */
  async function firstOrderFails(error: unknown, options: Partial<WorkerOptions> = {}) {
    const { shop, job: bad } = await oneJob("B1");
    const { job: next } = await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "B2",
      orderName: "#B2",
      trigger: "paid",
      sourceOrder: "{}",
    });
    const worker = new Worker({
      db,
      backoff: { baseMs: 1, maxMs: 1, maxAttempts: 1 },
      writeMarginMs: 0,
      handler: async (job) => {
        if (job.id === bad.id) throw error;
        return { status: "succeeded", documentId: `doc-${job.orderId}` };
      },
      ...options,
    });
    await worker.runOnce();
    const ranNext = await worker.runOnce();
    return {
      bad: await db.job.findUniqueOrThrow({ where: { id: bad.id } }),
      next: await db.job.findUniqueOrThrow({ where: { id: next.id } }),
      shop: await db.shop.findUniqueOrThrow({ where: { id: shop.id } }),
      ranNext,
    };
  }

  const orderLevel: Array<[string, unknown]> = [
    [
      "the ledger refusing this document",
      new LedgerError({
        kind: "validation",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Line 1 lacks a VAT code." },
      }),
    ],
    [
      "a conflict",
      new LedgerError({
        kind: "conflict",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Invoice no. 7 is taken." },
      }),
    ],
    [
      "the builder's data error",
      new DraftError("unknownCurrency", "order.currency", "Currency XXX is not supported."),
    ],
    ["an exception that retrying did not cure", new Error("Cannot read properties of undefined")],
  ];
  it.each(orderLevel)("parks the order on %s while the shop's next order is booked", async (_what, error) => {
    const { bad, next, shop, ranNext } = await firstOrderFails(error, { classifyError: draftErrors });
    expect(bad.status).toBe("needsAttention");
    expect(bad.lastError).toMatchObject({ scope: "order", retryable: expect.any(Boolean) });
    expect((bad.lastError as { message: string }).message.length).toBeGreaterThan(0);
    expect(ranNext).toBe(true);
    expect(next.status).toBe("succeeded");
    expect(shop.paused).toBe(false);
    const trail = await auditTrail(db, shop.id, "B1");
    expect(trail.at(-1)).toMatchObject({ step: "needsAttention", level: "error" });
  });

  const connectionLevel: Array<[string, unknown]> = [
    [
      "rejected credentials",
      new LedgerError({
        kind: "authentication",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Reconnect." },
      }),
    ],
    [
      "a missing ledger account",
      new LedgerError({
        kind: "validation",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Account 1000 does not exist." },
        scope: "connection",
      }),
    ],
    [
      "a missing setting",
      new DraftError("missingSetting", "settings.accounts.sales", "Choose a sales account."),
    ],
    [
      "a ledger that stayed down through every retry",
      new LedgerError({
        kind: "unavailable",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Down." },
      }),
    ],
    [
      "throttling through every retry",
      new LedgerError({
        kind: "rateLimited",
        provider: "test",
        messageKey: "ledgerError.refused",
        params: { ledger: "Test", reason: "Slow down." },
      }),
    ],
  ];
  it.each(connectionLevel)("pauses the shop on %s", async (_what, error) => {
    const { bad, next, shop, ranNext } = await firstOrderFails(error, { classifyError: draftErrors });
    expect(bad.status).toBe("failed");
    expect(bad.lastError).toMatchObject({ scope: "connection" });
    expect(shop.paused).toBe(true);
    expect(ranNext).toBe(false);
    expect(next.status).toBe("queued");
  });

  it("parks a job whose workers keep dying, without counting the crashes as attempts or pausing the shop", async () => {
    const { shop, job } = await oneJob("K1");
    let runs = 0;
    const worker = new Worker({
      db,
      maxLeaseLosses: 2,
      writeMarginMs: 0,
      handler: async () => {
        runs += 1;
        return { status: "succeeded", documentId: "never" };
      },
    });
    // Three crashed holders in a row: each claim, then its lease lapses with the job still running.
    for (let crash = 0; crash < 3; crash++) {
      await claimNextJob(db, `crashed-${crash}`, 60_000);
      await db.$executeRaw`UPDATE "Job" SET "leaseExpiresAt" = now() - interval '1 second' WHERE id = ${job.id}`;
    }
    await worker.runOnce();
    expect(runs).toBe(0);
    const parked = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(parked).toMatchObject({ status: "needsAttention", attempts: 1, leaseLosses: 3 });
    expect((parked.lastError as { message: string }).message).toContain("interrupted 3 times");
    expect((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).paused).toBe(false);
  });

  it("waits out the write margin before retrying a write whose answer never came", async () => {
    const lost = new LedgerError({
      kind: "unavailable",
      provider: "test",
      messageKey: "ledgerError.refused",
      params: { ledger: "Test", reason: "Timed out." },
    });
    const refused = new LedgerError({
      kind: "rateLimited",
      provider: "test",
      messageKey: "ledgerError.refused",
      params: { ledger: "Test", reason: "429" },
      httpStatus: 429,
    });
    for (const [error, wrote, expectedFloor] of [
      [lost, true, 60_000],
      [refused, true, 0],
      [lost, false, 0],
    ] as const) {
      await db.job.deleteMany();
      const { job } = await oneJob(`M${expectedFloor}${String(wrote)}`);
      const worker = new Worker({
        db,
        backoff: FAST,
        writeMarginMs: 60_000,
        handler: async (_job, context) => {
          if (wrote) await context.holdLease();
          throw error;
        },
      });
      const before = Date.now();
      await worker.runOnce();
      const queued = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(queued.status).toBe("queued");
      const delay = queued.runAfter.getTime() - before;
      if (expectedFloor > 0) expect(delay).toBeGreaterThanOrEqual(expectedFloor - 1_000);
      else expect(delay).toBeLessThan(30_000);
    }
  });
});

const draftErrors = (error: unknown) =>
  isDraftError(error) ? { kind: "validation", merchantMessage: error.message, retryable: false } : undefined;
