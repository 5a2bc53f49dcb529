import type { Order, Refund, SourcePlatform } from "../domain/order";
import type { ShopSettings } from "../settings/settings-schema";
import { sourceFor } from "./source-registry";

/**
 * Any source's order payload → the canonical Order. Pass raw JSON text where possible: it is
 * parsed so Shopify ids beyond 2^53 stay exact.
 */
export function mapSourceOrder(source: SourcePlatform, payload: unknown, settings: ShopSettings): Order {
  return sourceFor(source).mapOrder(payload, settings);
}

/** One refund of `order`, from the same source. */
export function mapSourceRefund(
  source: SourcePlatform,
  payload: unknown,
  order: Order,
  settings: ShopSettings,
): Refund {
  return sourceFor(source).mapRefund(payload, order, settings);
}
