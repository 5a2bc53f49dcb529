import { randomUUID } from "node:crypto";
import type { Job, PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { assertBodyIsOrder } from "../sources/order-identity";
import type { JobError, JobKind, JobStatus, JobTrigger } from "./job-types";
import { businessKeyFor } from "./job-types";

/**
 * The durable queue: rows in "Job", claimed with a lease. A shop's jobs run strictly one at a
 * time in enqueue order (an invoice before its credit note, invoice numbers in sequence);
 * different shops run in parallel. `FOR UPDATE SKIP LOCKED` lets several app instances on one
 * PostgreSQL claim concurrently without ever running the same job, and an expired lease (a
 * crashed worker) makes the job claimable again.
 */

export interface EnqueueInput {
  shopId: string;
  kind: JobKind;
  orderId: string;
  orderName?: string;
  refundId?: string;
  trigger: JobTrigger;
  /** Raw JSON text of the source order (and refund): parsed later so big numeric ids stay exact. */
  sourceOrder: string;
  sourceRefund?: string;
  status?: Extract<JobStatus, "queued" | "waiting" | "skipped">;
  /** For skipped jobs: why. */
  reason?: string;
}

export async function enqueueJob(
  db: PrismaClient,
  input: EnqueueInput,
): Promise<{ job: Job; created: boolean }> {
  assertBodyIsOrder(input.orderId, input.sourceOrder);
  const businessKey = businessKeyFor(input.kind, input);
  const { count } = await db.job.createMany({
    data: [
      {
        shopId: input.shopId,
        kind: input.kind,
        businessKey,
        orderId: input.orderId,
        orderName: input.orderName ?? null,
        refundId: input.refundId ?? null,
        trigger: input.trigger,
        sourceOrder: input.sourceOrder,
        sourceRefund: input.sourceRefund ?? null,
        status: input.status ?? "queued",
        ...(input.reason
          ? {
              lastError: {
                kind: "skipped",
                message: input.reason,
                retryable: false,
                at: new Date().toISOString(),
              },
            }
          : {}),
        ...(input.status === "skipped" ? { finishedAt: new Date() } : {}),
      },
    ],
    skipDuplicates: true,
  });
  const job = await db.job.findUniqueOrThrow({
    where: { shopId_businessKey: { shopId: input.shopId, businessKey } },
  });
  return { job, created: count === 1 };
}

/**
 * The webhook's hot path: enqueue the job and write its "queued" audit entry in one statement
 * (one round trip instead of four, and no query compilation), or find the job already there.
 * Raw SQL because Prisma has no insert-or-nothing that also returns the row and writes a second
 * table; the columns Prisma fills itself (id, updatedAt) are given here.
 */
export async function enqueueJobWithAudit(
  db: PrismaClient,
  input: Omit<EnqueueInput, "reason" | "status"> & { status?: "queued" | "waiting" },
  audit: { step: string; message: string },
): Promise<{ jobId: string; created: boolean }> {
  assertBodyIsOrder(input.orderId, input.sourceOrder);
  const businessKey = businessKeyFor(input.kind, input);
  const rows = await db.$queryRaw<Array<{ id: string; created: boolean }>>`
    WITH inserted AS (
      INSERT INTO "Job" ("id", "shopId", "kind", "businessKey", "orderId", "orderName", "refundId",
                         "trigger", "sourceOrder", "sourceRefund", "status", "updatedAt")
      VALUES (${randomUUID()}, ${input.shopId}, ${input.kind}, ${businessKey}, ${input.orderId},
              ${input.orderName ?? null}, ${input.refundId ?? null}, ${input.trigger}, ${input.sourceOrder},
              ${input.sourceRefund ?? null}, ${input.status ?? "queued"}, ${new Date()})
      ON CONFLICT ("shopId", "businessKey") DO NOTHING
      RETURNING "id", "orderId"
    ), audited AS (
      INSERT INTO "AuditEntry" ("shopId", "orderId", "jobId", "step", "level", "message")
      SELECT ${input.shopId}, "orderId", "id", ${audit.step}, 'info', ${audit.message} FROM inserted
    )
    SELECT "id", true AS "created" FROM inserted`;
  if (rows[0]) return { jobId: rows[0].id, created: true };
  // Already queued by an earlier delivery (Shopify's retry, the paid and fulfilled webhooks, a poll).
  const existing = await db.job.findUniqueOrThrow({
    where: { shopId_businessKey: { shopId: input.shopId, businessKey } },
    select: { id: true },
  });
  return { jobId: existing.id, created: false };
}

/** Claims the next runnable job of any shop, or null. */
export async function claimNextJob(db: PrismaClient, workerId: string, leaseMs: number): Promise<Job | null> {
  const rows = await db.$queryRaw<Job[]>`
    UPDATE "Job" AS j
       SET status = 'running',
           "leaseOwner" = ${workerId},
           "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
           attempts = j.attempts + 1,
           "updatedAt" = now()
     WHERE j.id = (
       SELECT c.id
         FROM "Job" AS c
         JOIN "Shop" AS s ON s.id = c."shopId"
        WHERE ((c.status = 'queued' AND c."runAfter" <= now())
               OR (c.status = 'running' AND c."leaseExpiresAt" < now()))
          AND s."uninstalledAt" IS NULL
          AND (s.paused = false OR c.trigger = 'manual')
          AND NOT EXISTS (
                SELECT 1 FROM "Job" AS e
                 WHERE e."shopId" = c."shopId" AND e.seq < c.seq AND e.status IN ('queued', 'running'))
        ORDER BY c.seq
        LIMIT 1
        FOR UPDATE OF c SKIP LOCKED)
    RETURNING j.*`;
  return rows[0] ?? null;
}

/** Extends the lease of a job this worker still holds; false when it lost it. */
export async function renewLease(
  db: PrismaClient,
  jobId: string,
  workerId: string,
  leaseMs: number,
): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}

