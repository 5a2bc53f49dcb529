import { auditText } from "../../i18n/audit-text";
import type { Job, Platform, PrismaClient, Shop } from "@prisma/client";
import { storableText } from "../../lib/storable-text";
import { loadShopSettings } from "../../settings/settings-store";
import type { ShopSettings } from "../../settings/settings-schema";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import {
  transferDue,
  type OrderMilestones,
  type SourceEvent,
  type SourceOrderBody,
  type SourceRefundBody,
  type WithdrawnBecause,
} from "../../sources/source-contract";
import { enqueueJobWithAudit } from "../job-queue.server";
import type { JobTrigger } from "../job-types";
import type { IngestOutcome, IngestVia, OrderStateInvoice } from "./ingest-outcome";
import { setInvoiceStatusFromSource } from "./ingest-job-status.server";
import { flagChanges, invoiceJobOf, orderChanged } from "./order-changed.server";

/**
 * The one ingest use case: a source's typed events become transfer work by the same business
 * rules for every source — the trigger (the shop's settings), a withdrawn order (cancelled,
 * failed, deleted), a change after transfer, a refund waiting for its invoice. Only database
 * writes: the ledger is called by workers, never from a delivery.
 */

export { createdWork, type IngestOutcome, type IngestVia, type OrderStateInvoice } from "./ingest-outcome";

export interface IngestOptions {
  via: IngestVia;
  /** The shop's settings when the caller has them already (one query less per delivery). */
  settings?: ShopSettings;
}

export async function ingestEvents(
  db: PrismaClient,
  shop: Shop,
  events: SourceEvent[],
  options: IngestOptions,
): Promise<IngestOutcome[]> {
  const settings = options.settings ?? (await loadShopSettings(prismaSettingsStorage(db), shop.id));
  const outcomes: IngestOutcome[] = [];
  for (const event of events) outcomes.push(await ingestEvent(db, shop, event, { ...options, settings }));
  return outcomes;
}

export async function ingestEvent(
  db: PrismaClient,
  shop: Shop,
  event: SourceEvent,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const settings = options.settings ?? (await loadShopSettings(prismaSettingsStorage(db), shop.id));
  switch (event.type) {
    case "paid":
    case "fulfilled": {
      const reached = { paid: event.type === "paid", fulfilled: event.type === "fulfilled" };
      if (!transferDue(reached, settings))
        return { action: "ignored", reason: `transfers happen on ${settings.transfer.trigger}` };
      return enqueueInvoice(db, shop, event.order, event.type, event.type);
    }
    case "refund": {
      const invoice = await invoiceJobOf(db, shop.id, event.refund.orderId);
      // A refund delivery carries no order: the credit note is built from the invoice job's order.
      return enqueueCreditNote(db, shop, event.refund, invoice, invoice?.sourceOrder ?? "", "paid");
    }
    case "cancelled": {
      const withdrawn = await withdrawInvoice(db, shop, event.orderId, event.because);
      if (withdrawn.result === "skipped") return { action: "skippedJob", jobId: withdrawn.jobId };
      if (withdrawn.result === "flaggedChange") return { action: "flaggedChange", jobId: withdrawn.jobId };
      return { action: "ignored", reason: "no queued or failed invoice to skip" };
    }
    case "updated":
      return orderChanged(db, shop, event.order, settings);
    case "orderState":
      return ingestOrderState(db, shop, event, settings, options.via);
    default:
      return { action: "ignored", reason: `no transfer work in a ${event.type} event` };
  }
}

/**
 * An order's whole current state (a source whose deliveries are signals, or a poll): the same
 * rules as the milestone events, applied to whatever the order's job is now; ingesting the same
 * state twice is a no-op.
 */
async function ingestOrderState(
  db: PrismaClient,
  shop: Shop,
  event: Extract<SourceEvent, { type: "orderState" }>,
  settings: ShopSettings,
  via: IngestVia,
): Promise<IngestOutcome> {
  const { order } = event;
  const due = transferDue(event.reached, settings);
  const existing = await invoiceJobOf(db, shop.id, order.orderId);
  const trigger: JobTrigger = via === "reconcile" ? "reconcile" : "status";
  let invoice: OrderStateInvoice;
  if (!existing) {
    if (!due) return { action: "orderState", invoice: "notDue", creditNotesEnqueued: 0 };
    const because =
      via === "reconcile" ? { reconcileStatus: statusOf(event.reached) } : statusOf(event.reached);
    const queued = await enqueueInvoice(db, shop, order, trigger, because);
    invoice = queued.created ? "enqueued" : "unchanged";
  } else if (existing.status === "succeeded") {
    const changed = await orderChanged(db, shop, order, settings, existing);
    invoice = changed.action === "flaggedChange" ? "flaggedChange" : "transferred";
  } else if (existing.status === "skipped") {
    if (!due)
      return { action: "orderState", invoice: "skipped", invoiceJobId: existing.id, creditNotesEnqueued: 0 };
    // Withdrawn before transfer, now restored and due: it goes out after all.
    await setInvoiceStatusFromSource(db, existing, {
      to: "queued",
      trigger,
      sourceOrder: order.body,
      audit: `Queued again: the order is ${statusOf(event.reached)} in ${platformName(shop.platform)}`,
    });
    invoice = "requeued";
  } else {
    const refreshed = await orderChanged(db, shop, order, settings, existing);
    invoice = refreshed.action === "refreshed" ? "refreshed" : "unchanged";
  }
  const job = existing ?? (await invoiceJobOf(db, shop.id, order.orderId));
  let creditNotesEnqueued = 0;
  for (const refund of job ? event.refunds : []) {
    const queued = await enqueueCreditNote(db, shop, refund, job, order.body, "status");
    if (queued.created) creditNotesEnqueued++;
  }
  return { action: "orderState", invoice, ...(job ? { invoiceJobId: job.id } : {}), creditNotesEnqueued };
}

