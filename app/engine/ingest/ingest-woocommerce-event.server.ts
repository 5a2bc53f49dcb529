import type { Job, PrismaClient, Shop } from "@prisma/client";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { loadShopSettings } from "../../settings/settings-store";
import type { ShopSettings } from "../../settings/settings-schema";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { isWithdrawnStatus, shouldTransferWooOrder } from "../../sources/woocommerce/transfer-trigger";
import { appendAudit } from "../audit-log.server";
import { enqueueJob, restoreSkippedJob, skipCancelledJob } from "../job-queue.server";
import type { JobTrigger } from "../job-types";
import type { TransferProgress } from "../transfer/transfer-progress";
import { changesSinceTransfer } from "./changes-since-transfer";
import { originalJson, storableJson, storableText } from "../../lib/storable-text";

/**
 * Turns the current state of one WooCommerce order — re-read through the REST API whenever a
 * webhook, the reconciliation poll or the plugin mentions it — into transfer work. Deliveries
 * are only signals, so this never trusts their order or content: it keys jobs on (store, order)
 * and (store, refund), and the same state ingested twice is a no-op. Only database writes.
 */

export interface WooOrderSnapshot {
  orderId: string;
  /** The order as the REST API returned it; null when the store no longer has it. */
  order: { json: string; status: string; number: string; datePaid: string | null } | null;
  /** Raw JSON of each of the order's refunds. */
  refunds: Array<{ id: string; json: string }>;
}

export type WooIngestOutcome = {
  invoice:
    | "enqueued"
    | "requeued"
    | "refreshed"
    | "unchanged"
    | "notDue"
    | "skipped"
    | "flaggedChange"
    | "transferred";
  invoiceJobId?: string;
  creditNotesEnqueued: number;
};

export async function ingestWooOrder(
  db: PrismaClient,
  shop: Shop,
  snapshot: WooOrderSnapshot,
  trigger: Extract<JobTrigger, "status" | "reconcile">,
): Promise<WooIngestOutcome> {
  const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
  const { orderId, order } = snapshot;
  const invoiceJob = await db.job.findUnique({
    where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderId}` } },
  });

  if (!order || isWithdrawnStatus(order.status)) {
    const why = !order || order.status === "trash" ? "deleted" : order.status;
    return { invoice: await withdraw(db, shop, orderId, invoiceJob, why), creditNotesEnqueued: 0 };
  }

  const orderName = storableText(`#${order.number}`);
  const due = shouldTransferWooOrder({ status: order.status, datePaid: order.datePaid }, settings);
  let invoice: WooIngestOutcome["invoice"];
  let job: Job | null = invoiceJob;
  if (!invoiceJob) {
    if (!due) return { invoice: "notDue", creditNotesEnqueued: 0 };
    const result = await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId,
      orderName,
      trigger,
      sourceOrder: order.json,
    });
    job = result.job;
    invoice = result.created ? "enqueued" : "unchanged";
    if (result.created) {
      await appendAudit(db, {
        shopId: shop.id,
        orderId,
        jobId: result.job.id,
        step: "queue",
        level: "info",
        message:
          trigger === "reconcile"
            ? `Queued by reconciliation (status ${order.status}): no webhook had brought this order`
            : `Queued the invoice (order status ${order.status})`,
      });
    }
  } else if (invoiceJob.status === "succeeded") {
    invoice = await flagChangeAfterTransfer(db, shop, invoiceJob, order.json, settings);
  } else if (invoiceJob.status === "skipped") {
    if (!due) return { invoice: "skipped", invoiceJobId: invoiceJob.id, creditNotesEnqueued: 0 };
    // Cancelled or trashed before transfer, now restored and paid: it is due again.
    await restoreSkippedJob(
      db,
      invoiceJob,
      { trigger, sourceOrder: order.json },
      `Queued again: the order is ${order.status} in WooCommerce`,
    );
    invoice = "requeued";
  } else {
    // Not transferred yet (queued, waiting, failed, running): the worker reads the newest order.
    if (invoiceJob.status !== "running" && invoiceJob.sourceOrder !== order.json) {
      await db.job.updateMany({
        where: { id: invoiceJob.id, status: { in: ["queued", "waiting", "failed", "needsAttention"] } },
        data: { sourceOrder: order.json },
      });
      invoice = "refreshed";
    } else {
      invoice = "unchanged";
    }
  }

  const creditNotesEnqueued = job ? await enqueueRefunds(db, shop, job, order.json, snapshot.refunds) : 0;
  return { invoice, ...(job ? { invoiceJobId: job.id } : {}), creditNotesEnqueued };
}

