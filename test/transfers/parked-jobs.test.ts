import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimNextJob } from "../../app/engine/job-queue.server";
import { requestManualTransfer } from "../../app/engine/manual-transfer.server";
import type { MerchantActor } from "../../app/transfers/merchant-actor";
import {
  handledBy,
  INVOICE_HANDLED_KIND,
  markHandledManually,
  retryParkedJob,
} from "../../app/transfers/parked-jobs.server";
import { retryTransfers } from "../../app/transfers/retry-transfers.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { freshShopsAB, seedJobs } from "./seed-jobs";

const STAFF: MerchantActor = { kind: "shopifyStaff", userId: "42" };
const REASON = "Line 2: quantity -1 cannot be booked";

/** Retry and "Mark as handled manually" of parked jobs, on PGlite and PostgreSQL. */
describe("parked jobs", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shopA: string;
  let shopB: string;
  let parked: string;
  let later: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    ({ shopA, shopB } = await freshShopsAB(db));
    // A parked order, and a later order of the same shop that went through meanwhile.
    const statuses = ["needsAttention", "succeeded"];
    await seedJobs(db, shopA, 2, new Date("2026-12-01T10:00:00Z"), (i) => ({
      status: statuses[i] ?? "succeeded",
      kind: "invoice",
      orderName: `#${1001 + i}`,
      documentNumber: i === 1 ? "5002" : null,
      reason: REASON,
    }));
    const jobs = await db.job.findMany({ where: { shopId: shopA }, orderBy: { seq: "asc" } });
    parked = jobs[0]?.id ?? "";
    later = jobs[1]?.id ?? "";
    await db.job.update({ where: { id: parked }, data: { attempts: 3 } });
  });

  const job = (id: string) => db.job.findUniqueOrThrow({ where: { id } });
  const auditOf = (id: string) => db.auditEntry.findMany({ where: { jobId: id }, orderBy: { id: "asc" } });

  it("Retry puts a parked job back in the queue, attempts reset, naming who asked", async () => {
    const now = new Date("2026-12-07T12:00:00Z");
    expect(await retryParkedJob(db, { shopId: shopA, jobId: parked, actor: STAFF, now })).toMatchObject({
      outcome: "retried",
      status: "queued",
    });
    expect(await job(parked)).toMatchObject({
      status: "queued",
      attempts: 0,
      trigger: "manual",
      finishedAt: null,
      runAfter: now,
    });
    expect((await auditOf(parked)).map((entry) => entry.message)).toEqual([
      "Retry requested by Shopify staff user 42",
    ]);
    // The later order is untouched.
    expect(await job(later)).toMatchObject({ status: "succeeded", documentNumber: "5002" });
    // A second click does nothing more.
    expect(await retryParkedJob(db, { shopId: shopA, jobId: parked, actor: STAFF })).toMatchObject({
      outcome: "notParked",
    });
    expect(await auditOf(parked)).toHaveLength(1);
  });

  it("Mark as handled manually makes the job final with who and when, and gives a worker nothing", async () => {
    const now = new Date("2026-12-07T12:30:00Z");
    const result = await markHandledManually(db, {
      shopId: shopA,
      jobId: parked,
      actor: { kind: "wooAdmin", store: "https://shop.example" },
      now,
    });
    expect(result).toEqual({
      outcome: "handled",
      jobId: parked,
      orderId: expect.any(String),
      parkedCreditNotes: [],
    });
    const handled = await job(parked);
    expect(handled).toMatchObject({
      status: "handled",
      finishedAt: now,
      documentId: null,
      documentNumber: null,
    });
    // The reason it needed attention stays visible.
    expect(handled.lastError).toMatchObject({ message: REASON });
    const [entry, ...rest] = await auditOf(parked);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      step: "handled",
      message:
        "Marked as handled manually by the WooCommerce store admin of https://shop.example; nothing was sent to the ledger",
      data: {
        actor: "the WooCommerce store admin of https://shop.example",
        actorKind: "wooAdmin",
        at: now.toISOString(),
        previousStatus: "needsAttention",
        reason: REASON,
      },
    });
    expect(await handledBy(db, shopA, parked)).toEqual({
      by: "the WooCommerce store admin of https://shop.example",
      // Who, keyed: the order page names them in the merchant's language.
      byText: {
        key: "actor.wooAdmin",
        params: { store: "https://shop.example" },
        fallback: "the WooCommerce store admin of https://shop.example",
      },
      at: now.toISOString(),
    });
    // Nothing to send: no worker can claim it, and Transfer refuses to book it again.
    expect(await claimNextJob(db, "worker-1", 30_000)).toBeNull();
    const shop = await db.shop.findUniqueOrThrow({ where: { id: shopA } });
    expect(await requestManualTransfer(db, shop, handled.orderId, "{}")).toEqual({
      outcome: "handledManually",
      jobId: parked,
    });
    expect((await job(parked)).status).toBe("handled");
    // Neither can it be retried or marked again.
    expect((await retryParkedJob(db, { shopId: shopA, jobId: parked, actor: STAFF })).outcome).toBe(
      "notParked",
    );
    expect((await markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF })).outcome).toBe(
      "notParked",
    );
    expect(await auditOf(parked)).toHaveLength(1);
  });

  it("a double submit, or Retry and Mark at once, changes the job once", async () => {
    const twice = await Promise.all([
      markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF }),
      markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF }),
    ]);
    expect(twice.map((r) => r.outcome).sort()).toEqual(["handled", "notParked"]);
    expect(await auditOf(parked)).toHaveLength(1);

    await db.job.update({ where: { id: parked }, data: { status: "needsAttention" } });
    await db.auditEntry.deleteMany();
    const raced = await Promise.all([
      retryParkedJob(db, { shopId: shopA, jobId: parked, actor: STAFF }),
      markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF }),
    ]);
    const winners = raced.filter((r) => r.outcome === "retried" || r.outcome === "handled");
    expect(winners).toHaveLength(1);
    expect((await job(parked)).status).toBe(winners[0]?.outcome === "retried" ? "queued" : "handled");
    expect(await auditOf(parked)).toHaveLength(1);
  });

  it("another shop cannot retry or mark the job, directly or in bulk", async () => {
    for (const act of [retryParkedJob, markHandledManually]) {
      expect(await act(db, { shopId: shopB, jobId: parked, actor: STAFF })).toEqual({ outcome: "notFound" });
    }
    expect((await retryTransfers(db, shopB, [parked], STAFF)).jobIds).toEqual([]);
    expect(await job(parked)).toMatchObject({ status: "needsAttention", attempts: 3 });
    expect(await db.auditEntry.count()).toBe(0);
  });

  it("only a parked or failed job can be marked or retried", async () => {
    for (const status of ["queued", "running", "succeeded", "skipped", "waiting"]) {
      await db.job.update({ where: { id: parked }, data: { status } });
      expect((await markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF })).outcome).toBe(
        "notParked",
      );
      expect((await retryParkedJob(db, { shopId: shopA, jobId: parked, actor: STAFF })).outcome).toBe(
        "notParked",
      );
      expect((await job(parked)).status).toBe(status);
    }
    await db.job.update({ where: { id: parked }, data: { status: "failed" } });
    expect((await markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF })).outcome).toBe(
      "handled",
    );
  });

  it("the bulk Retry takes parked jobs too, through the same use case", async () => {
    expect((await retryTransfers(db, shopA, [parked, later], STAFF)).jobIds).toEqual([parked]);
    expect(await job(parked)).toMatchObject({ status: "queued", attempts: 0 });
    // "Retry all failed" means failed only.
    await db.job.update({ where: { id: parked }, data: { status: "needsAttention" } });
    expect((await retryTransfers(db, shopA, "allFailed", STAFF)).jobIds).toEqual([]);
  });

  describe("credit notes of a handled invoice", () => {
    const orderNumber = 7_000_000; // the parked invoice's order
    const seedCreditNote = async (status: string, refund: string) => {
      await seedJobs(db, shopA, 1, new Date(), () => ({
        status,
        kind: "creditNote",
        orderName: "#1001",
        documentNumber: null,
        orderNumber,
        refundId: `gid://shopify/Refund/${refund}`,
      }));
      return (await db.job.findFirstOrThrow({ where: { refundId: `gid://shopify/Refund/${refund}` } })).id;
    };

    it("a waiting credit note is parked with the reason when its invoice is handled, and cannot be retried", async () => {
      const note = await seedCreditNote("waiting", "r1");
      const result = await markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF });
      expect(result).toMatchObject({ outcome: "handled", parkedCreditNotes: [note] });
      expect(await job(note)).toMatchObject({
        status: "needsAttention",
        lastError: { kind: INVOICE_HANDLED_KIND, retryable: false },
      });
      expect(await retryParkedJob(db, { shopId: shopA, jobId: note, actor: STAFF })).toEqual({
        outcome: "invoiceHandled",
        jobId: note,
      });
      expect((await job(note)).status).toBe("needsAttention");
      expect((await markHandledManually(db, { shopId: shopA, jobId: note, actor: STAFF })).outcome).toBe(
        "handled",
      );
    });

    it("a refund that arrives after the invoice was handled may be marked handled from waiting", async () => {
      await markHandledManually(db, { shopId: shopA, jobId: parked, actor: STAFF });
      const note = await seedCreditNote("waiting", "r2");
      expect((await markHandledManually(db, { shopId: shopA, jobId: note, actor: STAFF })).outcome).toBe(
        "handled",
      );
    });

    it("a waiting credit note of an invoice still to be booked cannot be marked, and Retry keeps the order", async () => {
      const note = await seedCreditNote("waiting", "r3");
      expect((await markHandledManually(db, { shopId: shopA, jobId: note, actor: STAFF })).outcome).toBe(
        "notParked",
      );
      await db.job.update({ where: { id: note }, data: { status: "needsAttention" } });
      // Its invoice is not booked: Retry puts it back to waiting for it, not ahead of it.
      expect(await retryParkedJob(db, { shopId: shopA, jobId: note, actor: STAFF })).toMatchObject({
        outcome: "retried",
        status: "waiting",
      });
      expect((await job(note)).status).toBe("waiting");
    });
  });
});
