import type { PrismaClient, Shop } from "@prisma/client";
import { z } from "zod";
import type { ManualTransferResult } from "../engine/manual-transfer.server";
import type { MerchantActor } from "./merchant-actor";
import { orderIdFor } from "./order-ids";
import { transferOrder } from "./order-detail.server";
import type { ParkedJobResult } from "./parked-jobs.server";
import { markHandledManually, retryParkedJob } from "./parked-jobs.server";

const jobId = z.string().min(1).max(64);

/** What the order page's buttons post; a post without an intent is the Transfer button. */
export const orderActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("transfer") }),
  z.object({ intent: z.literal("retry"), jobId }),
  z.object({ intent: z.literal("markHandled"), jobId }),
]);

export type OrderAction = z.infer<typeof orderActionSchema>;

export function parseOrderAction(form: FormData) {
  return orderActionSchema.safeParse({
    intent: form.get("intent") ?? "transfer",
    jobId: form.get("jobId") ?? undefined,
  });
}

export type OrderActionOutcome = ManualTransferResult["outcome"] | ParkedJobResult["outcome"];

const HTTP_STATUS: Record<OrderActionOutcome, number> = {
  queued: 202,
  requeued: 202,
  inProgress: 202,
  retried: 202,
  handled: 200,
  alreadyTransferred: 409,
  handledManually: 409,
  notParked: 409,
  invoiceHandled: 409,
  unknownOrder: 404,
  notFound: 404,
};

/**
 * The order page's Transfer, Retry and "Mark as handled manually", by `actor`. Retry and mark
 * act on one job of this order of this shop: a job id of another order or shop is not found.
 */
export async function runOrderAction(
  db: PrismaClient,
  shop: Shop,
  numericId: string,
  action: OrderAction,
  actor: MerchantActor,
): Promise<{ outcome: OrderActionOutcome; httpStatus: number; requeued: boolean }> {
  if (action.intent === "transfer") {
    const { outcome } = await transferOrder(db, shop, numericId);
    return {
      outcome,
      httpStatus: HTTP_STATUS[outcome],
      requeued: outcome === "queued" || outcome === "requeued",
    };
  }
  const orderId = orderIdFor(shop.platform, numericId);
  const ofThisOrder = await db.job.count({ where: { id: action.jobId, shopId: shop.id, orderId } });
  if (ofThisOrder === 0) return { outcome: "notFound", httpStatus: 404, requeued: false };
  const input = { shopId: shop.id, jobId: action.jobId, actor };
  const { outcome } =
    action.intent === "retry" ? await retryParkedJob(db, input) : await markHandledManually(db, input);
  return { outcome, httpStatus: HTTP_STATUS[outcome], requeued: outcome === "retried" };
}
