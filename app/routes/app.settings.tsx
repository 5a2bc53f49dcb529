import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Page } from "@shopify/polaris";
import { requireAdmin } from "../auth/admin-context.server";
import { prisma } from "../db/prisma.server";
import { useTranslation } from "../i18n/use-translation";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import type { SettingsPageModel } from "../settings-page/settings-page-model";
import { loadSettingsPage, saveSettingsForm } from "../settings-page/settings-page.server";
import { PREVIEW_ACTION, SettingsFormView } from "../settings-page/ui/settings-form-view";

export const loader = async ({ request }: LoaderFunctionArgs): Promise<SettingsPageModel> => {
  const { shop } = await requireAdmin(request);
  return loadSettingsPage(prisma(), shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payoutAccess } = await requireAdmin(request);
  const submitted = Object.fromEntries(
    [...(await request.formData()).entries()].map(([key, value]) => [key, String(value)]),
  );
  const result = await saveSettingsForm(prisma(), shop, submitted);
  // Turning payouts on asks Shopify for their optional scope: the library redirects to the grant screen.
  if (result.ok && (await payoutsEnabled(shop.id)) && !(await payoutAccess.granted()))
    await payoutAccess.request();
  return Response.json(result, { status: result.ok ? 200 : 422 });
};

const payoutsEnabled = async (shopId: string) =>
  (await loadShopSettings(prismaSettingsStorage(prisma()), shopId)).payouts.enabled;

// A preview, or a save that was refused, changes nothing the loader shows (and reading the
// ledger's lists again would only slow the page down).
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formAction,
  actionResult,
  defaultShouldRevalidate,
}) => {
  if (formAction === PREVIEW_ACTION) return false;
  if (actionResult && typeof actionResult === "object" && "ok" in actionResult && actionResult.ok === false) {
    return false;
  }
  return defaultShouldRevalidate;
};

export default function SettingsPage() {
  // Plain JSON data of exactly the declared shape.
  const model = useLoaderData() as SettingsPageModel;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const ledger = model.connection?.displayName ?? "";
  return (
    <Page title={t("settings.title")}>
      <BlockStack gap="400">
        {searchParams.get("proposed") && model.connection ? (
          <Banner tone="info">{t("settings.proposed", { ledger })}</Banner>
        ) : null}
        {model.lists.status === "notConnected" ? (
          <Banner tone="warning">
            <p>{t("settings.notConnected")}</p>
            <Link to="/app/connect">{t("settings.connect")}</Link>
          </Banner>
        ) : null}
        {model.lists.status === "unreachable" ? (
          <Banner tone="critical" title={t("settings.unreachable.title", { ledger })}>
            <p id="ledger-unreachable">{t("settings.unreachable.body", { message: model.lists.message })}</p>
          </Banner>
        ) : null}
        {model.lists.status === "ok" && model.connection ? (
          <Banner tone="info">
            {t("settings.connectedTo", { ledger, organisation: model.connection.organisationName ?? "—" })}
          </Banner>
        ) : null}
        {!model.saved ? <Banner tone="info">{t("settings.defaults")}</Banner> : null}
        <SettingsFormView model={model} />
      </BlockStack>
    </Page>
  );
}
