import type { PrismaClient, Shop } from "@prisma/client";
import { orderGateways } from "../domain/payment-handling";
import type { ShopSettings } from "../settings/settings-schema";
import { sourceFor } from "../sources/source-registry";

/** How many recent orders the settings page looks at for their payment gateways. */
const RECENT_ORDERS = 200;

/**
 * The payment gateways of the shop's recent orders (#18), so the settings page offers a row for
 * each one the merchant has not decided on yet. An order that no longer maps is passed over:
 * this is a hint for the page, never a reason to fail it.
 */
export async function gatewaysSeenOnOrders(
  db: PrismaClient,
  shop: Shop,
  settings: ShopSettings,
): Promise<string[]> {
  const jobs = await db.job.findMany({
    where: { shopId: shop.id, kind: "invoice" },
    orderBy: { seq: "desc" },
    take: RECENT_ORDERS,
    select: { sourceOrder: true },
  });
  const source = sourceFor(shop.platform);
  const seen = new Set<string>();
  for (const job of jobs) {
    try {
      for (const gateway of orderGateways(source.mapOrder(job.sourceOrder, settings))) {
        if (gateway.trim() !== "") seen.add(gateway);
      }
    } catch {
      continue;
    }
  }
  return [...seen].sort();
}
