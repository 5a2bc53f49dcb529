import { randomUUID } from "node:crypto";
import { signShopifyWebhook } from "../../app/webhooks/verify-local-webhook.server";

export const LOCAL_SECRET = "local-demo-webhook-secret";

/** Builds a webhook request as Shopify sends it: raw JSON body, HMAC and the X-Shopify-* headers. */
export function shopifyWebhookInit(options: {
  topic: string;
  shop: string;
  body: unknown;
  secret?: string;
  webhookId?: string;
  hmac?: string | null;
}): RequestInit {
  const raw = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-shopify-topic": options.topic,
    "x-shopify-shop-domain": options.shop,
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-api-version": "2026-10",
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  const hmac =
    options.hmac === undefined ? signShopifyWebhook(raw, options.secret ?? LOCAL_SECRET) : options.hmac;
  if (hmac !== null) headers["x-shopify-hmac-sha256"] = hmac;
  return { method: "POST", headers, body: raw };
}
