import { isValidShopifySignature } from "./shopify-webhook-signature";
import type { DeliveryVerdict } from "../source-contract";

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

export type CheckedShopifyBody =
  | {
      ok: true;
      rawBody: string;
      payload: Record<string, unknown>;
      /** Undefined when the request has no X-Shopify-Shop-Domain header. */
      shopDomain: string | undefined;
    }
  | { ok: false; status: 400 | 401; reason: string };

/**
 * What every Shopify delivery must be before anything looks at it: signed over its exact bytes,
 * strict UTF-8 JSON, an object, and (when it names a shop) naming only the shop in its header.
 */
export function checkShopifyBody(
  raw: Buffer,
  headers: Pick<Headers, "get">,
  secret: string,
  /** The fast path parses once, exactly (parseJsonSafely), for the ids it keys on. */
  parse: (text: string) => unknown = JSON.parse,
): CheckedShopifyBody {
  if (!isValidShopifySignature(raw, headers.get("x-shopify-hmac-sha256"), secret)) {
    return { ok: false, status: 401, reason: "Unauthorized" };
  }
  let payload: unknown;
  let rawBody: string;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    payload = parse(rawBody);
  } catch {
    return { ok: false, status: 400, reason: "Webhook body is not valid UTF-8 JSON" };
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, status: 400, reason: "Webhook body must be a JSON object" };
  }
  const record = payload as Record<string, unknown>;
  const shopHeader = headers.get("x-shopify-shop-domain");
  const shopDomain = normaliseShopDomain(shopHeader);
  if (shopHeader !== null && !shopDomain) {
    return { ok: false, status: 400, reason: "X-Shopify-Shop-Domain is not a myshopify domain" };
  }
  if (shopDomain) {
    const field = bodyNamesAnotherShop(record, shopDomain);
    if (field) {
      return {
        ok: false,
        status: 400,
        reason: `The body's ${field} is not the shop in X-Shopify-Shop-Domain`,
      };
    }
  }
  return { ok: true, rawBody, payload: record, shopDomain };
}

/**
 * A Shopify delivery checked on its own (HMAC with the app's secret and Shopify's headers): how
 * local mode and the simulator's deliveries are verified. In Shopify mode the library's
 * `authenticate.webhook` checks the same again (app/webhooks/shopify-webhook.server.ts).
 */
export function verifyShopifyDelivery(raw: Buffer, headers: Headers, secret: string): DeliveryVerdict {
  const checked = checkShopifyBody(raw, headers, secret);
  if (!checked.ok) return { kind: "rejected", status: checked.status, reason: checked.reason };
  const topic = headers.get("x-shopify-topic");
  const webhookId = headers.get("x-shopify-webhook-id");
  if (!topic || !checked.shopDomain || !webhookId) {
    return { kind: "rejected", status: 400, reason: "Missing Shopify webhook headers" };
  }
  return {
    kind: "delivery",
    delivery: {
      topic: normaliseTopic(topic),
      deliveryId: webhookId,
      shopDomain: checked.shopDomain,
      rawBody: checked.rawBody,
      resourceId: undefined,
    },
  };
}
