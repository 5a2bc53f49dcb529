import type { ShopVariant } from "../ledgers/variant-product-spec";
import { PRODUCT_JOB_KIND, productBusinessKey, productJobOrderId } from "./products/product-jobs";
import type { AuditText } from "../i18n/audit-text";
import { auditText, errorText } from "../i18n/audit-text";
import { randomUUID } from "node:crypto";
import type { Job, PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { assertBodyIsOrder } from "../sources/source-contract";
import type { InitialJobStatus, JobStatus } from "./job-state";
import { IllegalJobTransitionError, JOB_TRANSITIONS } from "./job-state";
import { claimNextJob as claimNext, transitionJob, transitionJobs } from "./job-state.server";
import type { JobError, JobKind, JobTrigger } from "./job-types";
import { businessKeyFor } from "./job-types";
import { PAYOUT_JOB_KIND, payoutBusinessKey, payoutJobOrderId } from "./payouts/payout-jobs";
import { storableJson, storableText } from "../lib/storable-text";
import type { RawRunner, RawStatement } from "../db/raw-sql.server";

/**
 * The durable queue: rows in "Job", claimed with a lease (see docs/architecture.md, "The job
 * queue"). A shop runs one job at a time (customer creation stays race-free), the ready job with
 * the lowest enqueue number first; a job waiting out its backoff or parked for the merchant does
 * not hold back the shop's other orders, only later jobs of its own order. Different shops run
 * in parallel. Every claim increments `leaseToken`; a holder's renewals, progress and result are
 * accepted only under its token, so a worker that stalled past its lease can no longer record
 * anything once another took over. An expired lease (a crashed or stalled worker) is taken over
 * only after a grace for the old holder's last request, and counts as a lease loss, not an attempt.
 * These are the queue's use cases; each status change in them is a transition of the state
 * machine (job-state.ts), written with its audit entry by job-state.server.ts.
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
  /** The state the job starts in; every later change is a transition (job-state.server.ts). */
  status?: InitialJobStatus;
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
  input: Omit<EnqueueInput, "reason" | "status"> & { status?: Exclude<InitialJobStatus, "skipped"> },
  audit: { step: string; message: string; messageText?: AuditText },
): Promise<{ jobId: string; created: boolean }> {
  const auditData = audit.messageText
    ? JSON.stringify(storableJson({ messageText: audit.messageText }))
    : null;
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
      INSERT INTO "AuditEntry" ("shopId", "orderId", "jobId", "step", "level", "message", "data")
      SELECT ${input.shopId}, "orderId", "id", ${audit.step}, 'info', ${audit.message}, ${auditData}::jsonb FROM inserted
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

/**
 * A payout's job (app/engine/payouts/): keyed by the payout id, queued, or nothing when the
 * payout is already known. `body` is the canonical payout as JSON; the order columns carry the
 * payout's own key, so no order's jobs ever wait for it or it for them.
 */
export async function enqueuePayoutJob(
  db: PrismaClient,
  input: { shopId: string; payoutId: string; body: string; trigger: JobTrigger },
): Promise<{ jobId: string; created: boolean }> {
  return enqueueKeyedJob(db, {
    shopId: input.shopId,
    kind: PAYOUT_JOB_KIND,
    businessKey: payoutBusinessKey(input.payoutId),
    orderId: payoutJobOrderId(input.payoutId),
    orderName: input.payoutId,
    trigger: input.trigger,
    sourceOrder: input.body,
  });
}

/**
 * A job that is not an order's document (a payout, a product version): queued once per business
 * key; a second call finds the first job and reports `created: false`.
 */
async function enqueueKeyedJob(
  db: PrismaClient,
  data: {
    shopId: string;
    kind: string;
    businessKey: string;
    orderId: string;
    orderName: string;
    trigger: JobTrigger;
    sourceOrder: string;
  },
): Promise<{ jobId: string; created: boolean }> {
  const { count } = await db.job.createMany({
    data: [{ ...data, status: "queued" satisfies InitialJobStatus }],
    skipDuplicates: true,
  });
  const job = await db.job.findUniqueOrThrow({
    where: { shopId_businessKey: { shopId: data.shopId, businessKey: data.businessKey } },
    select: { id: true },
  });
  return { jobId: job.id, created: count === 1 };
}

/** What the webhook fast path records in one statement (recordDeliveryWithJob). */
export interface DeliveryWithJobInput {
  shopDomain: string;
  topic: string;
  deliveryId: string;
  eventId: string | undefined;
  triggeredAt: Date | undefined;
  /** The raw body text, stored as the delivery and (for an invoice) as the job's source order. */
  body: string;
  /** The delivery's order column (Shopify order topics). */
  deliveryOrderId: string | null;
  /** The job the delivery asks for, or none (the delivery is only recorded). */
  job:
    | { kind: "invoice"; orderId: string; orderName: string; trigger: JobTrigger; dueOnTrigger: string }
    | { kind: "creditNote"; orderId: string; refundId: string; trigger: JobTrigger }
    | undefined;
}

/**
 * The webhook's whole write in one statement and one round trip: the delivery (once per
 * delivery id), and only when it is new and the shop is installed, the job (once per business
 * key, in an initial state) with its "queued" audit entry. The shop and its transfer trigger are
 * read in the same statement, so nothing about a shop is cached between deliveries. A credit
 * note waits unless its order's invoice is booked, and carries that invoice's order. The stored
 * trigger is read from the version-1 settings JSON with the schema's default ("paid"), which
 * record-shopify-delivery.test.ts pins; settings are validated before they are stored.
 */
const RECORD_DELIVERY_WITH_JOB: RawStatement = {
  name: "lb_record_delivery_with_job_v2",
  text: `
    WITH shop AS (
      SELECT s.id, COALESCE(st.settings -> 'transfer' ->> 'trigger', 'paid') AS "trigger"
        FROM "Shop" s LEFT JOIN "ShopSettings" st ON st."shopId" = s.id
       WHERE s.platform = 'shopify'::"Platform" AND s.domain = $1 AND s."uninstalledAt" IS NULL
    ), delivery AS (
      INSERT INTO "WebhookEvent" ("id", "shopDomain", "platform", "topic", "deliveryId", "eventId",
                                  "triggeredAt", "body", "orderId")
      VALUES ($14, $1, 'shopify'::"Platform", $2, $3, $4, $5::timestamp(3), $6, $7)
      ON CONFLICT ("platform", "deliveryId") DO NOTHING
      RETURNING 1 AS one
    ), invoice AS (
      SELECT j.status, j."orderName", j."sourceOrder"
        FROM "Job" j JOIN shop ON j."shopId" = shop.id
       WHERE $8::text = 'creditNote' AND j."businessKey" = 'invoice:' || $9::text
    ), job AS (
      INSERT INTO "Job" ("id", "shopId", "kind", "businessKey", "orderId", "orderName", "refundId",
                         "trigger", "sourceOrder", "sourceRefund", "status", "updatedAt")
      SELECT $15, shop.id, $8::text, $16, $9::text,
             CASE WHEN $8::text = 'creditNote' THEN COALESCE(invoice."orderName", $9::text) ELSE $10 END,
             $11, $12,
             CASE WHEN $8::text = 'creditNote' THEN COALESCE(invoice."sourceOrder", '') ELSE $6 END,
             CASE WHEN $8::text = 'creditNote' THEN $6 END,
             CASE WHEN $8::text = 'creditNote' AND invoice.status IS DISTINCT FROM 'succeeded'
                  THEN 'waiting' ELSE 'queued' END,
             now()
        FROM shop LEFT JOIN invoice ON true
       WHERE $8::text IS NOT NULL
         AND EXISTS (SELECT 1 FROM delivery)
         AND ($13::text IS NULL OR shop."trigger" = $13::text)
      ON CONFLICT ("shopId", "businessKey") DO NOTHING
      RETURNING "id", "shopId", "orderId", "status"
    ), audited AS (
      INSERT INTO "AuditEntry" ("shopId", "orderId", "jobId", "step", "level", "message", "data")
      SELECT "shopId", "orderId", "id", 'queue', 'info', CASE WHEN status = 'waiting' THEN $18 ELSE $17 END,
             CASE WHEN status = 'waiting' THEN $20::jsonb ELSE $19::jsonb END
        FROM job
    )
    SELECT (SELECT count(*) FROM delivery)::int AS "recorded",
           (SELECT count(*) FROM shop)::int AS "installed",
           (SELECT "id" FROM job) AS "jobId",
           (SELECT "status" FROM job) AS "status"`,
};

export interface DeliveryWithJobResult {
  /** False for a redelivery of a recorded delivery id: nothing was written. */
  recorded: boolean;
  installed: boolean;
  /** The job this delivery created, if it created one. */
  jobId: string | null;
  status: InitialJobStatus | null;
}

export async function recordDeliveryWithJob(
  run: RawRunner,
  input: DeliveryWithJobInput,
): Promise<DeliveryWithJobResult> {
  const { job } = input;
  const refundId = job?.kind === "creditNote" ? job.refundId : null;
  // Keyed like every other audit entry, so the order page shows it in the merchant's language.
  const queuedText =
    job?.kind === "creditNote"
      ? auditText("audit.queued.creditNote", { refund: job.refundId })
      : auditText(job?.trigger === "fulfilled" ? "audit.queued.fulfilled" : "audit.queued.paid");
  const waitsText = auditText("audit.queued.creditNoteWaits", { refund: refundId ?? "" });
  const [row] = await run<{
    recorded: number;
    installed: number;
    jobId: string | null;
    status: string | null;
  }>(RECORD_DELIVERY_WITH_JOB, [
    input.shopDomain,
    input.topic,
    input.deliveryId,
    input.eventId ?? null,
    input.triggeredAt?.toISOString() ?? null,
    input.body,
    input.deliveryOrderId,
    job?.kind ?? null,
    job?.orderId ?? null,
    job?.kind === "invoice" ? job.orderName : null,
    refundId,
    job?.trigger ?? null,
    job?.kind === "invoice" ? job.dueOnTrigger : null,
    randomUUID(),
    randomUUID(),
    job ? businessKeyFor(job.kind, { orderId: job.orderId, ...(refundId ? { refundId } : {}) }) : null,
    queuedText.message,
    waitsText.message,
    JSON.stringify(storableJson({ messageText: queuedText.messageText })),
    JSON.stringify(storableJson({ messageText: waitsText.messageText })),
  ]);
  return {
    recorded: (row?.recorded ?? 0) > 0,
    installed: (row?.installed ?? 0) > 0,
    jobId: row?.jobId ?? null,
    status: (row?.status as InitialJobStatus | null | undefined) ?? null,
  };
}

/** Audit entries about the shop as a whole (pause, resume) belong to no order. */
export const SHOP_AUDIT_ORDER_ID = "";

/** A claimed job's identity for the fenced updates below: its id and the claim's token. */
export type HeldLease = Pick<Job, "id" | "leaseToken">;

/** A claimed job as the fenced transitions below need it: the lease, and what the audit names. */
export type HeldJob = HeldLease & Pick<Job, "shopId" | "orderId" | "attempts">;

export interface ClaimOptions {
  /**
   * How long after a lease's end a takeover waits: the longest the old holder's last ledger
   * request may still be processed by the ledger (its client side ends with the lease, see
   * app/ledgers/write-fence.ts). The takeover's lookups then see whatever that request stored.
   */
  takeoverGraceMs?: number;
}

/** Claims the next runnable job of any shop, or null (the statement lives with the state machine). */
export function claimNextJob(
  db: PrismaClient,
  workerId: string,
  leaseMs: number,
  options: ClaimOptions = {},
): Promise<Job | null> {
  return claimNext(db, workerId, leaseMs, options);
}

/**
 * Extends the lease of a job this claim still holds; false when it lost it. A lapsed lease is
 * never revived: from its end on, a takeover may already be under way.
 */
export async function renewLease(db: PrismaClient, lease: HeldLease, leaseMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "Job"
       SET "leaseExpiresAt" = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
     WHERE id = ${lease.id} AND "leaseToken" = ${lease.leaseToken} AND status = ${JOB_TRANSITIONS.claim.to}
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
    where: { id: lease.id, leaseToken: lease.leaseToken, status: JOB_TRANSITIONS.claim.to },
    // The draft carries the buyer's text: a NUL or unpaired surrogate must not make it unstorable.
    data: { progress: storableJson(progress) },
  });
  if (count !== 1) throw new LeaseLostError(lease.id);
}

