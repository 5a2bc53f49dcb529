import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { translate } from "../i18n/messages";
import { startWcAuth } from "../sources/woocommerce/connect-store.server";
import { clientAddress, connectContext, pageLocale } from "../sources/woocommerce/request-support.server";
import { wooHtmlPage } from "../sources/woocommerce/woo-html-page";

/** The plugin's Connect button: `?shop=<store URL>` → WooCommerce's own key-exchange screen. */
export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  const locale = pageLocale(request);
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) =>
    translate(locale, key, vars);
  const shop = new URL(request.url).searchParams.get("shop");
  if (!shop) {
    return wooHtmlPage({
      locale,
      title: t("woo.connect.title"),
      sections: [{ lines: [t("woo.connect.missingShop")] }],
      status: 400,
    });
  }
  const started = await startWcAuth(connectContext(request), shop, clientAddress(context));
  if (!started.ok && started.reason === "busy") {
    const page = wooHtmlPage({
      locale,
      title: t("woo.connect.title"),
      sections: [{ lines: [t("woo.connect.busy")] }],
      status: 429,
    });
    page.headers.set("retry-after", String(started.retryAfterSeconds ?? 60));
    return page;
  }
  if (!started.ok) {
    return wooHtmlPage({
      locale,
      title: t("woo.connect.title"),
      sections: [{ lines: [t("woo.connect.invalidAddress", { store: shop })] }],
      status: 400,
    });
  }
  return redirect(started.authorizeUrl);
};
