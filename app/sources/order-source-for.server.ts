import type { PrismaClient, Shop } from "@prisma/client";
import { prisma } from "../db/prisma.server";
import type { OrderSource } from "./source-contract";
import type { SecretBox } from "../lib/secret-box.server";
import { orderSourceForShop } from "./shopify/shop-order-source.server";
import { wooOrderSourceForShop } from "./woocommerce/store-order-source.server";

export interface OrderSourceForOptions {
  /** Default: the process-wide client (WooCommerce keys live in the database). */
  db?: PrismaClient;
  /** Default: the process-wide secret box (opens a WooCommerce store's sealed keys). */
  box?: SecretBox;
}

/**
 * The one place that picks a shop's order source by its platform, for reconciliation, the
 * historical import and everything else that reads a shop's orders itself: Shopify over the Admin
 * GraphQL API (in local mode the demo's Shopify simulator), WooCommerce over the store's REST API
 * with its sealed keys (each use also repairs the store's webhooks).
 */
export function orderSourceFor(shop: Shop, options: OrderSourceForOptions = {}): Promise<OrderSource> {
  switch (shop.platform) {
    case "shopify":
      return orderSourceForShop(shop);
    case "woocommerce":
      return wooOrderSourceForShop(options.db ?? prisma(), shop, options.box ? { box: options.box } : {});
  }
}
