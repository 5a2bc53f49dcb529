import { randomUUID } from "node:crypto";
import type { Job, PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { assertBodyIsOrder } from "../sources/source-contract";
import type { JobError, JobKind, JobStatus, JobTrigger } from "./job-types";
import { businessKeyFor } from "./job-types";
import { storableJson, storableText } from "../lib/storable-text";

/**
 * The durable queue: rows in "Job", claimed with a lease (see docs/architecture.md, "The job
 * queue"). A shop runs one job at a time (customer creation stays race-free), the ready job with
 * the lowest enqueue number first; a job waiting out its backoff or parked for the merchant does
 * not hold back the shop's other orders, only later jobs of its own order. Different shops run
 * in parallel. Every claim increments `leaseToken`; a holder's renewals, progress and result are
 * accepted only under its token, so a worker that stalled past its lease can no longer record
 * anything once another took over. An expired lease (a crashed or stalled worker) is taken over
 * only after a grace for the old holder's last request, and counts as a lease loss, not an attempt.
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

/** A claimed job's identity for the fenced updates below: its id and the claim's token. */
export type HeldLease = Pick<Job, "id" | "leaseToken">;

export interface ClaimOptions {
  /**
   * How long after a lease's end a takeover waits: the longest the old holder's last ledger
   * request may still be processed by the ledger (its client side ends with the lease, see
   * app/ledgers/write-fence.ts). The takeover's lookups then see whatever that request stored.
   */
  takeoverGraceMs?: number;
}

/** Claims serialise on this advisory lock, so two claims never both see a shop as idle. */
const CLAIM_LOCK = 7_301_013;

/** Claims the next runnable job of any shop, or null. */
export async function claimNextJob(
  db: PrismaClient,
  workerId: string,
  leaseMs: number,
  options: ClaimOptions = {},
): Promise<Job | null> {
  const graceSecs = Math.max(0, options.takeoverGraceMs ?? 0) / 1000;
  const rows = await db.$transaction(
    async (tx) => {
      // Held to the end of this transaction. Row locks alone cannot keep one job per shop: a claim
      // whose snapshot predates another's commit would still see that shop as idle.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`);
      return tx.$queryRaw<Job[]>`
        UPDATE "Job" AS j
           SET status = 'running',
               "leaseOwner" = ${workerId},
               "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
               "leaseToken" = j."leaseToken" + 1,
               attempts = CASE WHEN j.status = 'running' THEN j.attempts ELSE j.attempts + 1 END,
               "leaseLosses" = CASE WHEN j.status = 'running' THEN j."leaseLosses" + 1 ELSE j."leaseLosses" END,
               "updatedAt" = now()
         WHERE j.id = (
           SELECT c.id
             FROM "Job" AS c
             JOIN "Shop" AS s ON s.id = c."shopId"
            WHERE ((c.status = 'queued' AND c."runAfter" <= now())
                   OR (c.status = 'running'
                       AND c."leaseExpiresAt" + make_interval(secs => ${graceSecs}::double precision) < now()))
              AND s."uninstalledAt" IS NULL
              AND (s.paused = false OR c.trigger = 'manual')
              -- One job at a time per shop; a lapsed lease still counts until it is taken over.
              AND NOT EXISTS (
                    SELECT 1 FROM "Job" AS r
                     WHERE r."shopId" = c."shopId" AND r.status = 'running' AND r.id <> c.id)
              -- An order's own jobs stay in order: a credit note never passes its order's earlier jobs.
              AND NOT EXISTS (
                    SELECT 1 FROM "Job" AS e
                     WHERE e."shopId" = c."shopId" AND e."orderId" = c."orderId" AND e.seq < c.seq
                       AND e.status IN ('queued', 'running', 'failed', 'needsAttention'))
            ORDER BY c.seq
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED)
        RETURNING j.*`;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return rows[0] ?? null;
}

/**
 * Extends the lease of a job this claim still holds; false when it lost it. A lapsed lease is
 * never revived: from its end on, a takeover may already be under way.
 */
export async function renewLease(db: PrismaClient, lease: HeldLease, leaseMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Job"
       SET "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
     WHERE id = ${lease.id} AND "leaseToken" = ${lease.leaseToken} AND status = 'running'
       AND "leaseExpiresAt" > now()`;
  return count === 1;
}

/** Records the result of a finished step, so a retry after a crash resumes after it. */
export async function saveProgress(
  db: PrismaClient,
  lease: HeldLease,
  progress: Prisma.InputJsonValue,
): Promise<void> {
  const { count } = await db.job.updateMany({
    where: { id: lease.id, leaseToken: lease.leaseToken, status: "running" },
    // The draft carries the buyer's text: a NUL or unpaired surrogate must not make it unstorable.
    data: { progress: storableJson(progress) },
  });
  if (count !== 1) throw new LeaseLostError(lease.id);
}

export async function completeJob(
  db: PrismaClient,
  job: Pick<Job, "id" | "leaseToken" | "shopId" | "orderId" | "kind">,
  result: { documentId: string; documentNumber?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, leaseToken: job.leaseToken, status: "running" },
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

/** Decided not to transfer: final, with the reason. */
export async function skipJob(db: PrismaClient, lease: HeldLease, reason: string): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: lease.id, leaseToken: lease.leaseToken, status: "running" },
    data: {
      status: "skipped",
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: new Date(),
      lastError: storableJson({
        kind: "skipped",
        message: reason,
        retryable: false,
        at: new Date().toISOString(),
      }),
    },
  });
  return count === 1;
}

/** A retryable failure: back to the queue after `delayMs` (on the database's clock). */
export async function retryJobLater(
  db: PrismaClient,
  lease: HeldLease,
  error: JobError,
  delayMs: number,
): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Job"
       SET status = 'queued',
           "runAfter" = now() + make_interval(secs => ${Math.max(0, delayMs) / 1000}::double precision),
           "leaseOwner" = NULL,
           "leaseExpiresAt" = NULL,
           "lastError" = ${JSON.stringify(storableJson({ ...error }))}::jsonb,
           "updatedAt" = now()
     WHERE id = ${lease.id} AND "leaseToken" = ${lease.leaseToken} AND status = 'running'`;
  return count === 1;
}

/**
 * A final failure that concerns the whole connection (see failure-scope.ts): the job fails with
 * the merchant-facing message and automatic transfer pauses for the shop; new events keep
 * queuing behind it until the merchant resumes. A holder that lost its lease pauses nothing.
 */
export async function failJobAndPauseShop(
  db: PrismaClient,
  job: Pick<Job, "id" | "leaseToken" | "shopId" | "orderName" | "orderId">,
  error: JobError,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, leaseToken: job.leaseToken, status: "running" },
      data: {
        status: "failed",
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: storableJson({ ...error }),
        finishedAt: new Date(),
      },
    });
    if (count !== 1) return false;
    await tx.shop.update({
      where: { id: job.shopId },
      data: {
        paused: true,
        pausedAt: new Date(),
        pausedReason: `${job.orderName ?? job.orderId}: ${storableText(error.message)}`,
      },
    });
    return true;
  });
}

