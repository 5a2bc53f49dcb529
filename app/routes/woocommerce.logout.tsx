import type { ActionFunctionArgs } from "@remix-run/node";
import { endWooAdminSession } from "../auth/woo-admin-session.server";
import { prisma } from "../db/prisma.server";
import { translate } from "../i18n/messages";
import { pageLocale } from "../sources/woocommerce/request-support.server";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";

/**
 * "Log out" in the app's menu for a WooCommerce merchant: the session ends on the server (a copy
 * of the cookie opens nothing any more) and the cookie is cleared.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const locale = pageLocale(request);
  const page = wooHtmlPage({
    locale,
    title: translate(locale, "woo.logout.title"),
    sections: [{ lines: [translate(locale, "woo.logout.body")] }],
    status: 200,
  });
  page.headers.append("set-cookie", await endWooAdminSession(prisma(), request));
  return page;
};
