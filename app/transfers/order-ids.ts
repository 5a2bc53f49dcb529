import type { Platform } from "@prisma/client";

/**
 * The order page is addressed by the order's numeric id, as in the shop admin's order URL. Jobs
 * store Shopify orders by their GID and WooCommerce orders by their numeric id.
 */
const SHOPIFY_ORDER_GID = /^gid:\/\/shopify\/Order\/(\d+)$/;
const NUMERIC_ID = /^\d+$/;

export function shopifyOrderGid(numericId: string): string {
  return `gid://shopify/Order/${numericId}`;
}

/** The id jobs of a shop on this platform are keyed on, for the numeric id in the page's URL. */
export function orderIdFor(platform: Platform, numericId: string): string {
  return platform === "shopify" ? shopifyOrderGid(numericId) : numericId;
}

/** The numeric id of a Shopify order GID or a WooCommerce order id, or null for other ids. */
export function numericOrderId(orderId: string): string | null {
  return SHOPIFY_ORDER_GID.exec(orderId)?.[1] ?? (NUMERIC_ID.test(orderId) ? orderId : null);
}
