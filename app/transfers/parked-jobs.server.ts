import type { NestedText } from "../i18n/audit-text";
import { auditText, auditTextOf } from "../i18n/audit-text";
import type { Prisma, PrismaClient } from "@prisma/client";
import { IllegalJobTransitionError, JOB_TRANSITIONS } from "../engine/job-state";
import { transitionJob, transitionJobs } from "../engine/job-state.server";
import type { JobError, JobStatus } from "../engine/job-types";
import type { TransferProgress } from "../engine/transfer/transfer-progress";
import type { MerchantActor } from "./merchant-actor";
import { actorLabel, actorText } from "./merchant-actor";
import { INVOICE_HANDLED_KIND } from "./parked-kinds";

/** What the merchant may act on: an order-level failure, or a failure that paused the shop. */
export const PARKED_STATUSES = JOB_TRANSITIONS.retry.from;

export { INVOICE_HANDLED_KIND };

export type ParkedJobResult =
  | { outcome: "retried"; jobId: string; orderId: string; status: "queued" | "waiting" }
  | {
      outcome: "handled";
      jobId: string;
      orderId: string;
      /** Credit notes of the order that now need attention because their invoice was handled. */
      parkedCreditNotes: string[];
    }
  /** Not a job of this shop (or no such job): nothing was done. */
  | { outcome: "notFound" }
  /** Not (or no longer) waiting for the merchant, e.g. the second of a double click. */
  | { outcome: "notParked"; jobId: string; status: string }
  /** A credit note whose invoice was booked by hand: Ledger Bridge has no invoice to credit. */
  | { outcome: "invoiceHandled"; jobId: string };

export interface ParkedJobInput {
  shopId: string;
  jobId: string;
  actor: MerchantActor;
  now?: Date;
}

type Tx = Prisma.TransactionClient;

/**
 * Retry of a parked (or failed) job: back to the queue at once, with its attempt count reset so
 * the worker's attempt cap starts over. A credit note whose invoice is not booked yet goes back
 * to waiting for it instead. The status change is conditional on the job still being parked,
 * so a double click or two merchants at once re-queue it once, with one audit entry.
 */
export async function retryParkedJob(db: PrismaClient, input: ParkedJobInput): Promise<ParkedJobResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const job = await findJob(tx, input);
    if (!job) return { outcome: "notFound" };
    let next: "queued" | "waiting" = "queued";
    if (job.kind === "creditNote") {
      const invoice = await invoiceStatus(tx, input.shopId, job.orderId);
      if (invoice === "handled") return { outcome: "invoiceHandled", jobId: job.id };
      if (invoice !== "succeeded") next = "waiting";
    }
    const moved = await refusedAsNotParked(() =>
      transitionJob(tx, {
        job: { id: job.id, shopId: input.shopId, orderId: job.orderId },
        event: next === "queued" ? "retry" : "retryAwaitingInvoice",
        set: {
          runAfter: now,
          attempts: 0,
          leaseLosses: 0,
          // Nothing reached the ledger yet: build the draft again, from the order as the shop now
          // has it and the settings as the merchant just fixed them. Once a create may have been
          // sent, the progress stays, so the document is found instead of created twice.
          ...(startedInLedger(job.progress) ? {} : { progress: {} }),
          finishedAt: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          // Manual, so a paused shop still runs it without resuming the whole backlog.
          trigger: "manual",
        },
        audit: {
          step: "queue",
          level: "info",
          ...auditText("audit.retryRequested", {}, { by: actorText(input.actor) }),
          data: { actor: actorLabel(input.actor), actorKind: input.actor.kind, at: now.toISOString() },
        },
      }),
    );
    if (!moved) return { outcome: "notParked", jobId: job.id, status: job.status };
    return { outcome: "retried", jobId: job.id, orderId: job.orderId, status: next };
  });
}

/**
 * "Mark as handled manually": the merchant booked this document in the ledger by hand, so
 * Ledger Bridge must never send it. Allowed from needsAttention or failed only (conditional
 * update: a double click or a worker finishing at the same moment changes nothing twice), and
 * nothing is sent to the ledger — the job simply becomes final with who and when in the audit.
 *
 * Credit notes: a refund's credit note must credit the invoice in the ledger, and an invoice
 * booked by hand is unknown to Ledger Bridge. So when an invoice is handled, its credit notes
 * that were waiting for it are parked as needsAttention with that reason (they would otherwise
 * wait forever, unseen): the merchant books them by hand too and marks them handled. A refund
 * that arrives later queues as "waiting" behind the handled invoice; it may be marked handled
 * from there, and Retry of such a credit note is refused (there is no invoice to credit).
 */
