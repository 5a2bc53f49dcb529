import type { PrismaClient } from "@prisma/client";
import { resumeShop } from "../engine/job-queue.server";

export interface RetryResult {
  /** The jobs put back in the queue; ids that were not this shop's failed jobs are left out. */
  jobIds: string[];
}

/**
 * The merchant's Retry (one row, the selected rows, or every failed transfer): failed jobs go
 * back to the queue at once, keeping their place in the shop's order, as the CLI's `retry` does.
 * They run as manual transfers, so a paused shop retries them without resuming its backlog.
 * Every query is bound to the shop: another shop's job id does nothing.
 */
export async function retryTransfers(
  db: PrismaClient,
  shopId: string,
  which: string[] | "allFailed",
): Promise<RetryResult> {
  if (which !== "allFailed" && which.length === 0) return { jobIds: [] };
  return db.$transaction(async (tx) => {
    const jobs = await tx.job.findMany({
      where: { shopId, status: "failed", ...(which === "allFailed" ? {} : { id: { in: which } }) },
      select: { id: true, orderId: true },
      orderBy: { seq: "asc" },
    });
    if (jobs.length === 0) return { jobIds: [] };
    const ids = jobs.map((job) => job.id);
    await tx.job.updateMany({
      where: { shopId, status: "failed", id: { in: ids } },
      data: { status: "queued", runAfter: new Date(), finishedAt: null, trigger: "manual" },
    });
    await tx.auditEntry.createMany({
      data: jobs.map((job) => ({
        shopId,
        orderId: job.orderId,
        jobId: job.id,
        step: "queue",
        level: "info",
        message: "Retry requested by hand",
      })),
    });
    return { jobIds: ids };
  });
}

/** Resume after a pause: failed jobs first, in their original order, then the backlog. */
export async function resumeTransfers(db: PrismaClient, shopId: string): Promise<{ requeued: number }> {
  return resumeShop(db, shopId);
}
