import type { PrismaClient, Shop } from "@prisma/client";
import { log } from "../../lib/log.server";
import { loadShopSettings } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import type { PayoutSource } from "../../domain/payouts/payout-source";
import { syncPayouts } from "./payout-sync.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How far back each round looks. Payouts are keyed by id, so looking again costs one list request
 * and books nothing twice; two weeks also picks up a payout that was still in transit last time.
 */
export const PAYOUT_LOOKBACK_MS = 14 * DAY_MS;

export interface PayoutPollOptions {
  /**
   * Whether the shop granted the payout scope (Shopify mode: its offline session's scopes). A shop
   * without it is skipped with that reason — its Payouts page asks for the grant — rather than
   * failing against Shopify every round. Absent: every shop may read (local mode's simulator).
   */
  hasScope?: (shop: Shop) => Promise<boolean>;
}

export interface PayoutPollResult {
  shops: number;
  enqueued: number;
  /** Shops with payouts on that were not read this round, and why. */
  skipped?: Array<{ shop: string; reason: "missingScope" }>;
}

/**
 * One poll round: every installed Shopify shop with payouts turned on has its recent payouts
 * queued. A shop whose source fails is logged and tried again on the next round.
 */
export async function pollPayouts(
  db: PrismaClient,
  sourceFor: (shop: Shop) => Promise<PayoutSource>,
  now: Date = new Date(),
  options: PayoutPollOptions = {},
): Promise<PayoutPollResult> {
  const shops = await db.shop.findMany({ where: { uninstalledAt: null, platform: "shopify" } });
  let polled = 0;
  let enqueued = 0;
  const skipped: NonNullable<PayoutPollResult["skipped"]> = [];
  for (const shop of shops) {
    const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id).catch(() => null);
    if (!settings?.payouts.enabled) continue;
    if (options.hasScope && !(await options.hasScope(shop))) {
      skipped.push({ shop: shop.domain, reason: "missingScope" });
      continue;
    }
    try {
      const result = await syncPayouts(db, shop, await sourceFor(shop), {
        since: new Date(now.getTime() - PAYOUT_LOOKBACK_MS),
        trigger: "reconcile",
      });
      polled++;
      enqueued += result.enqueued;
    } catch (error) {
      log.warn("payout poll failed", {
        shop: shop.domain,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (skipped.length === 0) return { shops: polled, enqueued };
  // One line a round, not one error per shop: the merchant's Payouts page says what to do.
  log.info("payout poll skipped shops without the payout scope", {
    scope: "read_shopify_payments_payouts",
    shops: skipped.map((s) => s.shop).join(","),
  });
  return { shops: polled, enqueued, skipped };
}

/** Polls every `intervalMs` (default hourly) next to the reconciliation rounds; returns a stop function. */
export function startPayoutPolling(
  db: PrismaClient,
  sourceFor: (shop: Shop) => Promise<PayoutSource>,
  intervalMs = 60 * 60 * 1000,
  options: PayoutPollOptions = {},
): () => void {
  const timer = setInterval(() => {
    void pollPayouts(db, sourceFor, new Date(), options).catch((error: unknown) =>
      log.warn("payout poll round failed", { error: error instanceof Error ? error.message : String(error) }),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
