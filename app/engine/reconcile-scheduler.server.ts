import type { Platform, PrismaClient, Shop } from "@prisma/client";
import { log } from "../lib/log.server";
import type { OrderSource } from "../sources/source-contract";
import { reconcileShop } from "./reconcile.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Overlap with the previous run, so an order updated at its very end is not missed. */
const OVERLAP_MS = 60 * 60 * 1000;
/** How far back the first reconciliation of a shop looks. */
const FIRST_LOOKBACK_MS = 3 * DAY_MS;

export interface ReconcileSchedule {
  /** Only these platforms' shops (default: all). */
  platforms?: Platform[];
  /** How long after its last reconciliation a shop is due again (default: a day). */
  everyMs?: number;
}

/**
 * Runs each installed shop's reconciliation once a day, whatever its platform (WooCommerce
 * stores, which never retry a webhook, are also polled every 15 minutes with `schedule`; the poll
 * moves the same `lastReconciledAt`, so the daily round only reaches a store the poll could not
 * read for a day). `sourceFor` picks the order source by platform (`orderSourceFor`). Several
 * instances, and both schedules, may run this: a shop is claimed by moving its `lastReconciledAt`
 * conditionally, so only one of them reconciles it at a time, and jobs are keyed per order.
 */
export async function reconcileDueShops(
  db: PrismaClient,
  sourceFor: (shop: Shop) => Promise<OrderSource>,
  now: Date = new Date(),
  schedule: ReconcileSchedule = {},
): Promise<number> {
  const due = await db.shop.findMany({
    where: {
      uninstalledAt: null,
      ...(schedule.platforms ? { platform: { in: schedule.platforms } } : {}),
      OR: [
        { lastReconciledAt: null },
        { lastReconciledAt: { lt: new Date(now.getTime() - (schedule.everyMs ?? DAY_MS)) } },
      ],
    },
  });
  let reconciled = 0;
  for (const shop of due) {
    const claimed = await db.shop.updateMany({
      where: { id: shop.id, lastReconciledAt: shop.lastReconciledAt },
      data: { lastReconciledAt: now },
    });
    if (claimed.count !== 1) continue;
    const since = new Date(
      (shop.lastReconciledAt?.getTime() ?? now.getTime() - FIRST_LOOKBACK_MS) - OVERLAP_MS,
    );
    try {
      const result = await reconcileShop(db, shop, await sourceFor(shop), { since, now });
      log.info("reconciled shop", { shop: shop.domain, ...result });
      reconciled++;
    } catch (error) {
      // Try again on the next round rather than tomorrow.
      await db.shop.updateMany({
        where: { id: shop.id, lastReconciledAt: now },
        data: { lastReconciledAt: shop.lastReconciledAt },
      });
      log.warn("reconciliation failed", {
        shop: shop.domain,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return reconciled;
}

/** Checks for due shops every `intervalMs`; returns a stop function. */
export function startReconciliation(
  db: PrismaClient,
  sourceFor: (shop: Shop) => Promise<OrderSource>,
  intervalMs = 60 * 60 * 1000,
  schedule: ReconcileSchedule = {},
): () => void {
  const timer = setInterval(() => {
    void reconcileDueShops(db, sourceFor, new Date(), schedule).catch((error: unknown) =>
      log.warn("reconciliation round failed", {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
