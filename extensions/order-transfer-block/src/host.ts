import type { Api } from "@shopify/ui-extensions/admin.order-details.block.render";

/**
 * The admin installs the target's API as the global `shopify`. Reading it through one typed
 * accessor avoids declaring a project-wide global that the app's own code would then see too.
 */
export function host(): Api {
  return (globalThis as unknown as { shopify: Api }).shopify;
}

export function translate(key: string, replacements?: Record<string, string | number>): string {
  return host().i18n.translate(key, replacements);
}