export async function markHandledManually(db: PrismaClient, input: ParkedJobInput): Promise<ParkedJobResult> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const job = await findJob(tx, input);
    if (!job) return { outcome: "notFound" };
    const from: JobStatus[] = [...PARKED_STATUSES];
    if (job.kind === "creditNote" && (await invoiceStatus(tx, input.shopId, job.orderId)) === "handled") {
      from.push("waiting");
    }
    const who = actorLabel(input.actor);
    const moved = await refusedAsNotParked(() =>
      transitionJob(tx, {
        job: { id: job.id, shopId: input.shopId, orderId: job.orderId },
        event: "markHandled",
        only: from,
        set: { finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
        audit: {
          step: "handled",
          level: "info",
          ...auditText("audit.handled", {}, { by: actorText(input.actor) }),
          data: {
            actor: who,
            actorKind: input.actor.kind,
            at: now.toISOString(),
            previousStatus: job.status,
            ...(reasonOf(job.lastError) ? { reason: reasonOf(job.lastError) } : {}),
          },
        },
      }),
    );
    if (!moved) return { outcome: "notParked", jobId: job.id, status: job.status };
    const parkedCreditNotes =
      job.kind === "invoice" ? await parkWaitingCreditNotes(tx, input.shopId, job.orderId, now) : [];
    return { outcome: "handled", jobId: job.id, orderId: job.orderId, parkedCreditNotes };
  });
}

/** Who marked a job handled and when, from its audit entry (null when it is not handled). */
export async function handledBy(
  db: PrismaClient,
  shopId: string,
  jobId: string,
): Promise<{ by: string; byText?: NestedText; at: string } | null> {
  const entry = await db.auditEntry.findFirst({
    where: { shopId, jobId, step: "handled" },
    orderBy: { id: "desc" },
    select: { data: true, at: true },
  });
  if (!entry) return null;
  const data = entry.data as { actor?: unknown; at?: unknown } | null;
  const byText = auditTextOf(data)?.nested?.by;
  return {
    by: typeof data?.actor === "string" ? data.actor : "?",
    ...(byText ? { byText } : {}),
    at: typeof data?.at === "string" ? data.at : entry.at.toISOString(),
  };
}

async function findJob(tx: Tx, input: ParkedJobInput) {
  // Bound to the shop: another shop's job id is "not found", whatever it is.
  return tx.job.findFirst({
    where: { id: input.jobId, shopId: input.shopId },
    select: { id: true, kind: true, orderId: true, status: true, lastError: true, progress: true },
  });
}

/** Whether a create may have reached the ledger (a document, or the mark set just before its create). */
function startedInLedger(progress: Prisma.JsonValue): boolean {
  if (typeof progress !== "object" || progress === null || Array.isArray(progress)) return false;
  const recorded = progress as Partial<Record<keyof TransferProgress, unknown>>;
  return Boolean(recorded.document || recorded.creating || recorded.payments);
}

async function invoiceStatus(tx: Tx, shopId: string, orderId: string): Promise<string | undefined> {
  const invoice = await tx.job.findUnique({
    where: { shopId_businessKey: { shopId, businessKey: `invoice:${orderId}` } },
    select: { status: true },
  });
  return invoice?.status;
}

async function parkWaitingCreditNotes(tx: Tx, shopId: string, orderId: string, now: Date) {
  const reason: JobError = {
    kind: INVOICE_HANDLED_KIND,
    message:
      "The invoice was booked by hand, so Ledger Bridge cannot credit it: book this credit note by hand too and mark it as handled.",
    retryable: false,
    at: now.toISOString(),
  };
  return transitionJobs(tx, {
    shopId,
    which: { orderId, kind: "creditNote" },
    event: "invoiceHandled",
    set: { lastError: { ...reason }, finishedAt: now },
    audit: () => ({
      step: "queue",
      level: "warn",
      message: reason.message,
      messageText: { key: "transfers.reason.invoiceHandledManually" },
      data: { kind: reason.kind },
    }),
  });
}

/** A job no longer in a state the merchant's action may leave (a double click, a worker in between). */
async function refusedAsNotParked(move: () => Promise<boolean>): Promise<boolean> {
  try {
    return await move();
  } catch (error) {
    if (error instanceof IllegalJobTransitionError) return false;
    throw error;
  }
}

function reasonOf(lastError: Prisma.JsonValue): string | null {
  if (typeof lastError !== "object" || lastError === null || Array.isArray(lastError)) return null;
  const message = (lastError as { message?: unknown }).message;
  return typeof message === "string" ? message : null;
}