/**
 * A final failure of this one order: the job waits as "needs attention" with the merchant-facing
 * reason, the shop is not paused and its other orders keep running. Later jobs of the same order
 * (its credit notes) wait behind it. The merchant retries it (requeueParkedJob) or books it by hand.
 */
export async function parkJob(db: PrismaClient, lease: HeldLease, error: JobError): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: lease.id, leaseToken: lease.leaseToken, status: "running" },
    data: {
      status: "needsAttention",
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: storableJson({ ...error }),
    },
  });
  return count === 1;
}

/**
 * The merchant's Retry of a parked job: queued again now, with fresh attempt and lease-loss
 * counts. The progress stays, so nothing already in the ledger is created twice. False when the
 * job is not parked (already retried, handled, or never parked).
 */
export async function requeueParkedJob(db: PrismaClient, jobId: string): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Job"
       SET status = 'queued', "runAfter" = now(), attempts = 0, "leaseLosses" = 0,
           "finishedAt" = NULL, "updatedAt" = now()
     WHERE id = ${jobId} AND status = 'needsAttention'`;
  return count === 1;
}

/**
 * Resume: failed jobs go back to the queue in their original order with fresh attempt counts,
 * then the backlog follows. Parked jobs stay parked: each is retried on its own by the merchant.
 */
export async function resumeShop(db: PrismaClient, shopId: string): Promise<{ requeued: number }> {
  const [requeued] = await db.$transaction([
    db.job.updateMany({
      where: { shopId, status: "failed" },
      data: { status: "queued", runAfter: new Date(), finishedAt: null, attempts: 0, leaseLosses: 0 },
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
