import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
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
  const { apiKey, mode, locale, shopDomain } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const embedded = mode === "shopify";
  return (
    <AppProvider isEmbeddedApp={embedded} apiKey={apiKey} i18n={locale === "da" ? daPolaris : enPolaris}>
      {embedded ? (
        <NavMenu>
          <Link to="/app" rel="home">
            {t("nav.home")}
          </Link>
          <Link to="/app/transfers">{t("nav.transfers")}</Link>
          <Link to="/app/payouts">{t("nav.payouts")}</Link>
          <Link to="/app/settings">{t("nav.settings")}</Link>
          <Link to="/app/connect">{t("nav.connect")}</Link>
        </NavMenu>
      ) : (
        <LocalNav woocommerce={mode === "woocommerce" ? { store: shopDomain, locale } : undefined} />
      )}
      <Outlet />
    </AppProvider>
  );
}

/**
 * Outside the Shopify admin there is no App Bridge menu, so the local demo and a WooCommerce
 * merchant (who came from WordPress) get their own. The Demo page is the local demo's only;
 * a WooCommerce merchant can log out, which ends the store's session cookie.
 */
function LocalNav(props: { woocommerce: { store: string; locale: string } | undefined }) {
  const { t } = useTranslation();
  const { woocommerce } = props;
  const links = [
    { to: "/app", label: t("nav.home") },
    { to: "/app/transfers", label: t("nav.transfers") },
    ...(woocommerce ? [] : [{ to: "/app/payouts", label: t("nav.payouts") }]),
    { to: "/app/settings", label: t("nav.settings") },
    { to: "/app/connect", label: t("nav.connect") },
    ...(woocommerce ? [] : [{ to: "/app/demo", label: t("nav.demo") }]),
  ];
  return (
    <nav
      aria-label="Ledger Bridge"
      style={{
        display: "flex",
        alignItems: "center",
        gap: 16,
        padding: "12px 20px",
        background: "#fff",
        borderBottom: "1px solid #e3e3e3",
      }}
    >
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.to === "/app"}
          style={({ isActive }) => ({ fontWeight: isActive ? 600 : 400 })}
        >
          {link.label}
        </NavLink>
      ))}
      {woocommerce ? (
        <>
          <span id="woo-store" style={{ marginLeft: "auto", color: "#616161" }}>
            {t("woo.mode.store", { store: woocommerce.store })}
          </span>
          {/* A plain form post: the answer is the logged-out page, not part of the app. */}
          <Form
            method="post"
            action={`/woocommerce/logout?locale=${encodeURIComponent(woocommerce.locale)}`}
            reloadDocument
          >
            <button
              type="submit"
              style={{ background: "none", border: "none", padding: 0, color: "#005bd3", cursor: "pointer" }}
            >
              {t("nav.logout")}
            </button>
          </Form>
        </>
      ) : null}
    </nav>
  );
}

// Shopify needs Remix to catch some thrown responses so their headers reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
