import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../auth/admin-context.server";
import { prisma } from "../db/prisma.server";
import { orderIdParam, orderTransferStatus } from "../engine/order-transfer-status.server";

/** The order-page block's status read (GET; CORS for the admin extension via authenticate.admin). */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, cors } = await requireAdmin(request);
  const orderId = orderIdParam.safeParse(params.orderId);
  if (!orderId.success) return cors(Response.json({ message: "Unknown order id" }, { status: 400 }));
  return cors(Response.json(await orderTransferStatus(prisma(), shop, orderId.data)));
};
