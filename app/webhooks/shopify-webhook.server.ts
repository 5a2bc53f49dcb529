import { SessionStorageError, ShopifyError } from "@shopify/shopify-api";
import { env } from "../config/env.server";
import { shopify } from "../shopify.server";
import { MAX_WEBHOOK_BYTES, readLimitedBody } from "../lib/read-limited-body.server";
import {
  checkShopifyBody,
  bodyNamesAnotherShop,
  normaliseShopDomain,
  normaliseTopic,
} from "../sources/shopify/shopify-delivery";

export interface VerifiedShopifyWebhook {
  shopDomain: string;
  /** Lower-case slash form, as in shopify.app.toml: "orders/paid". */
  topic: string;
  /** X-Shopify-Webhook-Id: the same across retries of one delivery — our idempotency key. */
  webhookId: string;
  eventId: string | undefined;
  triggeredAt: Date | undefined;
  payload: Record<string, unknown>;
  /** The body text as received (parse it with big-number care, never via `payload`, for ids). */
  rawBody: string;
}

/**
 * Verifies a Shopify webhook and returns it, or throws a Response (401 forged/unsigned, 400
 * malformed, 413 too large) — nothing is recorded for a request that fails here. The body is
 * read once, at most 5 MB of it (with or without Content-Length), and must be signed, UTF-8 JSON
 * naming a myshopify domain before anything else looks at it, in both modes.
 */
export async function verifyShopifyWebhook(request: Request): Promise<VerifiedShopifyWebhook> {
  // A WooCommerce-only deployment has no Shopify app, so no secret a Shopify webhook could carry.
  if (env().mode === "woocommerce") throw new Response("Not Found", { status: 404 });
  // The 5 MB limit WooCommerce deliveries have too; Shopify's own payloads are far smaller.
  const raw = await readLimitedBody(request, MAX_WEBHOOK_BYTES);
  // Connection: close, so the unread rest of an endless body is not drained after the answer.
  if (!raw) throw new Response("Payload too large", { status: 413, headers: { Connection: "close" } });
  const config = env();
  const secret = config.localMode ? config.LOCAL_WEBHOOK_SECRET : (config.SHOPIFY_API_SECRET ?? "");
  const checked = checkShopifyBody(raw, request.headers, secret);
  if (!checked.ok) throw new Response(checked.reason, { status: checked.status });
  const { rawBody, payload, shopDomain } = checked;
  if (!config.localMode) {
    // authenticate.webhook checks the HMAC and Shopify's headers again, on the bytes read above,
    // with the shop header in the normalised form the tables use.
    const headers = new Headers(request.headers);
    if (shopDomain) headers.set("x-shopify-shop-domain", shopDomain);
    const context = await authenticateWebhook(
      new Request(request.url, { method: request.method, headers, body: rawBody }),
    );
    const verifiedShop = normaliseShopDomain(context.shop);
    if (!verifiedShop || (shopDomain !== undefined && verifiedShop !== shopDomain)) {
      throw new Response("X-Shopify-Shop-Domain is not a myshopify domain", { status: 400 });
    }
    if (!shopDomain && bodyNamesAnotherShop(payload, verifiedShop)) {
      throw new Response("The body names another shop than the verified one", { status: 400 });
    }
    return {
      shopDomain: verifiedShop,
      topic: normaliseTopic(String(context.topic)),
      webhookId: context.webhookId,
      eventId: "eventId" in context ? (context.eventId as string | undefined) : undefined,
      triggeredAt: parseDate(
        "triggeredAt" in context ? (context.triggeredAt as string | undefined) : undefined,
      ),
      payload,
      rawBody,
    };
  }
  const header = (name: string) => request.headers.get(name);
  const topic = header("x-shopify-topic");
  const webhookId = header("x-shopify-webhook-id");
  if (!topic || !shopDomain || !webhookId) {
    throw new Response("Missing Shopify webhook headers", { status: 400 });
  }
  return {
    shopDomain,
    topic: normaliseTopic(topic),
    webhookId,
    eventId: header("x-shopify-event-id") ?? undefined,
    triggeredAt: parseDate(header("x-shopify-triggered-at") ?? undefined),
    payload,
    rawBody,
  };
}

/**
 * The library's validation errors (odd headers) are the sender's fault: a 400, never a 500.
 * Anything else (the session storage failing) stays a server error, so Shopify retries.
 */
async function authenticateWebhook(request: Request) {
  try {
    return await shopify().authenticate.webhook(request);
  } catch (error) {
    if (error instanceof ShopifyError && !(error instanceof SessionStorageError)) {
      throw new Response("Invalid Shopify webhook", { status: 400 });
    }
    throw error;
  }
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
