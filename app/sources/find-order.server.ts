import type { PrismaClient, Shop } from "@prisma/client";
import { log } from "../lib/log.server";
import { orderIdOfBody } from "./order-identity";
import { orderSourceFor } from "./order-source-for.server";
import { SourceError } from "./source-error";

/** Reads one order from the shop's platform by its id: its raw JSON, or undefined. */
export type ReadOrderFromPlatform = (shop: Shop, orderId: string) => Promise<string | undefined>;

export interface FoundOrder {
  /** The order's raw JSON text, as the mappers read it; its own id is the id asked for. */
  body: string;
  from: "platform" | "webhook";
}

/**
 * The one way to find an order that has no job yet (Transfer, the order page, the order block's
 * status): by its platform id, never by searching text.
 *
 * Precedence: the platform's current order first — it is the truth (an edit after the webhook,
 * a webhook that never came), and what Transfer books must be what the shop has now. The newest
 * recorded order webhook keyed by that id (`WebhookEvent.orderId`, parsed from the body's own id
 * when it was recorded) is the fallback for when the platform cannot answer: unreachable, busy,
 * no token in local mode, or an order it no longer shows (Shopify hides orders older than 60
 * days without `read_all_orders`). WooCommerce deliveries are signals only and are not keyed, so
 * a WooCommerce order comes from its store.
 *
 * Whatever comes back is checked: its own id must be the id asked for, or it is not that order.
 */
export async function findOrder(
  db: PrismaClient,
  shop: Shop,
  orderId: string,
  readFromPlatform: ReadOrderFromPlatform = (s, id) => readOrderFromShop(s, id, db),
): Promise<FoundOrder | null> {
  const fromPlatform = await readFromPlatform(shop, orderId).catch((error: unknown) => {
    log.warn("order could not be read from the shop", {
      shop: shop.domain,
      orderId,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  });
  if (fromPlatform !== undefined) {
    if (orderIdOfBody(shop.platform, fromPlatform) === orderId)
      return { body: fromPlatform, from: "platform" };
    log.warn("the shop answered another order than the one asked for", {
      shop: shop.domain,
      orderId,
      answered: orderIdOfBody(shop.platform, fromPlatform),
    });
  }
  const recorded = await db.webhookEvent.findMany({
    where: { platform: shop.platform, shopDomain: shop.domain, orderId },
    orderBy: { receivedAt: "desc" },
    select: { body: true },
    take: 5,
  });
  const match = recorded.find((event) => orderIdOfBody(shop.platform, event.body) === orderId);
  return match ? { body: match.body, from: "webhook" } : null;
}

/**
 * The order as the shop itself has it: Shopify's Admin API (in local mode the demo's Shopify
 * simulator) or the WooCommerce store's REST API, whichever the shop's platform is. Undefined
 * when the shop cannot be asked right now; other errors are thrown.
 */
export async function readOrderFromShop(
  shop: Shop,
  orderId: string,
  db?: PrismaClient,
): Promise<string | undefined> {
  try {
    return (await (await orderSourceFor(shop, db ? { db } : {})).fetchOrder(orderId))?.order;
  } catch (error) {
    if (!(error instanceof SourceError) || surfaces(error)) throw error;
    // No source here, Shopify unreachable or busy for a moment, a store that cannot be read
    // (offline, keys revoked): "not here yet" rather than a 500; the poll records the store's
    // problem for the merchant.
    if (error.retryable || error.kind !== "unavailable") {
      // A source not connected here is expected; a store or Shopify failing is worth a line.
      log.warn("order could not be read from the shop", { shop: shop.domain, orderId, error: error.message });
    }
    return undefined;
  }
}

/** Shopify refusing our token or our query will not pass by itself: that is a fault to show. */
function surfaces(error: SourceError): boolean {
  return error.provider === "shopify" && !error.retryable && error.kind !== "unavailable";
}
