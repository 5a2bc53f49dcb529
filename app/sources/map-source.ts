import type { Order, Refund, SourcePlatform } from "../domain/order";
import type { ShopSettings } from "../settings/settings-schema";
import { mapShopifyOrder } from "./shopify/map-shopify-order";
import { mapShopifyRefund } from "./shopify/map-shopify-refund";
import { parseJsonSafely } from "./shopify/parse-json-safely";
import { ShopifyMoney } from "./shopify/shopify-money";
import { mapWooCommerceOrder } from "./woocommerce/map-woocommerce-order";
import { mapWooCommerceRefund } from "./woocommerce/map-woocommerce-refund";

/**
 * Any source's order payload → the canonical Order. Pass raw JSON text where possible: it is
 * parsed so Shopify ids beyond 2^53 stay exact.
 */
export function mapSourceOrder(source: SourcePlatform, payload: unknown, settings: ShopSettings): Order {
  if (source === "shopify") return mapShopifyOrder(payload, { documentCurrency: settings.documentCurrency });
  return mapWooCommerceOrder(payload);
}

/** One refund of `order`, from the same source. */
export function mapSourceRefund(
  source: SourcePlatform,
  payload: unknown,
  order: Order,
  settings: ShopSettings,
): Refund {
  const parsed = typeof payload === "string" ? parseJsonSafely(payload) : payload;
  if (source === "shopify") {
    const money = new ShopifyMoney(settings.documentCurrency, order.shopCurrency, order.presentmentCurrency);
    return mapShopifyRefund(parsed, { money, pricesIncludeTax: order.pricesIncludeTax });
  }
  const gateway = order.paymentGateways[0];
  return mapWooCommerceRefund(parsed, {
    currency: order.currency,
    pricesIncludeTax: order.pricesIncludeTax,
    ...(gateway ? { gateway } : {}),
  });
}
