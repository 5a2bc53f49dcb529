import { PAYOUT_JOB_KIND } from "../engine/payouts/payout-jobs";
import type { PrismaClient } from "@prisma/client";
import { JOB_STATUSES } from "../engine/job-state";
import type { JobStatus } from "../engine/job-types";

/** What the home page says about the shop's transfers, and the next step when none can run. */
export interface HomeSummary {
  transferred: number;
  /** Failed, or waiting for the merchant (needs attention): each wants a look. */
  needLook: number;
  /** The tab that lists them: failed ones first. */
  needLookTab: "failed" | "needsAttention";
  /** Queued, running, or waiting for their invoice. */
  waiting: number;
  paused: boolean;
  /** The connected ledger, or null: then "connect your accounting system" is the next step. */
  ledger: { provider: string; needsReconnect: boolean } | null;
}

export async function homeSummary(db: PrismaClient, shopId: string): Promise<HomeSummary> {
  const [groups, connection, shop] = await Promise.all([
    // Payouts have their own page; the summary counts what the Transfers page lists.
    db.job.groupBy({
      by: ["status"],
      where: { shopId, kind: { not: PAYOUT_JOB_KIND } },
      _count: { _all: true },
    }),
    db.ledgerConnection.findUnique({ where: { shopId }, select: { provider: true, status: true } }),
    db.shop.findUnique({ where: { id: shopId }, select: { paused: true } }),
  ]);
  const count = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  for (const group of groups) if (group.status in count) count[group.status as JobStatus] = group._count._all;
  return {
    transferred: count.succeeded,
    needLook: count.failed + count.needsAttention,
    needLookTab: count.failed > 0 ? "failed" : "needsAttention",
    waiting: count.queued + count.running + count.waiting,
    paused: shop?.paused ?? false,
    ledger: connection
      ? { provider: connection.provider, needsReconnect: connection.status === "needsReconnect" }
      : null,
  };
}
