import type { Shop } from "@prisma/client";
import type { PayoutSource } from "../../domain/payouts/payout-source";
import { adminClientForShop } from "./shop-order-source.server";
import { shopifyPayoutSource } from "./shopify-payout-source";

/** The shop's Shopify Payments payouts, read with the same client as its orders. */
export async function payoutSourceForShop(shop: Shop): Promise<PayoutSource> {
  return shopifyPayoutSource(await adminClientForShop(shop));
}