/**
 * The document is in the ledger. An invoice's credit notes that arrived before it may run now,
 * after everything queued so far. Throws LeaseLostError when another worker took the job over.
 */
export async function completeJob(
  db: PrismaClient,
  job: HeldLease & Pick<Job, "shopId" | "orderId" | "kind">,
  result: { documentId: string; documentNumber?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const moved = await transitionJob(tx, {
      job,
      event: "succeed",
      leaseToken: job.leaseToken,
      set: {
        documentId: result.documentId,
        documentNumber: result.documentNumber ?? null,
        // leaseOwner stays: it records which worker finished the job.
        leaseExpiresAt: null,
        lastError: Prisma.DbNull,
        finishedAt: new Date(),
      },
      audit: {
        step: "queue",
        level: "info",
        ...(result.documentNumber
          ? auditText("audit.transferredAs", { number: result.documentNumber })
          : auditText("audit.transferred")),
        data: { documentId: result.documentId },
      },
    });
    if (!moved) throw new LeaseLostError(job.id);
    if (job.kind === "invoice") {
      await transitionJobs(tx, {
        shopId: job.shopId,
        which: { orderId: job.orderId, kind: "creditNote" },
        event: "invoiceBooked",
        moveToEnd: true,
        audit: () => ({
          step: "queue",
          level: "info",
          ...auditText("audit.queued.creditNoteAfterInvoice"),
        }),
      });
    }
  });
}

