import { env } from "../config/env.server";

/**
 * The demo shop served in local mode (no Shopify credentials). Local mode replaces Shopify
 * authentication with this fixed shop, so it must be impossible to reach once credentials are
 * configured: every entry point asks `assertLocalMode()` first.
 */
export const LOCAL_SHOP_DOMAIN = "ledger-bridge-demo.myshopify.com";

export class LocalModeDisabledError extends Error {
  override name = "LocalModeDisabledError";
  constructor() {
    super("Local mode is disabled because Shopify credentials are configured");
  }
}

export function assertLocalMode(): void {
  if (!env().localMode) throw new LocalModeDisabledError();
}
