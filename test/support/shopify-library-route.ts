import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Sends the Shopify library's own requests (token exchange and refresh at
 * `https://{shop}/admin/oauth/access_token`) to that shop's simulator, as DNS sends them to Shopify;
 * a host with no simulator fails like an unknown host. Returns the undo. Import the app's
 * `shopify.server` before calling: the library's adapter sets the real fetch when it loads.
 */
export function routeShopifyLibraryTo(shops: Record<string, string>): () => void {
  setAbstractFetchFunc(async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const target = shops[url.hostname];
    if (!target) throw new TypeError(`fetch failed: getaddrinfo ENOTFOUND ${url.hostname}`);
    return fetch(`${target}${url.pathname}${url.search}`, init);
  });
  return () => setAbstractFetchFunc(globalThis.fetch);
}