/** Decided not to transfer: final, with the reason. False when the lease was lost. */
export async function skipJob(
  db: PrismaClient,
  job: HeldJob,
  reason: string,
  text?: { key: string; params: Record<string, string | number> },
): Promise<boolean> {
  return transitionJob(db, {
    job,
    event: "skip",
    leaseToken: job.leaseToken,
    set: {
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: new Date(),
      lastError: storableJson({
        kind: "skipped",
        message: reason,
        ...(text ? { messageKey: text.key, params: text.params } : {}),
        retryable: false,
        at: new Date().toISOString(),
      }),
    },
    audit: { step: "queue", level: "info", ...auditText("audit.skipped", {}, { reason }) },
  });
}

/** A retryable failure: back to the queue after `delayMs` (on the database's clock). */
export async function retryJobLater(
  db: PrismaClient,
  job: HeldJob,
  error: JobError,
  delayMs: number,
): Promise<boolean> {
  return transitionJob(db, {
    job,
    event: "failRetryable",
    leaseToken: job.leaseToken,
    runAfterDelayMs: delayMs,
    set: { leaseOwner: null, leaseExpiresAt: null, lastError: storableJson({ ...error }) },
    audit: {
      step: "retry",
      level: "warn",
      ...auditText(
        "audit.retrying",
        { seconds: Math.round(Math.max(0, delayMs) / 1000) },
        { reason: errorText(error) },
      ),
      data: { kind: error.kind, attempt: job.attempts },
    },
  });
}

