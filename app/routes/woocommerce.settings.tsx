import type { LoaderFunctionArgs } from "@remix-run/node";
import { wooAdminSessionCookie } from "../auth/woo-admin-session.server";
import { prisma } from "../db/prisma.server";
import { translate } from "../i18n/messages";
import { secretBox } from "../lib/secrets.server";
import { pageLocale } from "../sources/woocommerce/request-support.server";
import { redeemSettingsLink } from "../sources/woocommerce/settings-link.server";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";

/**
 * "Open Ledger Bridge" from WordPress: a signed, 5-minute, single-use token names the store. It
 * is traded for a session cookie scoped to that one store, and the merchant lands on the app's
 * own Settings page (the same pages Shopify merchants use).
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const shop = await redeemSettingsLink(prisma(), secretBox(), token, Math.floor(Date.now() / 1000));
  if (!shop) {
    const locale = pageLocale(request);
    return wooHtmlPage({
      locale,
      title: "Ledger Bridge",
      sections: [{ lines: [translate(locale, "woo.settings.invalidToken")] }],
      status: 401,
    });
  }
  return new Response(null, {
    status: 303,
    headers: {
      location: `/app/settings?locale=${encodeURIComponent(shop.locale)}`,
      "set-cookie": await wooAdminSessionCookie(prisma(), request, shop.id),
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
};
