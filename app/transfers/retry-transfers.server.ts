import type { PrismaClient } from "@prisma/client";
import { PAYOUT_JOB_KIND } from "../engine/payouts/payout-jobs";
import { pauseShop, resumeShop } from "../engine/job-queue.server";
import type { MerchantActor } from "./merchant-actor";
import { actorLabel } from "./merchant-actor";
import { PARKED_STATUSES, retryParkedJob } from "./parked-jobs.server";

export interface RetryResult {
  /** The jobs put back in the queue; ids that were not this shop's failed or parked jobs are left out. */
  jobIds: string[];
}

/**
 * The merchant's Retry (one row, the selected rows, or every failed transfer): failed and
 * needs-attention jobs go back to the queue at once, keeping their place in the shop's order,
 * each through `retryParkedJob` (attempts reset, audit naming who, conditional on the job still
 * being parked). "Every failed" means failed only: a job that needs attention has an order-level
 * problem the merchant looks at one by one. Every query is bound to the shop: another shop's job
 * id does nothing.
 */
export async function retryTransfers(
  db: PrismaClient,
  shopId: string,
  which: string[] | "allFailed",
  actor: MerchantActor,
): Promise<RetryResult> {
  if (which !== "allFailed" && which.length === 0) return { jobIds: [] };
  const jobs = await db.job.findMany({
    where: {
      shopId,
      ...(which === "allFailed"
        ? // The transfers page's "all failed" counts transfers; a payout is retried on its own page.
          { status: "failed", kind: { not: PAYOUT_JOB_KIND } }
        : { status: { in: [...PARKED_STATUSES] }, id: { in: which } }),
    },
    select: { id: true },
    orderBy: { seq: "asc" },
  });
  const jobIds: string[] = [];
  for (const job of jobs) {
    const result = await retryParkedJob(db, { shopId, jobId: job.id, actor });
    if (result.outcome === "retried") jobIds.push(job.id);
  }
  return { jobIds };
}

/**
 * Resume after a pause: failed jobs first, in their original order, then the backlog. The shop's
 * audit and each re-queued job's name who resumed.
 */
export async function resumeTransfers(
  db: PrismaClient,
  shopId: string,
  actor: MerchantActor,
): Promise<{ requeued: number }> {
  return resumeShop(db, shopId, actorLabel(actor));
}

/** Pause automatic transfer by hand (an operator, before a ledger change); recorded in the audit. */
export async function pauseTransfers(
  db: PrismaClient,
  shopId: string,
  reason: string,
  actor: MerchantActor,
): Promise<void> {
  await pauseShop(db, shopId, reason, actorLabel(actor));
}
