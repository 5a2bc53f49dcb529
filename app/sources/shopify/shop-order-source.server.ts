import type { Shop } from "@prisma/client";
import { env } from "../../config/env.server";
import type { OrderSource } from "../source-contract";
import { offlineSessionForShop } from "../../auth/offline-session.server";
import { SHOPIFY_API_VERSION } from "../../shopify.server";
import { sourceError } from "../source-error";
import { AdminGraphqlClient } from "./admin-graphql/admin-graphql-client";
import { shopifyOrderSource } from "./shopify-order-source";

/** No Shopify to read this shop's orders from: not a Shopify shop, or local mode without the simulator. */
function noShopify(detail: string) {
  return sourceError("shopify", "unavailable", "sourceError.notConnected", {}, { detail, retryable: false });
}

/**
 * The shop's orders over the Admin GraphQL API with its offline token, refreshed before the call
 * when it has expired (offline-session.server.ts). In local mode the demo shop's orders come from the Shopify simulator
 * at SHOPIFY_ADMIN_BASE_URL.
 */
export async function orderSourceForShop(shop: Shop): Promise<OrderSource> {
  return shopifyOrderSource(await adminClientForShop(shop));
}

/** The shop's Admin GraphQL client (offline token; the simulator in local mode). */
export async function adminClientForShop(shop: Shop): Promise<AdminGraphqlClient> {
  if (shop.platform !== "shopify") {
    throw noShopify(`${shop.domain} is a ${shop.platform} store; it reconciles through its own connection`);
  }
  const config = env();
  if (config.localMode) {
    if (!config.SHOPIFY_ADMIN_BASE_URL) {
      throw noShopify(
        "Local mode has no Shopify to read from: set SHOPIFY_ADMIN_BASE_URL to the Shopify simulator",
      );
    }
    return new AdminGraphqlClient({ baseUrl: config.SHOPIFY_ADMIN_BASE_URL, accessToken: "shpat_simulator" });
  }
  const session = await offlineSessionForShop(shop.domain);
  return new AdminGraphqlClient({
    baseUrl: config.SHOPIFY_ADMIN_BASE_URL ?? `https://${shop.domain}`,
    accessToken: session.accessToken ?? "",
    apiVersion: SHOPIFY_API_VERSION,
  });
}
