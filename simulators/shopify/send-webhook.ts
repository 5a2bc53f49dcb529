import { createHmac, randomUUID } from "node:crypto";

export interface ShopifyWebhookDelivery {
  topic: string;
  shop: string;
  /** The payload; a string is sent byte for byte (e.g. to keep 64-bit ids exact). */
  body: unknown;
  url: string;
  secret: string;
  apiVersion?: string;
  /** Same id on a retry of the same delivery — pass it again to simulate a redelivery. */
  webhookId?: string;
  eventId?: string;
  triggeredAt?: Date;
}

export interface SentWebhook {
  status: number;
  webhookId: string;
  eventId: string;
  hmac: string;
  rawBody: string;
  responseText: string;
}

/** POSTs a webhook exactly as Shopify delivers it: raw JSON body signed with the app secret. */
export async function sendWebhook(delivery: ShopifyWebhookDelivery): Promise<SentWebhook> {
  const rawBody = typeof delivery.body === "string" ? delivery.body : JSON.stringify(delivery.body);
  const hmac = createHmac("sha256", delivery.secret).update(rawBody, "utf8").digest("base64");
  const webhookId = delivery.webhookId ?? randomUUID();
  const eventId = delivery.eventId ?? randomUUID();
  const response = await fetch(delivery.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": delivery.topic,
      "x-shopify-hmac-sha256": hmac,
      "x-shopify-shop-domain": delivery.shop,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": (delivery.triggeredAt ?? new Date()).toISOString(),
      "x-shopify-api-version": delivery.apiVersion ?? "2026-10",
    },
    body: rawBody,
    // Shopify gives up after 5 s.
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, webhookId, eventId, hmac, rawBody, responseText: await response.text() };
}
