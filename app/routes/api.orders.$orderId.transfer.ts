import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../auth/admin-context.server";
import { prisma } from "../db/prisma.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { orderIdParam } from "../engine/order-transfer-status.server";
import { numericOrderId } from "../transfers/order-ids";
import { transferOrder } from "../transfers/order-detail.server";

const MESSAGES = {
  queued: "The transfer is queued.",
  requeued: "The transfer is queued again.",
  inProgress: "The transfer is already under way.",
  alreadyTransferred: "The order is already transferred.",
  handledManually: "The order was handled manually; it is not transferred.",
  unknownOrder: "Ledger Bridge could not read this order from the shop; try again in a minute.",
} as const;

/** The order-page block's Transfer / Retry button (POST). */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, cors } = await requireAdmin(request);
  const orderId = orderIdParam.safeParse(params.orderId);
  if (!orderId.success) return cors(Response.json({ message: "Unknown order id" }, { status: 400 }));
  // The same use case as the app's order page: an order no webhook brought is read from the shop.
  const result = await transferOrder(prisma(), shop, numericOrderId(orderId.data) ?? "");
  if (result.outcome === "queued" || result.outcome === "requeued") wakeWorkers();
  const status =
    result.outcome === "unknownOrder"
      ? 404
      : result.outcome === "alreadyTransferred" || result.outcome === "handledManually"
        ? 409
        : 202;
  return cors(Response.json({ outcome: result.outcome, message: MESSAGES[result.outcome] }, { status }));
};

// authenticate.admin answers the extension's CORS preflight; GET is not part of this endpoint.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { cors } = await requireAdmin(request);
  return cors(new Response(null, { status: 405, headers: { Allow: "POST" } }));
};
