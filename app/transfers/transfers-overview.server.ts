import type { PrismaClient, Shop } from "@prisma/client";
import type { ImportProgress } from "./historical-import.server";
import { latestImport } from "./historical-import.server";
import type { TransfersPage, TransfersQuery } from "./list-transfers.server";
import { listTransfers } from "./list-transfers.server";
import type { TransfersOnDay } from "./transfers-per-day.server";
import { transfersPerDay } from "./transfers-per-day.server";

export const CHART_DAYS = 14;

export interface TransfersOverview {
  page: TransfersPage;
  perDay: TransfersOnDay[];
  /** Set while automatic transfer is paused after a failure only the merchant can fix. */
  paused: { reason: string | null; since: string | null } | null;
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
      select: { paused: true, pausedReason: true, pausedAt: true },
    }),
    latestImport(db, shopId),
  ]);
  return {
    page,
    perDay,
    paused: pausedState(shop),
    latestImport: progress,
  };
}

function pausedState(shop: Pick<Shop, "paused" | "pausedReason" | "pausedAt">): TransfersOverview["paused"] {
  return shop.paused ? { reason: shop.pausedReason, since: shop.pausedAt?.toISOString() ?? null } : null;
}
