import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import daPolaris from "@shopify/polaris/locales/da.json";
import enPolaris from "@shopify/polaris/locales/en.json";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { requireAdmin } from "../auth/admin-context.server";
import { env } from "../config/env.server";
import { useTranslation } from "../i18n/use-translation";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const context = await requireAdmin(request);
  return {
    apiKey: env().SHOPIFY_API_KEY ?? "",
    mode: context.mode,
    locale: context.locale,
    shopDomain: context.shop.domain,
  };
};

export default function AppLayout() {
  const { apiKey, mode, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const embedded = mode === "shopify";
  return (
    <AppProvider isEmbeddedApp={embedded} apiKey={apiKey} i18n={locale === "da" ? daPolaris : enPolaris}>
      {embedded ? (
        <NavMenu>
          <Link to="/app" rel="home">
            {t("nav.home")}
          </Link>
        </NavMenu>
      ) : null}
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
