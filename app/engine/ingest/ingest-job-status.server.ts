import type { Job, PrismaClient } from "@prisma/client";
import { restoreSkippedJob, skipCancelledJob } from "../job-queue.server";
import type { JobTrigger } from "../job-types";

export type SourceStatusChange =
  /** Withdrawn in the shop before anything was booked. */
  | { to: "skipped"; reason: string; reasonKey?: { key: string; params: Record<string, string> } }
  /** Withdrawn earlier, now restored and due again. */
  | { to: "queued"; trigger: JobTrigger; sourceOrder: string; audit: string };

/**
 * The only job-status change the ingest asks for, through the job state machine's use cases
 * (app/engine/job-state.ts decides what is legal and writes the audit entry): a cancelled order
 * skips its invoice only while nothing is running or booked, so a job a worker claimed in the
 * meantime is left alone. Returns whether it happened.
 */
export async function setInvoiceStatusFromSource(
  db: PrismaClient,
  job: Job,
  change: SourceStatusChange,
): Promise<boolean> {
  if (change.to === "skipped") {
    return skipCancelledJob(db, job, change.reason, ["queued", "failed"], change.reasonKey);
  }
  return restoreSkippedJob(
    db,
    job,
    { trigger: change.trigger, sourceOrder: change.sourceOrder },
    change.audit,
  );
}
