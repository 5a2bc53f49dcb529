import type { PrismaClient, Shop } from "@prisma/client";
import { appendAudit } from "./audit-log.server";
import { enqueueJob } from "./job-queue.server";

export type ManualTransferResult =
  | { outcome: "queued"; jobId: string }
  | { outcome: "requeued"; jobId: string }
  | { outcome: "alreadyTransferred"; jobId: string; documentNumber: string | null }
  | { outcome: "inProgress"; jobId: string }
  /** The merchant booked it by hand: Transfer would book it a second time. */
  | { outcome: "handledManually"; jobId: string }
  | { outcome: "unknownOrder" };

/**
 * The merchant's Transfer (or Retry) button: queues the order's invoice even when automatic
 * transfer would not (manual trigger, paused shop, cancelled order), never a second invoice.
 * `sourceOrder` is the order as the source sent it; without it the newest order webhook we
 * recorded for that order is used.
 */
export async function requestManualTransfer(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  sourceOrder?: string,
): Promise<ManualTransferResult> {
  const existing = await db.job.findUnique({
    where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderId}` } },
  });
  if (existing) {
    if (existing.status === "succeeded") {
      return { outcome: "alreadyTransferred", jobId: existing.id, documentNumber: existing.documentNumber };
    }
    if (existing.status === "queued" || existing.status === "running" || existing.status === "waiting") {
      return { outcome: "inProgress", jobId: existing.id };
    }
    if (existing.status === "handled") return { outcome: "handledManually", jobId: existing.id };
    // Conditional on the status just read: a "mark as handled" or a worker in between wins.
    const { count } = await db.job.updateMany({
      where: { id: existing.id, status: existing.status },
      data: {
        status: "queued",
        trigger: "manual",
        runAfter: new Date(),
        finishedAt: null,
        // A parked job starts its attempts over, as the merchant's Retry does.
        ...(existing.status === "needsAttention" ? { attempts: 0 } : {}),
        ...(sourceOrder ? { sourceOrder } : {}),
      },
    });
    if (count === 0) return { outcome: "inProgress", jobId: existing.id };
    await appendAudit(db, {
      shopId: shop.id,
      orderId,
      jobId: existing.id,
      step: "queue",
      level: "info",
      message: "Transfer requested by hand",
    });
    return { outcome: "requeued", jobId: existing.id };
  }
  const body = sourceOrder ?? (await latestOrderBody(db, shop, orderId));
  if (!body) return { outcome: "unknownOrder" };
  const { job } = await enqueueJob(db, {
    shopId: shop.id,
    kind: "invoice",
    orderId,
    trigger: "manual",
    sourceOrder: body,
  });
  await appendAudit(db, {
    shopId: shop.id,
    orderId,
    jobId: job.id,
    step: "queue",
    level: "info",
    message: "Transfer requested by hand",
  });
  return { outcome: "queued", jobId: job.id };
}

async function latestOrderBody(db: PrismaClient, shop: Shop, orderId: string): Promise<string | undefined> {
  const event = await db.webhookEvent.findFirst({
    where: {
      platform: shop.platform,
      shopDomain: shop.domain,
      topic: { startsWith: "orders/" },
      body: { contains: `"${orderId}"` },
    },
    orderBy: { receivedAt: "desc" },
  });
  return event?.body;
}
