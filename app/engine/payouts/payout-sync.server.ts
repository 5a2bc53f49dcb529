import type { PrismaClient, Shop } from "@prisma/client";
import { appendAudit } from "../audit-log.server";
import type { JobTrigger } from "../job-types";
import { enqueuePayoutJob } from "../job-queue.server";
import { payoutBusinessKey, payoutJobOrderId } from "./payout-jobs";
import type { PayoutSource } from "../../domain/payouts/payout-source";

export interface PayoutSyncResult {
  /** Payouts the source listed in the period. */
  checked: number;
  /** New payout jobs. */
  enqueued: number;
  /** Listed but not paid yet: read again on a later round. */
  pending: number;
}

/**
 * Finds a shop's payouts issued in a period and queues one job per settled payout, keyed by the
 * payout id: a payout already queued (by an earlier round, the backfill, a second instance) is not
 * read again, so a second sync queues — and books — nothing new. The poll and the backfill differ
 * only in the period and the trigger.
 */
export async function syncPayouts(
  db: PrismaClient,
  shop: Pick<Shop, "id">,
  source: PayoutSource,
  options: { since: Date; until?: Date; trigger: Extract<JobTrigger, "reconcile" | "backfill" | "manual"> },
): Promise<PayoutSyncResult> {
  const result: PayoutSyncResult = { checked: 0, enqueued: 0, pending: 0 };
  const period = { since: options.since, ...(options.until ? { until: options.until } : {}) };
  for await (const header of source.payoutsIssued(period)) {
    result.checked++;
    if (!header.settled) {
      result.pending++;
      continue;
    }
    const businessKey = payoutBusinessKey(header.id);
    const known = await db.job.findUnique({
      where: { shopId_businessKey: { shopId: shop.id, businessKey } },
      select: { id: true },
    });
    if (known) continue;
    const payout = await source.readPayout(header);
    const queued = await enqueuePayoutJob(db, {
      shopId: shop.id,
      payoutId: payout.id,
      body: JSON.stringify(payout),
      trigger: options.trigger,
    });
    if (!queued.created) continue;
    result.enqueued++;
    await appendAudit(db, {
      shopId: shop.id,
      orderId: payoutJobOrderId(payout.id),
      jobId: queued.jobId,
      step: "queue",
      level: "info",
      message: `Payout ${payout.id} of ${payout.issuedAt.slice(0, 10)} queued (${options.trigger})`,
    });
  }
  return result;
}
