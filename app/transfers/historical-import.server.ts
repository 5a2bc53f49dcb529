import type { Backfill, PrismaClient, Shop } from "@prisma/client";
import { runBackfill, startBackfill } from "../engine/backfill.server";
import type { OrderSource } from "../sources/source-contract";
import { log } from "../lib/log.server";
import { calendarDay, endOfDay, startOfDay } from "./time-zone";

export interface ImportProgress {
  id: string;
  status: "running" | "done" | "failed";
  /** The calendar days the merchant chose (YYYY-MM-DD, app time zone). */
  from: string;
  to: string;
  total: number;
  done: number;
  error: string | null;
  startedAt: string;
  updatedAt: string;
}

export type StartImportResult =
  | { outcome: "started"; progress: ImportProgress; finished: Promise<ImportProgress | null> }
  | { outcome: "alreadyRunning"; progress: ImportProgress }
  | { outcome: "invalidRange" }
  | { outcome: "sourceUnavailable"; message: string };

/** An import that has saved no progress for this long died with its process; a new one may start. */
const STALE_RUNNING_MS = 10 * 60_000;

/** The shop's most recent historical import, for the progress bar. */
export async function latestImport(db: PrismaClient, shopId: string): Promise<ImportProgress | null> {
  const backfill = await db.backfill.findFirst({ where: { shopId }, orderBy: { createdAt: "desc" } });
  return backfill ? toProgress(backfill) : null;
}

/**
 * Starts importing the paid orders created between two calendar days: the import is recorded at
 * once and runs in the background (its progress saved per batch), so the page can answer and
 * then poll. One import at a time per shop.
 */
export async function startHistoricalImport(
  db: PrismaClient,
  shop: Shop,
  range: { from: string; to: string },
  sourceFor: (shop: Shop) => Promise<OrderSource>,
  now: Date = new Date(),
): Promise<StartImportResult> {
  const from = startOfDay(range.from);
  const to = endOfDay(range.to);
  if (from > to) return { outcome: "invalidRange" };
  const latest = await db.backfill.findFirst({ where: { shopId: shop.id }, orderBy: { createdAt: "desc" } });
  if (latest?.status === "running" && now.getTime() - latest.updatedAt.getTime() < STALE_RUNNING_MS) {
    return { outcome: "alreadyRunning", progress: toProgress(latest) };
  }
  let source: OrderSource;
  try {
    source = await sourceFor(shop);
  } catch (error) {
    return { outcome: "sourceUnavailable", message: error instanceof Error ? error.message : String(error) };
  }
  const backfill = await startBackfill(db, shop.id, { from, to });
  const finished = runBackfill(db, backfill.id, source)
    .then(toProgress)
    .catch((error: unknown) => {
      // runBackfill records its own failures; this is the database going away under it.
      log.warn("historical import stopped", {
        shop: shop.domain,
        backfill: backfill.id,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    });
  return { outcome: "started", progress: toProgress(backfill), finished };
}

function toProgress(backfill: Backfill): ImportProgress {
  return {
    id: backfill.id,
    status: backfill.status === "done" || backfill.status === "failed" ? backfill.status : "running",
    from: calendarDay(backfill.from),
    to: calendarDay(backfill.to),
    total: backfill.total,
    done: backfill.done,
    error: backfill.error,
    startedAt: backfill.createdAt.toISOString(),
    updatedAt: backfill.updatedAt.toISOString(),
  };
}
