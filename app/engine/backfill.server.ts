import type { Backfill, PrismaClient } from "@prisma/client";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import type { OrderSource, OrderSummary } from "../sources/source-contract";
import { enqueueMissing } from "./reconcile.server";

/**
 * The historical import: every paid order of a date range becomes a job (trigger "backfill"),
 * in batches, with progress (done/total) saved after each batch for the UI. Resumable: running
 * it again continues after the last order it saved, and enqueueing is keyed, so nothing doubles.
 */
export const BACKFILL_BATCH = 100;

export async function startBackfill(
  db: PrismaClient,
  shopId: string,
  range: { from: Date; to: Date },
): Promise<Backfill> {
  if (range.from > range.to) throw new RangeError("the import's start date is after its end date");
  return db.backfill.create({ data: { shopId, from: range.from, to: range.to } });
}

export async function runBackfill(
  db: PrismaClient,
  backfillId: string,
  source: OrderSource,
): Promise<Backfill> {
  let backfill = await db.backfill.findUniqueOrThrow({ where: { id: backfillId }, include: { shop: true } });
  const settings = await loadShopSettings(prismaSettingsStorage(db), backfill.shopId);
  try {
    // Pass 1 counts, so the progress bar has a total; pass 2 enqueues, skipping to the cursor.
    let total = 0;
    for await (const summary of source.ordersCreatedBetween(backfill.from, backfill.to))
      if (wanted(summary)) total++;
    await db.backfill.update({ where: { id: backfillId }, data: { total, status: "running", error: null } });
    let skipping = backfill.cursor !== null;
    let done = skipping ? backfill.done : 0;
    let batch = 0;
    for await (const summary of source.ordersCreatedBetween(backfill.from, backfill.to)) {
      if (!wanted(summary)) continue;
      if (skipping) {
        if (summary.id === backfill.cursor) skipping = false;
        continue;
      }
      await enqueueMissing(db, backfill.shop, source, summary, "backfill", settings.transfer.skipTestOrders);
      done++;
      if (++batch >= BACKFILL_BATCH) {
        batch = 0;
        await db.backfill.update({ where: { id: backfillId }, data: { done, cursor: summary.id } });
      }
    }
    return await db.backfill.update({ where: { id: backfillId }, data: { done: total, status: "done" } });
  } catch (error) {
    backfill = await db.backfill.findUniqueOrThrow({ where: { id: backfillId }, include: { shop: true } });
    return db.backfill.update({
      where: { id: backfillId },
      data: { status: "failed", error: error instanceof Error ? error.message : String(error) },
    });
  }
}

function wanted(summary: OrderSummary): boolean {
  return summary.paid && !summary.cancelled;
}
