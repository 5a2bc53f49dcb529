import { auditText } from "../i18n/audit-text";
import type { PrismaClient, Shop } from "@prisma/client";
import { log } from "../lib/log.server";
import { findOrder, type ReadOrderFromPlatform } from "../sources/source-registry.server";
import { orderIdOfBody } from "../sources/source-contract";
import { appendAudit } from "./audit-log.server";
import { enqueueJob } from "./job-queue.server";
import { IllegalJobTransitionError } from "./job-state";
import { transitionJob } from "./job-state.server";

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
 * `sourceOrder` is the order as the source sent it; without it the order is found by its id
 * (findOrder: the shop's platform, else the order's own recorded webhook). A body whose own id
 * is not `orderId` is not this order and is never queued under its name.
 */
export async function requestManualTransfer(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  sourceOrder?: string,
  readFromPlatform?: ReadOrderFromPlatform,
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
  }
  // From here on the given body may be queued: it must be this order, whatever the job's state.
  if (sourceOrder !== undefined && orderIdOfBody(shop.platform, sourceOrder) !== orderId) {
    log.warn("manual transfer refused: the order given is another order", {
      shop: shop.domain,
      orderId,
      given: orderIdOfBody(shop.platform, sourceOrder),
    });
    return { outcome: "unknownOrder" };
  }
  if (existing) {
    try {
      // Conditional on the status just read: a "mark as handled" or a worker in between wins.
      await transitionJob(db, {
        job: existing,
        event: "requestTransfer",
        only: [existing.status],
        set: {
          trigger: "manual",
          runAfter: new Date(),
          finishedAt: null,
          // A parked job starts its attempts over, as the merchant's Retry does.
          ...(existing.status === "needsAttention" ? { attempts: 0 } : {}),
          ...(sourceOrder ? { sourceOrder } : {}),
        },
        audit: { step: "queue", level: "info", ...auditText("audit.queued.byHand") },
      });
    } catch (error) {
      if (error instanceof IllegalJobTransitionError) return { outcome: "inProgress", jobId: existing.id };
      throw error;
    }
    return { outcome: "requeued", jobId: existing.id };
  }
  const body = sourceOrder ?? (await findOrder(db, shop, orderId, readFromPlatform))?.body;
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
    ...auditText("audit.queued.byHand"),
  });
  return { outcome: "queued", jobId: job.id };
}
