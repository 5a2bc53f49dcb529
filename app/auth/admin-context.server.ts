import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { env } from "../config/env.server";
import type { Shop } from "../shops/shop-repo.server";
import { upsertInstalledShop } from "../shops/shop-repo.server";
import { shopify } from "../shopify.server";
import { assertLocalMode, LOCAL_SHOP_DOMAIN } from "./local-shop.server";

export type Locale = "en" | "da";

export interface AdminContext {
  shop: Shop;
  mode: "shopify" | "local";
  locale: Locale;
  /** Shopify Admin GraphQL client; absent in local mode. */
  admin: AdminApiContext | undefined;
  /** Adds CORS headers for requests from admin UI extensions (a no-op in local mode). */
  cors: (response: Response) => Response;
}

/**
 * Authenticates an app page or API request. In Shopify mode this is `authenticate.admin`
 * (session token / token exchange); in local mode it is the demo shop. Routes never branch on
 * the mode themselves.
 */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  const requestedLocale = localeFrom(new URL(request.url).searchParams.get("locale"));
  if (env().localMode) {
    assertLocalMode();
    const shop = await upsertInstalledShop({
      platform: "shopify",
      domain: LOCAL_SHOP_DOMAIN,
      ...(requestedLocale ? { locale: requestedLocale } : {}),
    });
    return { shop, mode: "local", locale: localeFrom(shop.locale) ?? "en", admin: undefined, cors: (r) => r };
  }
  const { session, admin, cors } = await shopify().authenticate.admin(request);
  const shop = await upsertInstalledShop({
    platform: "shopify",
    domain: session.shop,
    ...(requestedLocale ? { locale: requestedLocale } : {}),
  });
  return { shop, mode: "shopify", locale: localeFrom(shop.locale) ?? "en", admin, cors };
}

/** Shopify passes locales like "da-DK"; we ship English and Danish. */
export function localeFrom(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const language = value.toLowerCase().split(/[-_]/)[0];
  return language === "da" ? "da" : language === "en" ? "en" : undefined;
}
