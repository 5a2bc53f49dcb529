import { orderIdOfParsed } from "../order-identity";
import type { Source, SourceEvent, VerifiedDelivery } from "../source-contract";
import { mapShopifyOrder } from "./map-shopify-order";
import { mapShopifyRefund } from "./map-shopify-refund";
import { parseJsonSafely } from "./parse-json-safely";
import { verifyShopifyDelivery } from "./shopify-delivery";
import { ShopifyMoney } from "./shopify-money";

/**
 * Shopify as a Source. Its deliveries are milestones that carry the order (orders/paid is the
 * order as it was paid), so events come from the body alone; the Admin API is read only to
 * catch up and import (shopify-order-source.ts). Shopify has no place to show our status.
 */
export const shopifySource: Source = {
  platform: "shopify",
  verify: (delivery, secret) => verifyShopifyDelivery(delivery.rawBody, delivery.headers, secret),
  events: (delivery) => Promise.resolve(shopifyEvents(delivery)),
  orderIdOf: (body) => {
    try {
      return orderIdOfParsed("shopify", parseJsonSafely(body));
    } catch {
      return null;
    }
  },
  mapOrder: (body, settings) => mapShopifyOrder(body, { documentCurrency: settings.documentCurrency }),
  mapRefund: (body, order, settings) => {
    const money = new ShopifyMoney(settings.documentCurrency, order.shopCurrency, order.presentmentCurrency);
    const parsed = typeof body === "string" ? parseJsonSafely(body) : body;
    return mapShopifyRefund(parsed, { money, pricesIncludeTax: order.pricesIncludeTax });
  },
  capabilities: { statusWriteBack: null },
};

/** A verified Shopify delivery as typed events; a body without the ids we key on means nothing. */
export function shopifyEvents(delivery: Pick<VerifiedDelivery, "topic" | "rawBody">): SourceEvent[] {
  const { topic, rawBody } = delivery;
  let parsed: unknown;
  try {
    parsed = parseJsonSafely(rawBody);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return [{ type: "ignored", reason: "the body is not a JSON object" }];
  }
  return shopifyEventsOfParsed(topic, parsed as Record<string, unknown>, rawBody);
}

/**
 * As shopifyEvents, for a body the caller has already parsed with parseJsonSafely (the webhook
 * fast path parses once, for its checks and its ids alike).
 */
export function shopifyEventsOfParsed(
  topic: string,
  payload: Record<string, unknown>,
  rawBody: string,
): SourceEvent[] {
  const lacksIds: SourceEvent = { type: "ignored", reason: `the ${topic} payload lacks the ids we key on` };
  switch (topic) {
    case "orders/paid":
    case "orders/fulfilled":
    case "orders/updated":
    case "orders/cancelled": {
      // A job is always keyed on the order whose body it stores: the body's own id fields.
      const orderId = orderIdOfParsed("shopify", payload);
      if (orderId === null) return [lacksIds];
      if (topic === "orders/cancelled") return [{ type: "cancelled", orderId, because: "cancelled" }];
      const order = { orderId, orderName: stringField(payload, "name") ?? orderId, body: rawBody };
      const type = topic === "orders/paid" ? "paid" : topic === "orders/fulfilled" ? "fulfilled" : "updated";
      return [{ type, order }];
    }
    case "refunds/create": {
      const refund = (payload.refund ?? payload) as Record<string, unknown>;
      if (!idLike(refund.order_id)) return [lacksIds];
      const refundId =
        gidField(refund, "Refund") ??
        (idLike(refund.id) ? `gid://shopify/Refund/${String(refund.id)}` : null);
      if (refundId === null) return [lacksIds];
      return [
        {
          type: "refund",
          refund: { orderId: `gid://shopify/Order/${String(refund.order_id)}`, refundId, body: rawBody },
        },
      ];
    }
    case "app/uninstalled":
      return [{ type: "uninstalled" }];
    case "app/scopes_update":
      return Array.isArray(payload.current)
        ? [{ type: "scopesUpdated", scopes: payload.current.map(String) }]
        : [{ type: "ignored", reason: "the scopes update names no current scopes" }];
    case "customers/data_request":
      return [{ type: "customerDataRequest", body: rawBody }];
    case "customers/redact":
      return [{ type: "customerRedact", body: rawBody }];
    case "shop/redact":
      return [{ type: "shopRedact", body: rawBody }];
    default:
      return [{ type: "ignored", reason: `no transfer work for ${topic}` }];
  }
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * The record's GraphQL id, only in Shopify's own form: an id is a key (and a database value),
 * so any other text in the field — a NUL, a surrogate, another order's id with a suffix —
 * falls back to the numeric id instead of becoming the order's identity.
 */
function gidField(record: Record<string, unknown>, type: "Order" | "Refund"): string | undefined {
  const value = stringField(record, "admin_graphql_api_id");
  return value !== undefined && new RegExp(`^gid://shopify/${type}/\\d+$`).test(value) ? value : undefined;
}

function idLike(value: unknown): boolean {
  return (
    (typeof value === "number" && Number.isInteger(value) && value > 0) ||
    (typeof value === "string" && /^\d+$/.test(value))
  );
}
