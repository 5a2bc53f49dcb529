import { afterEach } from "vitest";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import {
  startShopifyAdminSimulator,
  type ShopifyAdminSimulator,
  type ShopifyAdminSimulatorOptions,
} from "../../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../../simulators/shopify/shopify-store";

/**
 * A fresh Shopify Admin simulator for each test, closed after it, with the app's GraphQL client
 * pointed at it. Call once at the top of a test file; each call of the returned function starts one.
 */
export function shopifySimulatorPerTest(): (
  options?: ShopifyAdminSimulatorOptions,
) => Promise<{ simulator: ShopifyAdminSimulator; client: AdminGraphqlClient }> {
  let simulator: ShopifyAdminSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });
  return async (options = {}) => {
    simulator = await startShopifyAdminSimulator({ store: new ShopifyStore(), ...options });
    return {
      simulator,
      client: new AdminGraphqlClient({ baseUrl: simulator.url, accessToken: "shpat_simulator" }),
    };
  };
}
