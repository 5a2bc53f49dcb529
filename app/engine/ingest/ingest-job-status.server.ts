import type { Job, PrismaClient } from "@prisma/client";
import { appendAudit } from "../audit-log.server";
import type { JobTrigger } from "../job-types";

export type SourceStatusChange =
  /** Withdrawn in the shop before anything was booked. */
  | { to: "skipped"; reason: string }
  /** Withdrawn earlier, now restored and due again. */
  | { to: "queued"; trigger: JobTrigger; sourceOrder: string; audit: string };

/**
 * The only job-status write the ingest makes (to be wired to the job state machine's single
 * writer): guarded by the statuses the change is allowed from, so a job a worker claimed in the
 * meantime is left alone, and audited when it happened. Returns whether it happened.
 */
export async function setInvoiceStatusFromSource(
  db: PrismaClient,
  job: Job,
  change: SourceStatusChange,
): Promise<boolean> {
  const now = new Date();
  const { count } =
    change.to === "skipped"
      ? await db.job.updateMany({
          where: { id: job.id, status: { in: ["queued", "failed"] } },
          data: {
            status: "skipped",
            finishedAt: now,
            lastError: { kind: "skipped", message: change.reason, retryable: false, at: now.toISOString() },
          },
        })
      : await db.job.updateMany({
          where: { id: job.id, status: "skipped" },
          data: {
            status: "queued",
            trigger: change.trigger,
            runAfter: now,
            finishedAt: null,
            sourceOrder: change.sourceOrder,
          },
        });
  if (count !== 1) return false;
  const message =
    change.to === "skipped"
      ? `Skipped: ${change.reason.charAt(0).toLowerCase()}${change.reason.slice(1)}`
      : change.audit;
  await appendAudit(db, {
    shopId: job.shopId,
    orderId: job.orderId,
    jobId: job.id,
    step: "queue",
    level: "info",
    message,
  });
  return true;
}
