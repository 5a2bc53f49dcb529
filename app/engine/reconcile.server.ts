import { auditText } from "../i18n/audit-text";
import type { PrismaClient, Shop } from "@prisma/client";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { log } from "../lib/log.server";
import { orderIdOfBody } from "../sources/source-contract";
import { appendAudit } from "./audit-log.server";
import { enqueueCreditNote } from "./ingest/ingest-events.server";
import { enqueueJob } from "./job-queue.server";
import type { JobTrigger } from "./job-types";
import type { OrderSource, OrderSummary } from "../sources/source-contract";

/**
 * Webhooks can be lost; the reconciliation compares the shop's recent orders with our jobs and
 * enqueues what is missing — paid orders without an invoice job, refunds without a credit-note
 * job. Enqueueing is keyed like webhooks, so running it twice (or racing a late webhook) is safe.
 */
export async function reconcileShop(
  db: PrismaClient,
  shop: Shop,
  source: OrderSource,
  options: { since: Date; now?: Date },
): Promise<{ checked: number; enqueued: number }> {
  const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
  let checked = 0;
  let enqueued = 0;
  if (settings.transfer.trigger !== "manual") {
    for await (const summary of source.ordersUpdatedSince(options.since)) {
      checked++;
      enqueued += await enqueueMissing(
        db,
        shop,
        source,
        summary,
        "reconcile",
        settings.transfer.skipTestOrders,
      );
    }
  }
  await db.shop.update({ where: { id: shop.id }, data: { lastReconciledAt: options.now ?? new Date() } });
  return { checked, enqueued };
}

/** Enqueues the invoice and credit-note jobs an order should have; returns how many were new. */
export async function enqueueMissing(
  db: PrismaClient,
  shop: Shop,
  source: OrderSource,
  summary: OrderSummary,
  trigger: JobTrigger,
  skipTestOrders: boolean,
): Promise<number> {
  if (!summary.paid || summary.cancelled || (summary.test && skipTestOrders)) return 0;
  const known = await db.job.findMany({
    where: { shopId: shop.id, orderId: summary.id },
    select: { businessKey: true, status: true },
  });
  const invoice = known.find((job) => job.businessKey === `invoice:${summary.id}`);
  const document = await source.fetchOrder(summary.id);
  if (!document) return 0;
  // Only the order asked for is queued under its id: an answer that is another order (or names
  // none) is passed over, and the round goes on with the shop's other orders.
  const answered = orderIdOfBody(shop.platform, document.order);
  if (answered !== summary.id) {
    log.warn("the shop answered another order than the one asked for; not queued", {
      shop: shop.domain,
      orderId: summary.id,
      answered,
    });
    return 0;
  }
  let created = 0;
  if (!invoice) {
    const result = await enqueueJob(db, {
      shopId: shop.id,
      kind: "invoice",
      orderId: summary.id,
      orderName: summary.name,
      trigger,
      sourceOrder: document.order,
    });
    if (result.created) {
      created++;
      await appendAudit(db, {
        shopId: shop.id,
        orderId: summary.id,
        jobId: result.job.id,
        step: "queue",
        level: "info",
        ...auditText(trigger === "backfill" ? "audit.queued.backfill" : "audit.queued.reconcile"),
      });
    }
  }
  for (const refund of document.refunds) {
    if (known.some((job) => job.businessKey === `creditNote:${refund.id}`)) continue;
    const queued = await enqueueCreditNote(
      db,
      shop,
      { orderId: summary.id, refundId: refund.id, body: refund.body },
      invoice ? { status: invoice.status, orderName: summary.name } : null,
      document.order,
      trigger,
      summary.name,
    );
    if (queued.created) created++;
  }
  return created;
}
