import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/engine/job-queue.server";
import type { JobEvent, JobStatus } from "../../app/engine/job-state";
import {
  IllegalJobTransitionError,
  JOB_EVENTS,
  JOB_STATUSES,
  JOB_TRANSITIONS,
  nextJobStatus,
  sourceStates,
} from "../../app/engine/job-state";
import { claimNextJob, transitionJob } from "../../app/engine/job-state.server";
import { describeWhen } from "../support/optional-suite";
import type { TestDatabase } from "../support/test-database";
import { createPgliteDatabase, createPostgresDatabase, postgresReachable } from "../support/test-database";

/** The state machine as the queue, the pages and the CLI rely on it, written out by hand. */
const EXPECTED: Array<[JobStatus, JobEvent, JobStatus]> = [
  ["queued", "claim", "running"],
  ["running", "leaseLost", "running"],
  ["running", "succeed", "succeeded"],
  ["running", "skip", "skipped"],
  ["running", "failRetryable", "queued"],
  ["running", "failFinal", "failed"],
  ["running", "park", "needsAttention"],
  ["waiting", "invoiceBooked", "queued"],
  ["waiting", "invoiceHandled", "needsAttention"],
  ["needsAttention", "retry", "queued"],
  ["failed", "retry", "queued"],
  ["needsAttention", "retryAwaitingInvoice", "waiting"],
  ["failed", "retryAwaitingInvoice", "waiting"],
  ["needsAttention", "markHandled", "handled"],
  ["failed", "markHandled", "handled"],
  ["waiting", "markHandled", "handled"],
  ["failed", "resume", "queued"],
  ["queued", "skipCancelled", "skipped"],
  ["failed", "skipCancelled", "skipped"],
  ["failed", "requestTransfer", "queued"],
  ["skipped", "requestTransfer", "queued"],
  ["needsAttention", "requestTransfer", "queued"],
  ["skipped", "restore", "queued"],
];

describe("the job state machine's table", () => {
  it.each(EXPECTED)("%s --%s--> %s", (from, event, to) => {
    expect(nextJobStatus(from, event)).toBe(to);
  });

  it("allows exactly these transitions and refuses every other (status, event) pair", () => {
    const legal = new Set(EXPECTED.map(([from, event]) => `${from}/${event}`));
    let refused = 0;
    for (const status of JOB_STATUSES) {
      for (const event of JOB_EVENTS) {
        if (legal.has(`${status}/${event}`)) continue;
        expect(() => nextJobStatus(status, event), `${status}/${event}`).toThrow(IllegalJobTransitionError);
        refused++;
      }
    }
    expect(refused).toBe(JOB_STATUSES.length * JOB_EVENTS.length - EXPECTED.length);
    const tableSize = Object.values(JOB_TRANSITIONS).reduce((n, t) => n + t.from.length, 0);
    expect(tableSize).toBe(EXPECTED.length);
  });

  it("never leaves a final state except by the merchant's own Transfer of a skipped order", () => {
    for (const status of ["succeeded", "handled"] as const) {
      for (const event of JOB_EVENTS) expect(() => nextJobStatus(status, event)).toThrow();
    }
    expect(() => nextJobStatus("succeeded", "retry")).toThrow(/"retry" is not allowed from "succeeded"/);
    expect(() => nextJobStatus("handled", "requestTransfer")).toThrow(IllegalJobTransitionError);
    expect(() => nextJobStatus("running", "markHandled")).toThrow(IllegalJobTransitionError);
    expect(() => nextJobStatus("queued", "succeed")).toThrow(IllegalJobTransitionError);
    expect(() => nextJobStatus("waiting", "claim")).toThrow(IllegalJobTransitionError);
    expect(() => nextJobStatus("bogus", "retry")).toThrow(IllegalJobTransitionError);
  });

  it("lets a use case narrow an event's source states, never widen them", () => {
    expect(sourceStates("skipCancelled", ["queued"])).toEqual(["queued"]);
    expect(sourceStates("skipCancelled")).toEqual(["queued", "failed"]);
    const widened = (() => {
      try {
        sourceStates("skipCancelled", ["queued", "succeeded"]);
      } catch (error) {
        return error;
      }
    })();
    expect(widened).toBeInstanceOf(IllegalJobTransitionError);
    expect(widened).toMatchObject({ event: "skipCancelled", status: "succeeded" });
  });
});