/**
 * After a transfer by hand: the order's refunds follow its invoice job as credit notes (none
 * when it has no job, or one that was withdrawn).
 */
export async function ingestRefundsOfOrder(
  db: PrismaClient,
  shop: Shop,
  order: SourceOrderBody,
  refunds: SourceRefundBody[],
): Promise<number> {
  if (refunds.length === 0) return 0;
  const invoice = await invoiceJobOf(db, shop.id, order.orderId);
  if (!invoice || invoice.status === "skipped") return 0;
  let created = 0;
  for (const refund of refunds) {
    if ((await enqueueCreditNote(db, shop, refund, invoice, order.body, "status")).created) created++;
  }
  return created;
}

/** The trigger rule's effect: the order's invoice job, once (keyed on the order). */
async function enqueueInvoice(
  db: PrismaClient,
  shop: Shop,
  order: SourceOrderBody,
  trigger: JobTrigger,
  because: string | { reconcileStatus: string },
): Promise<{ action: "enqueued"; jobId: string; created: boolean }> {
  const { jobId, created } = await enqueueJobWithAudit(
    db,
    {
      shopId: shop.id,
      kind: "invoice",
      orderId: order.orderId,
      orderName: storableText(order.orderName),
      trigger,
      sourceOrder: order.body,
    },
    {
      step: "queue",
      ...(typeof because !== "string"
        ? auditText("audit.queued.reconcileStatus", { status: because.reconcileStatus })
        : because === "paid" || because === "fulfilled"
          ? auditText(`audit.queued.${because}`)
          : auditText("audit.queued.status", { status: because })),
    },
  );
  return { action: "enqueued", jobId, created };
}

/**
 * A refund waits for its invoice: its credit note is queued only once the invoice is booked (the
 * rule for deliveries, the reconciliation and the historical import alike).
 */
export async function enqueueCreditNote(
  db: PrismaClient,
  shop: Pick<Shop, "id">,
  refund: SourceRefundBody,
  invoice: Pick<Job, "status" | "orderName"> | null | undefined,
  orderBody: string,
  trigger: JobTrigger,
  orderName?: string,
): Promise<{ action: "enqueued"; jobId: string; created: boolean }> {
  const booked = invoice?.status === "succeeded";
  const { jobId, created } = await enqueueJobWithAudit(
    db,
    {
      shopId: shop.id,
      kind: "creditNote",
      orderId: refund.orderId,
      orderName: invoice?.orderName ?? orderName ?? refund.orderId,
      refundId: refund.refundId,
      trigger,
      sourceOrder: orderBody,
      sourceRefund: refund.body,
      status: booked ? "queued" : "waiting",
    },
    {
      step: "queue",
      ...auditText(booked ? "audit.queued.creditNote" : "audit.queued.creditNoteWaits", {
        refund: refund.refundId,
      }),
    },
  );
  return { action: "enqueued", jobId, created };
}

/**
 * The cancel rule, the same for every source: an order withdrawn in the shop skips its invoice
 * while nothing is booked (queued or failed); a running job finishes and a booked invoice is
 * never undone — the merchant is shown the change instead.
 */
async function withdrawInvoice(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  because: WithdrawnBecause,
): Promise<{ result: "skipped" | "flaggedChange"; jobId: string } | { result: "none" }> {
  const job = await invoiceJobOf(db, shop.id, orderId);
  if (!job) return { result: "none" };
  const where = `${because} in ${platformName(shop.platform)}`;
  if (job.status === "queued" || job.status === "failed") {
    const reason = `The order was ${where} before it was transferred`;
    const reasonKey = {
      key: "jobError.withdrawn",
      params: { how: `jobError.how.${because}`, platform: platformName(shop.platform) },
    };
    const skipped = await setInvoiceStatusFromSource(db, job, { to: "skipped", reason, reasonKey });
    return skipped ? { result: "skipped", jobId: job.id } : { result: "none" };
  }
  if (job.status === "succeeded") {
    await flagChanges(db, job, [`the order was ${where} after its invoice was booked`]);
    return { result: "flaggedChange", jobId: job.id };
  }
  return { result: "none" };
}

function statusOf(reached: OrderMilestones): string {
  return reached.status ?? (reached.fulfilled ? "fulfilled" : reached.paid ? "paid" : "open");
}

function platformName(platform: Platform): string {
  return platform === "shopify" ? "Shopify" : "WooCommerce";
}