/**
 * A final failure that concerns the whole connection (see failure-scope.ts): the job fails with
 * the merchant-facing message and automatic transfer pauses for the shop; new events keep
 * queuing behind it until the merchant resumes. A holder that lost its lease pauses nothing.
 */
export async function failJobAndPauseShop(
  db: PrismaClient,
  job: HeldJob & Pick<Job, "orderName">,
  error: JobError,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const moved = await transitionJob(tx, {
      job,
      event: "failFinal",
      leaseToken: job.leaseToken,
      set: {
        leaseOwner: null,
        leaseExpiresAt: null,
        lastError: storableJson({ ...error }),
        finishedAt: new Date(),
      },
      audit: {
        step: "failed",
        level: "error",
        ...auditText("audit.failed", {}, { reason: errorText(error) }),
        data: { kind: error.kind, attempt: job.attempts },
      },
    });
    if (!moved) return false;
    await tx.shop.update({
      where: { id: job.shopId },
      data: {
        paused: true,
        pausedAt: new Date(),
        pausedReason: `${job.orderName ?? job.orderId}: ${storableText(error.message)}`,
        pausedJobId: job.id,
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
export async function parkJob(
  db: PrismaClient,
  job: HeldJob & Pick<Job, "leaseLosses">,
  error: JobError,
): Promise<boolean> {
  return transitionJob(db, {
    job,
    event: "park",
    leaseToken: job.leaseToken,
    set: { leaseOwner: null, leaseExpiresAt: null, lastError: storableJson({ ...error }) },
    audit: {
      step: "needsAttention",
      level: "error",
      ...auditText("audit.failed", {}, { reason: errorText(error) }),
      data: { kind: error.kind, attempt: job.attempts, leaseLosses: job.leaseLosses },
    },
  });
}

/**
 * Retry of a parked job: queued again now, with fresh attempt and lease-loss counts. The
 * progress stays, so nothing already in the ledger is created twice. False when the job is not
 * parked (already retried, handled, or never parked).
 */
export async function requeueParkedJob(db: PrismaClient, jobId: string): Promise<boolean> {
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: { id: true, shopId: true, orderId: true },
  });
  if (!job) return false;
  return falseWhenMovedOn(
    transitionJob(db, {
      job,
      event: "retry",
      only: ["needsAttention"],
      set: { runAfter: new Date(), attempts: 0, leaseLosses: 0, finishedAt: null },
      audit: { step: "queue", level: "info", ...auditText("audit.queued.afterAttention") },
    }),
  );
}

/**
 * Resume: failed jobs go back to the queue in their original order with fresh attempt counts,
 * then the backlog follows. Parked jobs stay parked: each is retried on its own by the merchant.
 * `by` names who resumed, for the audit (each re-queued job's entry, and the shop's own).
 */
export async function resumeShop(
  db: PrismaClient,
  shopId: string,
  by = "an operator",
): Promise<{ requeued: number }> {
  return db.$transaction(async (tx) => {
    const requeued = await transitionJobs(tx, {
      shopId,
      event: "resume",
      set: { runAfter: new Date(), finishedAt: null, attempts: 0, leaseLosses: 0 },
      audit: () => ({ step: "queue", level: "info", ...auditText("audit.queued.resumed", { by }) }),
    });
    await tx.shop.update({
      where: { id: shopId },
      data: { paused: false, pausedAt: null, pausedReason: null, pausedJobId: null },
    });
    await tx.auditEntry.create({
      data: {
        shopId,
        orderId: SHOP_AUDIT_ORDER_ID,
        step: "resume",
        level: "info",
        message: `Transfers resumed by ${storableText(by)}`,
      },
    });
    return { requeued: requeued.length };
  });
}

/**
 * Pause: automatic transfer stops for the shop until it is resumed; new events keep queuing and
 * the merchant's own Transfer and Retry still run. Recorded in the shop's audit entries.
 */
export async function pauseShop(db: PrismaClient, shopId: string, reason: string, by: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.shop.update({
      where: { id: shopId },
      data: { paused: true, pausedAt: new Date(), pausedReason: storableText(reason), pausedJobId: null },
    });
    await tx.auditEntry.create({
      data: {
        shopId,
        orderId: SHOP_AUDIT_ORDER_ID,
        step: "pause",
        level: "info",
        message: `Transfers paused by ${storableText(by)}: ${storableText(reason)}`,
      },
    });
  });
}

