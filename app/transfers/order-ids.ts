/** The order detail page is addressed by Shopify's numeric order id; jobs store the GID. */
const SHOPIFY_ORDER_GID = /^gid:\/\/shopify\/Order\/(\d+)$/;

export function shopifyOrderGid(numericId: string): string {
  return `gid://shopify/Order/${numericId}`;
}

/** The numeric id of a Shopify order GID, or null for ids of other platforms. */
export function numericOrderId(orderId: string): string | null {
  return SHOPIFY_ORDER_GID.exec(orderId)?.[1] ?? null;
}
