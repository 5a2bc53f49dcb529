import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "../i18n/messages";
import { completeWcAuth } from "../sources/woocommerce/connect-store.server";
import { connectContext, pageLocale } from "../sources/woocommerce/request-support.server";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";

/** The browser returns here from WooCommerce's authorize screen; the connection is finished now. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const locale = pageLocale(request);
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(locale, key, vars);
  const outcome = await completeWcAuth(connectContext(request), request.url);
  if (outcome.status === "failed") {
    return wooHtmlPage({
      locale,
      title: t("woo.failed.title"),
      sections: [{ lines: [t(`woo.failed.${outcome.reason}`)] }],
      status: outcome.reason === "unreachable" || outcome.reason === "noRestApi" ? 502 : 400,
    });
  }
  return wooHtmlPage({
    locale,
    title: t("woo.connected.title"),
    sections: [
      {
        lines: [
          t("woo.connected.body", { store: outcome.storeUrl, count: outcome.webhooks.length }),
          t(outcome.pluginConfigured ? "woo.connected.plugin" : "woo.connected.pluginMissing"),
          t("woo.connected.next"),
        ],
      },
    ],
    status: 200,
  });
};