/**
 * The order was cancelled (or deleted) before its invoice was transferred: the job is skipped
 * with `reason`. `from` narrows the states it may leave. False when there was nothing to skip.
 */
export async function skipCancelledJob(
  db: PrismaClient,
  job: Pick<Job, "id" | "shopId" | "orderId">,
  reason: string,
  from?: readonly JobStatus[],
  /** `reason` as a catalogue key, for the merchant's language. */
  reasonKey?: { key: string; params: Record<string, string> },
): Promise<boolean> {
  return falseWhenMovedOn(
    transitionJob(db, {
      job,
      event: "skipCancelled",
      ...(from ? { only: from } : {}),
      set: {
        finishedAt: new Date(),
        lastError: {
          kind: "skipped",
          message: reason,
          retryable: false,
          at: new Date().toISOString(),
          ...(reasonKey ? { messageKey: reasonKey.key, params: reasonKey.params } : {}),
        },
      },
      audit: {
        step: "queue",
        level: "info",
        ...auditText(
          "audit.skipped",
          {},
          {
            reason: reasonKey
              ? { ...reasonKey, fallback: reason }
              : `${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
          },
        ),
      },
    }),
  );
}

/** An order skipped as cancelled is due again: queued now, from the order as it is now. */
export async function restoreSkippedJob(
  db: PrismaClient,
  job: Pick<Job, "id" | "shopId" | "orderId">,
  changes: { trigger: JobTrigger; sourceOrder: string },
  message: string,
): Promise<boolean> {
  return falseWhenMovedOn(
    transitionJob(db, {
      job,
      event: "restore",
      set: { ...changes, runAfter: new Date(), finishedAt: null },
      audit: { step: "queue", level: "info", message },
    }),
  );
}

/** False when the job was moved on by someone else (a webhook, a click) since it was read. */
async function falseWhenMovedOn(transition: Promise<boolean>): Promise<boolean> {
  try {
    return await transition;
  } catch (error) {
    if (error instanceof IllegalJobTransitionError) return false;
    throw error;
  }
}

export class LeaseLostError extends Error {
  override name = "LeaseLostError";
  constructor(jobId: string) {
    super(`job ${jobId} is no longer leased by this worker`);
  }
}

/**
 * A product version's job: queued, or nothing when that version is already known (a redelivered
 * webhook, a full sync over products the webhooks already brought).
 */
export async function enqueueProductJob(
  db: PrismaClient,
  input: { shopId: string; variant: ShopVariant; trigger: JobTrigger },
): Promise<{ jobId: string; created: boolean }> {
  const { variant } = input;
  return enqueueKeyedJob(db, {
    shopId: input.shopId,
    kind: PRODUCT_JOB_KIND,
    businessKey: productBusinessKey(variant.variantId, variant.updatedAt),
    orderId: productJobOrderId(variant.variantId),
    orderName: variant.name,
    trigger: input.trigger,
    sourceOrder: JSON.stringify(variant),
  });
}
