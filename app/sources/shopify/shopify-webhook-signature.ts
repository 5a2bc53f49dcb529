import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Shopify's webhook signature: base64 HMAC-SHA256 of the raw body bytes with the app secret.
 * Used in local mode, where the demo's Shopify simulator signs with LOCAL_WEBHOOK_SECRET; in
 * Shopify mode `authenticate.webhook` does the same check with the app's client secret.
 */
export function signShopifyWebhook(rawBody: Buffer | string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

export function isValidShopifySignature(rawBody: Buffer, signature: string | null, secret: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signShopifyWebhook(rawBody, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
