import { SessionStorageError, ShopifyError } from "@shopify/shopify-api";
import { env } from "../config/env.server";
import { shopify } from "../shopify.server";
import { MAX_WEBHOOK_BYTES, readLimitedBody } from "../lib/read-limited-body.server";
import { isValidShopifySignature } from "./verify-local-webhook.server";

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

/** "ORDERS_PAID" → "orders/paid", "APP_SCOPES_UPDATE" → "app/scopes_update". */
export function normaliseTopic(topic: string): string {
  if (topic.includes("/")) return topic.toLowerCase();
  const [resource = "", ...rest] = topic.toLowerCase().split("_");
  return `${resource}/${rest.join("_")}`;
}

/** A shop's permanent myshopify domain, the only form Shopify sends in X-Shopify-Shop-Domain. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]{0,99}\.myshopify\.com$/;

/**
 * The tenant of a webhook is the shop its verified headers name, in the lower case every table
 * keys shops by; undefined when the header is not a myshopify domain (a 400, never a 500).
 */
export function normaliseShopDomain(header: string | null): string | undefined {
  if (header === null) return undefined;
  const domain = header.trim().toLowerCase();
  return SHOP_DOMAIN.test(domain) ? domain : undefined;
}

/** Body fields that name a shop: a body naming another shop than the verified header is refused. */
const SHOP_FIELDS = ["shop_domain", "myshopify_domain"] as const;

/**
 * A signed body is the shop's own words, but only the header is the tenant: a delivery whose body
 * names another shop (compliance `shop_domain`, the shop payload's `myshopify_domain`, or a
 * myshopify `domain`) is refused whole, so one shop's request can never act on another's data.
 */
export function bodyNamesAnotherShop(
  payload: Record<string, unknown>,
  shopDomain: string,
): string | undefined {
  for (const field of SHOP_FIELDS) {
    if (!(field in payload)) continue;
    const value = payload[field];
    if (typeof value !== "string" || value.trim().toLowerCase() !== shopDomain) return field;
  }
  const domain = payload.domain;
  if (typeof domain === "string" && /\.myshopify\.com$/i.test(domain.trim())) {
    if (domain.trim().toLowerCase() !== shopDomain) return "domain";
  }
  return undefined;
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
  if (!isValidShopifySignature(raw, request.headers.get("x-shopify-hmac-sha256"), secret)) {
    throw new Response("Unauthorized", { status: 401 });
  }
  const { rawBody, payload } = parseBody(raw);
  const shopHeader = request.headers.get("x-shopify-shop-domain");
  const shopDomain = normaliseShopDomain(shopHeader);
  if (shopHeader !== null && !shopDomain) {
    throw new Response("X-Shopify-Shop-Domain is not a myshopify domain", { status: 400 });
  }
  if (shopDomain) {
    const field = bodyNamesAnotherShop(payload, shopDomain);
    if (field) {
      throw new Response(`The body's ${field} is not the shop in X-Shopify-Shop-Domain`, { status: 400 });
    }
  }
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

function parseBody(raw: Buffer): { rawBody: string; payload: Record<string, unknown> } {
  let payload: unknown;
  let rawBody: string;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    payload = JSON.parse(rawBody);
  } catch {
    throw new Response("Webhook body is not valid UTF-8 JSON", { status: 400 });
  }
  if (!isObject(payload)) throw new Response("Webhook body must be a JSON object", { status: 400 });
  return { rawBody, payload };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
