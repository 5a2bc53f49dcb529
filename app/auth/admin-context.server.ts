import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { env } from "../config/env.server";
import { prisma } from "../db/prisma.server";
import type { Shop } from "../shops/shop-repo.server";
import { upsertInstalledShop } from "../shops/shop-repo.server";
import { shopify } from "../shopify.server";
import { ALWAYS_GRANTED, shopifyPayoutAccess, type PayoutAccess } from "./payout-scope.server";
import { assertLocalMode, LOCAL_SHOP_DOMAIN } from "./local-shop.server";
import { translate } from "../i18n/messages";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";
import { wooAdminSessionShopId } from "./woo-admin-session.server";

export type Locale = "en" | "da";

export interface AdminContext {
  shop: Shop;
  /** `woocommerce`: a WooCommerce merchant who opened the app from WordPress (a session cookie). */
  mode: "shopify" | "local" | "woocommerce";
  locale: Locale;
  /** Shopify Admin GraphQL client; absent in local and WooCommerce mode. */
  admin: AdminApiContext | undefined;
  /** The optional payout scope: asked of Shopify in Shopify mode, always there otherwise. */
  payoutAccess: PayoutAccess;
  /** Adds CORS headers for requests from admin UI extensions (a no-op outside Shopify mode). */
  cors: (response: Response) => Response;
}

/**
 * Authenticates an app page or API request. A WooCommerce merchant's session cookie (set when
 * WordPress opened the app with a signed link) comes first, in both modes; otherwise in Shopify
 * mode this is `authenticate.admin` (session token / token exchange) and in local mode the demo
 * shop. Routes never branch on the mode themselves.
 */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  const requestedLocale = localeFrom(new URL(request.url).searchParams.get("locale"));
  const woo = await wooAdminShop(request);
  if (woo) {
    return {
      shop: woo,
      mode: "woocommerce",
      locale: requestedLocale ?? localeFrom(woo.locale) ?? "en",
      admin: undefined,
      payoutAccess: ALWAYS_GRANTED,
      cors: (r) => r,
    };
  }
  if (env().mode === "woocommerce")
    throw wooSignInPage(requestedLocale ?? localeFrom(acceptLanguage(request)) ?? "en");
  if (env().localMode) {
    assertLocalMode();
    const shop = await upsertInstalledShop({
      platform: "shopify",
      domain: LOCAL_SHOP_DOMAIN,
      ...(requestedLocale ? { locale: requestedLocale } : {}),
    });
    return {
      shop,
      mode: "local",
      locale: localeFrom(shop.locale) ?? "en",
      admin: undefined,
      payoutAccess: ALWAYS_GRANTED,
      cors: (r) => r,
    };
  }
  const { session, admin, cors, scopes } = await shopify().authenticate.admin(request);
  const shop = await upsertInstalledShop({
    platform: "shopify",
    domain: session.shop,
    ...(requestedLocale ? { locale: requestedLocale } : {}),
  });
  return {
    shop,
    mode: "shopify",
    locale: localeFrom(shop.locale) ?? "en",
    admin,
    payoutAccess: shopifyPayoutAccess(scopes),
    cors,
  };
}

/** The WooCommerce shop of a valid session cookie, while it is connected. */
async function wooAdminShop(request: Request): Promise<Shop | undefined> {
  const shopId = await wooAdminSessionShopId(prisma(), request);
  if (!shopId) return undefined;
  const shop = await prisma().shop.findUnique({ where: { id: shopId } });
  return shop && shop.platform === "woocommerce" && !shop.uninstalledAt ? shop : undefined;
}

/** Shopify passes locales like "da-DK"; we ship English and Danish. */
export function localeFrom(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const language = value.toLowerCase().split(/[-_]/)[0];
  return language === "da" ? "da" : language === "en" ? "en" : undefined;
}

/** A WooCommerce-only deployment has no other way in than the link WordPress signs. */
function wooSignInPage(locale: Locale): Response {
  return wooHtmlPage({
    locale,
    title: translate(locale, "woo.signIn.title"),
    sections: [{ lines: [translate(locale, "woo.signIn.body")] }],
    status: 401,
  });
}

function acceptLanguage(request: Request): string | undefined {
  return request.headers.get("accept-language")?.split(",")[0]?.trim();
}
