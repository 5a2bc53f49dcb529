import type { AuditText } from "../i18n/audit-text";
import { withAuditText } from "../i18n/audit-text";
import type { Job, PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { storableJson, storableText } from "../lib/storable-text";
import type { AuditLevel } from "./audit-log.server";
import type { JobEvent, JobStatus } from "./job-state";
import {
  IllegalJobTransitionError,
  JOB_TRANSITIONS,
  ORDER_BLOCKING_STATUSES,
  sourceStates,
} from "./job-state";

/**
 * The only writer of Job.status (a test scans the source for any other). Each transition is one
 * conditional update — the job must still be in a state the event may leave, and under the
 * caller's lease when it holds one — plus its audit entry, in one transaction: a status change
 * is never recorded without its why, and an entry never describes a change that lost a race.
 */

export type Db = PrismaClient | Prisma.TransactionClient;

export interface JobAudit {
  step: string;
  level: AuditLevel;
  message: string;
  data?: Prisma.InputJsonValue;
  /** `message` as a catalogue key, for the order page in the merchant's language. */
  messageText?: AuditText;
}

/** The other columns a transition sets with the status (never the status itself). */
export type JobChanges = Omit<Prisma.JobUpdateManyMutationInput, "status">;

export interface TransitionRequest {
  job: Pick<Job, "id" | "shopId" | "orderId">;
  event: JobEvent;
  /** Narrower source states than the table's, for a use case with a stricter rule. */
  only?: readonly string[];
  /** The claim's token: a holder whose lease was taken over changes nothing. */
  leaseToken?: number;
  set?: JobChanges;
  /** Sets runAfter this long from now on the database's clock (the one claims compare with). */
  runAfterDelayMs?: number;
  /** Gives the job a new enqueue number: it runs after everything queued so far. */
  moveToEnd?: boolean;
  audit: JobAudit;
}

/**
 * Moves one job along `event`. True when it moved; false when it is not this shop's job or the
 * caller's lease was taken over. Throws IllegalJobTransitionError when the job is in a state the
 * event may not leave (e.g. the second of a double click: already retried).
 */
export async function transitionJob(db: Db, request: TransitionRequest): Promise<boolean> {
  const from = sourceStates(request.event, request.only);
  return inTransaction(db, async (tx) => {
    const { job } = request;
    const { count } = await tx.job.updateMany({
      where: {
        id: job.id,
        shopId: job.shopId,
        status: { in: from },
        ...(request.leaseToken === undefined ? {} : { leaseToken: request.leaseToken }),
      },
      data: { ...request.set, status: JOB_TRANSITIONS[request.event].to },
    });
    if (count === 0) {
      const current = await tx.job.findFirst({
        where: { id: job.id, shopId: job.shopId },
        select: { status: true, leaseToken: true },
      });
      if (!current) return false;
      if (request.leaseToken !== undefined && current.leaseToken !== request.leaseToken) return false;
      throw new IllegalJobTransitionError(request.event, current.status, job.id);
    }
    if (request.runAfterDelayMs !== undefined) {
      await tx.$executeRaw`
        UPDATE "Job" SET "runAfter" = now() + make_interval(secs => ${Math.max(0, request.runAfterDelayMs) / 1000}::double precision)
         WHERE id = ${job.id}`;
    }
    if (request.moveToEnd) {
      await tx.$executeRaw`UPDATE "Job" SET seq = nextval(pg_get_serial_sequence('"Job"', 'seq')) WHERE id = ${job.id}`;
    }
    await writeAudit(tx, job, request.audit);
    return true;
  });
}

/**
 * Moves every job of the shop matching `which` that `event` may leave, oldest first, each with
 * its own audit entry; returns the ids moved.
 */
export async function transitionJobs(
  db: Db,
  request: Omit<TransitionRequest, "job" | "audit"> & {
    shopId: string;
    which?: { orderId?: string; kind?: string };
    audit: (job: Pick<Job, "id" | "shopId" | "orderId">) => JobAudit;
  },
): Promise<string[]> {
  const from = sourceStates(request.event, request.only);
  return inTransaction(db, async (tx) => {
    const jobs = await tx.job.findMany({
      where: { shopId: request.shopId, ...request.which, status: { in: from } },
      orderBy: { seq: "asc" },
      select: { id: true, shopId: true, orderId: true },
    });
    const moved: string[] = [];
    for (const job of jobs) {
      const { which: _which, shopId: _shopId, audit, ...rest } = request;
      try {
        if (await transitionJob(tx, { ...rest, job, audit: audit(job) })) moved.push(job.id);
      } catch (error) {
        // Moved on by someone else since it was listed: not ours to move any more.
        if (!(error instanceof IllegalJobTransitionError)) throw error;
      }
    }
    return moved;
  });
}

/** Claims serialise on this advisory lock, so two claims never both see a shop as idle. */
const CLAIM_LOCK = 7_301_013;

const CLAIM = JOB_TRANSITIONS.claim;
const TAKEOVER = JOB_TRANSITIONS.leaseLost;

/**
 * Claims the next runnable job of any shop, or null (see job-queue.server.ts for the rules): the
 * claim and lease-loss transitions, in one statement because it is the queue's hot path. They
 * write no audit entry: a claim starts an attempt whose steps the handler audits, and a lapsed
 * lease is counted on the job (leaseLosses) and parks it with an entry once there are too many.
 */
export async function claimNextJob(
  db: PrismaClient,
  workerId: string,
  leaseMs: number,
  options: { takeoverGraceMs?: number } = {},
): Promise<Job | null> {
  const graceSecs = Math.max(0, options.takeoverGraceMs ?? 0) / 1000;
  const rows = await db.$transaction(
    async (tx) => {
      // Held to the end of this transaction. Row locks alone cannot keep one job per shop: a claim
      // whose snapshot predates another's commit would still see that shop as idle.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`);
      return tx.$queryRaw<Job[]>`
        UPDATE "Job" AS j
           SET status = ${CLAIM.to},
               "leaseOwner" = ${workerId},
               "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
               "leaseToken" = j."leaseToken" + 1,
               attempts = CASE WHEN j.status IN (${list(TAKEOVER.from)}) THEN j.attempts ELSE j.attempts + 1 END,
               "leaseLosses" = CASE WHEN j.status IN (${list(TAKEOVER.from)}) THEN j."leaseLosses" + 1 ELSE j."leaseLosses" END,
               "updatedAt" = now()
         WHERE j.id = (
           SELECT c.id
             FROM "Job" AS c
             JOIN "Shop" AS s ON s.id = c."shopId"
            WHERE ((c.status IN (${list(CLAIM.from)}) AND c."runAfter" <= now())
                   OR (c.status IN (${list(TAKEOVER.from)})
                       AND c."leaseExpiresAt" + make_interval(secs => ${graceSecs}::double precision) < now()))
              AND s."uninstalledAt" IS NULL
              AND (s.paused = false OR c.trigger = 'manual')
              -- One job at a time per shop; a lapsed lease still counts until it is taken over.
              AND NOT EXISTS (
                    SELECT 1 FROM "Job" AS r
                     WHERE r."shopId" = c."shopId" AND r.status = ${CLAIM.to} AND r.id <> c.id)
              -- An order's own jobs stay in order: a credit note never passes its order's earlier jobs.
              AND NOT EXISTS (
                    SELECT 1 FROM "Job" AS e
                     WHERE e."shopId" = c."shopId" AND e."orderId" = c."orderId" AND e.seq < c.seq
                       AND e.status IN (${list(ORDER_BLOCKING_STATUSES)}))
            ORDER BY c.seq
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED)
        RETURNING j.*`;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return rows[0] ?? null;
}

function list(statuses: readonly JobStatus[]): Prisma.Sql {
  return Prisma.join(statuses.map((status) => Prisma.sql`${status}`));
}

async function writeAudit(
  tx: Prisma.TransactionClient,
  job: Pick<Job, "id" | "shopId" | "orderId">,
  audit: JobAudit,
): Promise<void> {
  // Messages quote the buyer's text and ledgers' answers: stored in a form that never fails.
  const data = withAuditText(audit.data, audit.messageText) as Prisma.InputJsonValue | undefined;
  await tx.auditEntry.create({
    data: {
      shopId: job.shopId,
      orderId: job.orderId,
      jobId: job.id,
      step: audit.step,
      level: audit.level,
      message: storableText(audit.message),
      ...(data === undefined ? {} : { data: storableJson(data) }),
    },
  });
}

function inTransaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  // An interactive transaction's client has no $transaction of its own: the work joins it.
  return typeof (db as Partial<PrismaClient>).$transaction === "function"
    ? (db as PrismaClient).$transaction(work)
    : work(db);
}