function ownerSuite(create: () => Promise<TestDatabase>) {
  let database: TestDatabase;
  let db: PrismaClient;
  let shopId = "";
  beforeAll(async () => {
    database = await create();
    db = database.prisma;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.auditEntry.deleteMany();
    await db.job.deleteMany();
    await db.shop.deleteMany();
    shopId = (await db.shop.create({ data: { platform: "shopify", domain: "state.myshopify.com" } })).id;
  });

  const newJob = async (n: number) =>
    (
      await enqueueJob(db, {
        shopId,
        kind: "invoice",
        orderId: `gid://shopify/Order/${n}`,
        trigger: "paid",
        sourceOrder: JSON.stringify({ id: n, admin_graphql_api_id: `gid://shopify/Order/${n}` }),
      })
    ).job;
  const auditOf = (jobId: string) => db.auditEntry.findMany({ where: { jobId }, orderBy: { id: "asc" } });

  it("moves a job and writes its audit entry", async () => {
    const job = await newJob(1);
    const claimed = (await claimNextJob(db, "w1", 30_000))!;
    expect(
      await transitionJob(db, {
        job,
        event: "park",
        leaseToken: claimed.leaseToken,
        audit: { step: "needsAttention", level: "error", message: "Unknown VAT code" },
      }),
    ).toBe(true);
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("needsAttention");
    expect((await auditOf(job.id)).map((entry) => [entry.step, entry.message])).toEqual([
      ["needsAttention", "Unknown VAT code"],
    ]);
  });

  it("refuses an illegal transition with a typed error, writing neither the status nor an entry", async () => {
    const job = await newJob(2);
    const refusal = await transitionJob(db, {
      job,
      event: "markHandled",
      audit: { step: "handled", level: "info", message: "should not be written" },
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IllegalJobTransitionError);
    expect(refusal).toMatchObject({ event: "markHandled", status: "queued", jobId: job.id });
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    expect(await auditOf(job.id)).toEqual([]);
  });

  it("keeps the status when its audit entry cannot be written (one transaction)", async () => {
    const job = await newJob(3);
    await expect(
      transitionJob(db, {
        job,
        event: "skipCancelled",
        // A step the AuditEntry table refuses (NOT NULL): the transition must roll back with it.
        audit: { step: null as unknown as string, level: "info", message: "Skipped" },
      }),
    ).rejects.toThrow();
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
  });

  it("changes nothing for a holder whose lease was taken over, and nothing through another shop", async () => {
    const job = await newJob(4);
    const claimed = (await claimNextJob(db, "w1", 30_000))!;
    const audit = { step: "queue", level: "info", message: "x" } as const;
    expect(
      await transitionJob(db, { job, event: "succeed", leaseToken: claimed.leaseToken - 1, audit }),
    ).toBe(false);
    const other = await db.shop.create({ data: { platform: "shopify", domain: "other.myshopify.com" } });
    expect(await transitionJob(db, { job: { ...job, shopId: other.id }, event: "succeed", audit })).toBe(
      false,
    );
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    expect(await auditOf(job.id)).toEqual([]);
  });

  it("holds Job.status to the table's states in the database, with the same list", async () => {
    const job = await newJob(5);
    // PGlite's driver adapter loses the message; PostgreSQL names the constraint.
    await expect(db.$executeRaw`UPDATE "Job" SET status = 'bogus' WHERE id = ${job.id}`).rejects.toThrow(
      database.kind === "postgres" ? /Job_status_check/ : /./,
    );
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("queued");
    const [constraint] = await db.$queryRaw<Array<{ def: string; validated: boolean }>>`
      SELECT pg_get_constraintdef(oid) AS def, convalidated AS validated
        FROM pg_constraint WHERE conname = 'Job_status_check'`;
    expect(constraint?.validated).toBe(true);
    const listed = [...(constraint?.def ?? "").matchAll(/'([A-Za-z]+)'/g)].map((match) => match[1]);
    expect([...listed].sort()).toEqual([...JOB_STATUSES].sort());
  });
}

describe("job state owner on PGlite", () => ownerSuite(createPgliteDatabase));
const pgAvailable = await postgresReachable();
describeWhen(pgAvailable, "PostgreSQL", "job state owner on PostgreSQL", () => {
  ownerSuite(() => createPostgresDatabase());
});
