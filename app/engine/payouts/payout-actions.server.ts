import type { PrismaClient, Shop } from "@prisma/client";
import type { Payout } from "../../domain/payouts/payout";
import type { PayoutEntry } from "../../domain/payouts/payout-entry";
import { buildPayoutEntry } from "../../domain/payouts/payout-entry";
import { payoutAccountsFrom } from "../../settings/payout-settings-schema";
import { loadShopSettings } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import type { ReadOrderFromPlatform } from "../../sources/source-registry.server";
import { requeueParkedJob } from "../job-queue.server";
import { requestManualTransfer, type ManualTransferResult } from "../manual-transfer.server";
import { payoutErrorOf } from "./payout-errors";
import { payoutBusinessKey, readStoredPayout } from "./payout-jobs";
import type { PayoutProgress } from "./payout-handler";
import type { PayoutSource } from "../../domain/payouts/payout-source";

/**
 * Transfers an order a payout settles that the app never transferred, with the same use case as
 * the Transfer button on the order: only an order the payout itself names (by id) is accepted.
 */
export async function transferPayoutOrder(
  db: PrismaClient,
  shop: Shop,
  payoutId: string,
  orderId: string,
  readFromPlatform?: ReadOrderFromPlatform,
): Promise<ManualTransferResult | { outcome: "notInPayout" }> {
  const job = await db.job.findUnique({
    where: { shopId_businessKey: { shopId: shop.id, businessKey: payoutBusinessKey(payoutId) } },
    select: { sourceOrder: true },
  });
  const payout = job ? readStoredPayout(job.sourceOrder) : null;
  if (!payout?.transactions.some((t) => t.category === "sale" && t.order?.id === orderId))
    return { outcome: "notInPayout" };
  return requestManualTransfer(db, shop, orderId, undefined, readFromPlatform);
}

/** The merchant's Retry of a parked payout (e.g. after choosing its accounts); false when not parked. */
export async function retryPayout(db: PrismaClient, shopId: string, payoutId: string): Promise<boolean> {
  const job = await db.job.findUnique({
    where: { shopId_businessKey: { shopId, businessKey: payoutBusinessKey(payoutId) } },
    select: { id: true },
  });
  return job ? requeueParkedJob(db, job.id) : false;
}

export type PayoutPreview =
  | { ok: true; payout: Payout; entry: PayoutEntry; booked: boolean; voucherNumber: string | null }
  | { ok: false; payout?: Payout; messageKey: string; params: Record<string, string | number> }
  | { ok: false; notFound: true };

/**
 * The entry a payout is (or was) booked as, before anything is sent: the stored entry once booked,
 * else built from the payout (as queued, or read from the source when not queued yet) and the
 * shop's current settings.
 */
export async function previewPayout(
  db: PrismaClient,
  shopId: string,
  payoutId: string,
  find?: { source: PayoutSource; since: Date },
): Promise<PayoutPreview> {
  const job = await db.job.findUnique({
    where: { shopId_businessKey: { shopId, businessKey: payoutBusinessKey(payoutId) } },
  });
  const progress = (job?.progress ?? {}) as PayoutProgress;
  if (job?.status === "succeeded" && progress.entry) {
    return {
      ok: true,
      payout: readStoredPayout(job.sourceOrder),
      entry: progress.entry,
      booked: true,
      voucherNumber: job.documentNumber ?? job.documentId,
    };
  }
  const payout = job ? readStoredPayout(job.sourceOrder) : await readFromSource(payoutId, find);
  if (!payout) return { ok: false, notFound: true };
  const accounts = payoutAccountsFrom(await loadShopSettings(prismaSettingsStorage(db), shopId));
  if (!accounts.ok)
    return {
      ok: false,
      payout,
      messageKey: "payoutError.notConfigured",
      params: { fields: accounts.missing.join(", ") },
    };
  const built = buildPayoutEntry(payout, accounts.accounts);
  if (!built.ok) {
    const error = payoutErrorOf(payout, built.problem);
    return { ok: false, payout, messageKey: error.messageKey, params: error.params };
  }
  return { ok: true, payout, entry: built.entry, booked: false, voucherNumber: null };
}

async function readFromSource(
  payoutId: string,
  find: { source: PayoutSource; since: Date } | undefined,
): Promise<Payout | null> {
  if (!find) return null;
  for await (const header of find.source.payoutsIssued({ since: find.since })) {
    if (header.id === payoutId) return find.source.readPayout(header);
  }
  return null;
}
