import type { PrismaClient, Shop } from "@prisma/client";
import type { JobErrorText } from "../i18n/job-error-text";
import { jobErrorOf } from "../i18n/job-error-text";
import type { ImportProgress } from "./historical-import.server";
import { latestImport } from "./historical-import.server";
import type { TransfersPage, TransfersQuery } from "./list-transfers.server";
import { listTransfers } from "./list-transfers.server";
import type { TransfersOnDay } from "./transfers-per-day.server";
import { transfersPerDay } from "./transfers-per-day.server";

export const CHART_DAYS = 14;

export interface PausedState {
  /** As stored: English, or the operator's own words for a pause by hand. */
  reason: string | null;
  since: string | null;
  /** The failure that paused transfers, keyed so the page states it in the merchant's language. */
  failure: { order: string; error: JobErrorText | null } | null;
}

export interface TransfersOverview {
  page: TransfersPage;
  perDay: TransfersOnDay[];
  /** Set while automatic transfer is paused after a failure only the merchant can fix. */
  paused: PausedState | null;
  latestImport: ImportProgress | null;
}

/** Everything the transfers page shows, read in parallel. */
export async function transfersOverview(
  db: PrismaClient,
  shopId: string,
  query: TransfersQuery,
): Promise<TransfersOverview> {
  const [page, perDay, shop, progress] = await Promise.all([
    listTransfers(db, shopId, query),
    transfersPerDay(db, shopId, CHART_DAYS),
    db.shop.findUniqueOrThrow({
      where: { id: shopId },
      select: { id: true, paused: true, pausedReason: true, pausedAt: true, pausedJobId: true },
    }),
    latestImport(db, shopId),
  ]);
  return {
    page,
    perDay,
    paused: await pausedState(db, shop),
    latestImport: progress,
  };
}

export async function pausedState(
  db: PrismaClient,
  shop: Pick<Shop, "id" | "paused" | "pausedReason" | "pausedAt" | "pausedJobId">,
): Promise<PausedState | null> {
  if (!shop.paused) return null;
  const job = shop.pausedJobId
    ? await db.job.findFirst({
        where: { id: shop.pausedJobId, shopId: shop.id },
        select: { orderName: true, orderId: true, lastError: true },
      })
    : null;
  return {
    reason: shop.pausedReason,
    since: shop.pausedAt?.toISOString() ?? null,
    failure: job ? { order: job.orderName ?? job.orderId, error: jobErrorOf(job.lastError) } : null,
  };
}