/** Records the result of a finished step, so a retry after a crash resumes after it. */
export async function saveProgress(
  db: PrismaClient,
  jobId: string,
  workerId: string,
  progress: Prisma.InputJsonValue,
): Promise<void> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: { progress },
  });
  if (count !== 1) throw new LeaseLostError(jobId);
}

export async function completeJob(
  db: PrismaClient,
  job: Pick<Job, "id" | "shopId" | "orderId" | "kind">,
  workerId: string,
  result: { documentId: string; documentNumber?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, leaseOwner: workerId, status: "running" },
      data: {
        status: "succeeded",
        documentId: result.documentId,
        documentNumber: result.documentNumber ?? null,
        // leaseOwner stays: it records which worker finished the job.
        leaseExpiresAt: null,
        lastError: Prisma.DbNull,
        finishedAt: new Date(),
      },
    });
    if (count !== 1) throw new LeaseLostError(job.id);
    if (job.kind === "invoice") {
      // Credit notes that arrived before their invoice may run now, after everything queued so far.
      const waiting = await tx.job.findMany({
        where: { shopId: job.shopId, orderId: job.orderId, kind: "creditNote", status: "waiting" },
        orderBy: { seq: "asc" },
        select: { id: true },
      });
      for (const { id } of waiting) {
        await tx.$executeRaw`UPDATE "Job" SET status = 'queued', seq = nextval(pg_get_serial_sequence('"Job"', 'seq')), "updatedAt" = now() WHERE id = ${id}`;
      }
    }
  });
}

/** A retryable failure: back to the queue after `delayMs`. */
export async function retryJobLater(
  db: PrismaClient,
  jobId: string,
  workerId: string,
  error: JobError,
  delayMs: number,
): Promise<void> {
  await db.job.updateMany({
    where: { id: jobId, leaseOwner: workerId, status: "running" },
    data: {
      status: "queued",
      runAfter: new Date(Date.now() + delayMs),
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: { ...error },
    },
  });
}

/**
 * A non-retryable failure: the job fails with the merchant-facing message and automatic
 * transfer pauses for the shop; new events keep queuing behind it until the merchant resumes.
 */
export async function failJobAndPauseShop(
  db: PrismaClient,
  job: Pick<Job, "id" | "shopId" | "orderName" | "orderId">,
  workerId: string,
  error: JobError,
): Promise<void> {
  await db.$transaction([
    db.job.updateMany({
      where: { id: job.id, leaseOwner: workerId, status: "running" },
      data: {
        status: "failed",
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: { ...error },
        finishedAt: new Date(),
      },
    }),
    db.shop.update({
      where: { id: job.shopId },
      data: {
        paused: true,
        pausedAt: new Date(),
        pausedReason: `${job.orderName ?? job.orderId}: ${error.message}`,
      },
    }),
  ]);
}

/** Resume: failed jobs go back to the queue in their original order, then the backlog follows. */
export async function resumeShop(db: PrismaClient, shopId: string): Promise<{ requeued: number }> {
  const [requeued] = await db.$transaction([
    db.job.updateMany({
      where: { shopId, status: "failed" },
      data: { status: "queued", runAfter: new Date(), finishedAt: null },
    }),
    db.shop.update({ where: { id: shopId }, data: { paused: false, pausedAt: null, pausedReason: null } }),
  ]);
  return { requeued: requeued.count };
}

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor(jobId: string) {
    super(`job ${jobId} is no longer leased by this worker`);
  }
}