/** After a transfer by hand: the order's refunds follow its invoice job (when it has one). */
export async function enqueueWooRefunds(
  db: PrismaClient,
  shop: Shop,
  snapshot: WooOrderSnapshot,
): Promise<number> {
  if (!snapshot.order || snapshot.refunds.length === 0) return 0;
  const invoiceJob = await db.job.findUnique({
    where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${snapshot.orderId}` } },
  });
  if (!invoiceJob || invoiceJob.status === "skipped") return 0;
  return enqueueRefunds(db, shop, invoiceJob, snapshot.order.json, snapshot.refunds);
}

/** A credit-note job per refund we have not seen; they wait until the invoice is transferred. */
async function enqueueRefunds(
  db: PrismaClient,
  shop: Shop,
  invoiceJob: Job,
  orderJson: string,
  refunds: WooOrderSnapshot["refunds"],
): Promise<number> {
  let created = 0;
  for (const refund of refunds) {
    const result = await enqueueJob(db, {
      shopId: shop.id,
      kind: "creditNote",
      orderId: invoiceJob.orderId,
      orderName: invoiceJob.orderName ?? invoiceJob.orderId,
      refundId: refund.id,
      trigger: "status",
      sourceOrder: orderJson,
      sourceRefund: refund.json,
      status: invoiceJob.status === "succeeded" ? "queued" : "waiting",
    });
    if (!result.created) continue;
    created++;
    await appendAudit(db, {
      shopId: shop.id,
      orderId: invoiceJob.orderId,
      jobId: result.job.id,
      step: "queue",
      level: "info",
      message:
        invoiceJob.status === "succeeded"
          ? `Queued the credit note for refund ${refund.id}`
          : `Refund ${refund.id} received: the credit note waits for the order's invoice`,
    });
  }
  return created;
}

/** Cancelled, failed or deleted: a queued invoice is skipped; a booked one is flagged, never undone. */
async function withdraw(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  invoiceJob: Job | null,
  why: string,
): Promise<WooIngestOutcome["invoice"]> {
  if (!invoiceJob) return "notDue";
  if (invoiceJob.status === "queued" || invoiceJob.status === "failed") {
    const reason = `The order was ${why} in WooCommerce before it was transferred`;
    await skipCancelledJob(db, invoiceJob, reason, ["queued", "failed"]);
    return "skipped";
  }
  if (invoiceJob.status === "succeeded") {
    const difference = `the order was ${why} in WooCommerce after its invoice was booked`;
    const current = invoiceJob.changedAfterTransfer as { differences?: string[] } | null;
    if (current?.differences?.includes(difference)) return "flaggedChange";
    await markChanged(db, shop.id, invoiceJob, [difference]);
    return "flaggedChange";
  }
  return "unchanged";
}

async function flagChangeAfterTransfer(
  db: PrismaClient,
  shop: Shop,
  job: Job,
  orderJson: string,
  settings: ShopSettings,
): Promise<WooIngestOutcome["invoice"]> {
  const transferred = originalJson(job.progress as TransferProgress | null)?.draft as
    InvoiceDraft | undefined;
  if (!transferred) return "transferred";
  const differences = changesSinceTransfer(transferred, "woocommerce", orderJson, settings, shop.domain);
  if (differences.length === 0) return "transferred";
  const previous =
    originalJson(job.changedAfterTransfer as { differences?: string[] } | null)?.differences ?? [];
  if (differences.every((d) => previous.includes(d))) return "flaggedChange";
  await markChanged(db, shop.id, job, differences);
  return "flaggedChange";
}

async function markChanged(db: PrismaClient, shopId: string, job: Job, differences: string[]): Promise<void> {
  await db.job.update({
    where: { id: job.id },
    // Differences quote the buyer's SKUs and line names.
    data: { changedAfterTransfer: storableJson({ at: new Date().toISOString(), differences }) },
  });
  await appendAudit(db, {
    shopId,
    orderId: job.orderId,
    jobId: job.id,
    step: "changed",
    level: "warn",
    message: `Changed after transfer: ${differences.join("; ")}`,
  });
}
