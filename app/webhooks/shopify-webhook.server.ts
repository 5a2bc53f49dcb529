import { env } from "../config/env.server";
import { shopify } from "../shopify.server";
import { isValidShopifySignature } from "./verify-local-webhook.server";

/** Webhook bodies above this are refused before parsing (Shopify's own payloads are far smaller). */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

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

/**
 * Verifies a Shopify webhook and returns it, or throws a Response (401 forged/unsigned, 400
 * malformed, 413 too large) — nothing is recorded for a request that fails here.
 */
export async function verifyShopifyWebhook(request: Request): Promise<VerifiedShopifyWebhook> {
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > MAX_WEBHOOK_BYTES) throw new Response("Payload too large", { status: 413 });
  if (!env().localMode) {
    // authenticate.webhook reads the body and checks the HMAC with the app secret; the clone
    // keeps the raw text for us.
    const rawBody = await request.clone().text();
    const context = await shopify().authenticate.webhook(request);
    const payload = context.payload as unknown;
    if (!isObject(payload)) throw new Response("Webhook body must be a JSON object", { status: 400 });
    return {
      shopDomain: context.shop,
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
  return verifyLocally(request);
}

async function verifyLocally(request: Request): Promise<VerifiedShopifyWebhook> {
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) throw new Response("Payload too large", { status: 413 });
  const header = (name: string) => request.headers.get(name);
  if (!isValidShopifySignature(raw, header("x-shopify-hmac-sha256"), env().LOCAL_WEBHOOK_SECRET)) {
    throw new Response("Unauthorized", { status: 401 });
  }
  const topic = header("x-shopify-topic");
  const shopDomain = header("x-shopify-shop-domain");
  const webhookId = header("x-shopify-webhook-id");
  if (!topic || !shopDomain || !webhookId) {
    throw new Response("Missing Shopify webhook headers", { status: 400 });
  }
  let payload: unknown;
  let rawBody: string;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    payload = JSON.parse(rawBody);
  } catch {
    throw new Response("Webhook body is not valid UTF-8 JSON", { status: 400 });
  }
  if (!isObject(payload)) throw new Response("Webhook body must be a JSON object", { status: 400 });
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
