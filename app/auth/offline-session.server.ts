import { HttpResponseError, type Session } from "@shopify/shopify-api";
import { SessionNotFoundError } from "@shopify/shopify-app-remix/server";
import { shopify, shopifyAuthApi } from "../shopify.server";
import { sourceError } from "../sources/source-error";

/**
 * The shop's offline session for background work (workers, reconciliation), with an access
 * token good for the call ahead: an expiring token that has expired (or will within 5 minutes)
 * is refreshed with its refresh token and the new pair stored, by the Shopify library; a
 * non-expiring token from an install before expiring tokens is exchanged for an expiring one
 * once, because Shopify stops accepting non-expiring offline tokens on 2027-01-01.
 */
export async function offlineSessionForShop(shopDomain: string): Promise<Session> {
  const app = shopify();
  const stored = await app.sessionStorage?.loadSession(`offline_${shopDomain}`);
  if (!stored?.accessToken) throw notConnected(shopDomain);
  const refreshExpired = stored.refreshTokenExpires && stored.refreshTokenExpires.getTime() <= Date.now();
  if (refreshExpired && stored.isExpired()) {
    // Nothing left to refresh with: only the merchant opening the app (token exchange) renews it.
    throw sourceError(
      "shopify",
      "authentication",
      "sourceError.shopify.authentication",
      {},
      {
        detail: `${shopDomain}: the offline access token and its refresh token have both expired`,
      },
    );
  }
  if (!stored.expires && !stored.refreshToken) return migrateToExpiring(stored);
  try {
    return (await app.unauthenticated.admin(shopDomain)).session;
  } catch (error) {
    if (error instanceof SessionNotFoundError) throw notConnected(shopDomain);
    // The library answers a failed refresh with a bare 500 Response: Shopify unreachable, or the
    // refresh token refused. Either way a later attempt (or the merchant opening the app) mends it.
    if (error instanceof Response) {
      throw sourceError(
        "shopify",
        "unavailable",
        "sourceError.unavailable",
        {},
        {
          detail: `${shopDomain}: refreshing the offline access token failed (${error.status})`,
        },
      );
    }
    throw error;
  }
}

async function migrateToExpiring(stored: Session): Promise<Session> {
  try {
    const { session } = await shopifyAuthApi().auth.migrateToExpiringToken({
      shop: stored.shop,
      nonExpiringOfflineAccessToken: stored.accessToken ?? "",
    });
    await shopify().sessionStorage?.storeSession(session);
    return session;
  } catch (error) {
    // Refused (the token was revoked): only the merchant opening the app gets a new one.
    const refused = error instanceof HttpResponseError && error.response.code < 500;
    const status = error instanceof HttpResponseError ? String(error.response.code) : "no answer";
    throw sourceError(
      "shopify",
      refused ? "authentication" : "unavailable",
      refused ? "sourceError.shopify.authentication" : "sourceError.unavailable",
      {},
      {
        detail: `${stored.shop}: exchanging the non-expiring offline token for an expiring one failed (${status})`,
      },
    );
  }
}

function notConnected(shopDomain: string) {
  return sourceError(
    "shopify",
    "authentication",
    "sourceError.shopify.authentication",
    {},
    {
      detail: `${shopDomain} has no offline session: the app is not installed there (or was uninstalled)`,
    },
  );
}
