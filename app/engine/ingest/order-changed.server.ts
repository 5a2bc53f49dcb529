import { auditText } from "../../i18n/audit-text";
import type { Job, PrismaClient, Shop } from "@prisma/client";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { originalJson, storableJson } from "../../lib/storable-text";
import type { ShopSettings } from "../../settings/settings-schema";
import type { SourceOrderBody } from "../../sources/source-contract";
import { appendAudit } from "../audit-log.server";
import type { TransferProgress } from "../transfer/transfer-progress";
import { changesSinceTransfer } from "./changes-since-transfer";
import type { IngestOutcome } from "./ingest-outcome";

/**
 * An order edited in the shop. Not transferred yet: the job (if any) takes the newer order — a
 * parked or failed one too, as a retry rebuilds the draft while nothing is booked. Transferred:
 * the booked invoice is never rewritten; what differs is recorded for the merchant to decide.
 */
export async function orderChanged(
  db: PrismaClient,
  shop: Shop,
  order: SourceOrderBody,
  settings: ShopSettings,
  known?: Job | null,
): Promise<IngestOutcome> {
  const job = known === undefined ? await invoiceJobOf(db, shop.id, order.orderId) : known;
  if (!job || job.status !== "succeeded") {
    if (job && REFRESHABLE.includes(job.status) && job.sourceOrder !== order.body) {
      const { count } = await db.job.updateMany({
        where: { id: job.id, status: { in: REFRESHABLE } },
        data: { sourceOrder: order.body },
      });
      if (count === 1) return { action: "refreshed", jobId: job.id };
    }
    return { action: "ignored", reason: "the order is not transferred yet" };
  }
  const transferred = originalJson(job.progress as TransferProgress | null)?.draft as
    InvoiceDraft | undefined;
  if (!transferred) return { action: "ignored", reason: "no transferred draft to compare" };
  const differences = changesSinceTransfer(transferred, shop.platform, order.body, settings, shop.domain);
  if (differences.length === 0) return { action: "ignored", reason: "nothing booked has changed" };
  await flagChanges(db, job, differences);
  return { action: "flaggedChange", jobId: job.id };
}

/** Statuses whose job has not booked anything and will read its stored order when it runs. */
const REFRESHABLE = ["queued", "waiting", "failed", "needsAttention"];

/**
 * Records what changed after transfer, audited once: the same differences arriving again (a
 * redelivery, the poll re-reading the order) are already on the job and write nothing.
 */
export async function flagChanges(db: PrismaClient, job: Job, differences: string[]): Promise<void> {
  const previous =
    originalJson(job.changedAfterTransfer as { differences?: string[] } | null)?.differences ?? [];
  if (differences.every((difference) => previous.includes(difference))) return;
  await db.job.update({
    where: { id: job.id },
    // Differences quote the buyer's SKUs and line names.
    data: { changedAfterTransfer: storableJson({ at: new Date().toISOString(), differences }) },
  });
  await appendAudit(db, {
    shopId: job.shopId,
    orderId: job.orderId,
    jobId: job.id,
    step: "changed",
    level: "warn",
    ...auditText("audit.changed", { differences: differences.join("; ") }),
  });
}

export function invoiceJobOf(db: PrismaClient, shopId: string, orderId: string): Promise<Job | null> {
  return db.job.findUnique({ where: { shopId_businessKey: { shopId, businessKey: `invoice:${orderId}` } } });
}
