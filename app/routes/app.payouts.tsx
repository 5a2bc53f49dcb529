import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useOutlet } from "@remix-run/react";
import { Banner, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "../auth/admin-context.server";
import { AppError } from "../lib/app-error";
import { log } from "../lib/log.server";
import { formatDay } from "../components/format";
import { formatPayoutAmount } from "../components/payout-format";
import { JobStatusBadge } from "../components/StatusBadge";
import { prisma } from "../db/prisma.server";
import { PAYOUT_LOOKBACK_MS } from "../engine/payouts/payout-poll.server";
import { syncPayouts } from "../engine/payouts/payout-sync.server";
import { listPayouts } from "../engine/payouts/payout-view.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import type { MessageKey } from "../i18n/messages";
import { useTranslation } from "../i18n/use-translation";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import { payoutSourceForShop } from "../sources/shopify/shop-payout-source.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, payoutAccess } = await requireAdmin(request);
  const settings = await loadShopSettings(prismaSettingsStorage(prisma()), shop.id);
  const enabled = settings.payouts.enabled;
  return json({
    enabled,
    // Only asked while payouts are on: turning them on is what requests the scope.
    scopeGranted: enabled ? await payoutAccess.granted() : true,
    payouts: await listPayouts(prisma(), shop.id),
  });
};

/** "Fetch new payouts": the poll's use case for this shop, now; "Grant access": the scope request. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payoutAccess } = await requireAdmin(request);
  const form = await request.formData();
  if (form.get("intent") === "grantScope") {
    await payoutAccess.request();
    return json({ ok: true as const, enqueued: 0 });
  }
  if (form.get("intent") !== "sync") return json({ ok: false as const, enqueued: 0 }, { status: 400 });
  try {
    if (!(await payoutAccess.granted())) return json({ ok: false as const, enqueued: 0 }, { status: 403 });
    const result = await syncPayouts(prisma(), shop, await payoutSourceForShop(shop), {
      since: new Date(Date.now() - PAYOUT_LOOKBACK_MS),
      trigger: "manual",
    });
    if (result.enqueued > 0) wakeWorkers();
    return json({ ok: true as const, enqueued: result.enqueued });
  } catch (error) {
    if (error instanceof Response) throw error;
    // No Shopify Payments to read (a WooCommerce store, local mode without the simulator, an
    // unreachable shop): the merchant gets the source's own reason, in the page's language.
    const problem: { key: string; params: Record<string, string | number> } =
      error instanceof AppError
        ? { key: error.messageKey, params: { ...error.params } }
        : { key: "payouts.syncFailed", params: {} };
    if (!(error instanceof AppError)) {
      log.warn("payout sync failed", {
        shop: shop.domain,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return json({ ok: false as const, enqueued: 0, problem }, { status: 409 });
  }
};

/** The list, or a payout's page (app.payouts.$id) in its place. */
export default function PayoutsRoute() {
  const outlet = useOutlet();
  return outlet ?? <PayoutsPage />;
}

function PayoutsPage() {
  const { enabled, scopeGranted, payouts } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const syncProblem =
    fetcher.data && "problem" in fetcher.data
      ? (fetcher.data.problem as { key: string; params: Record<string, string | number> })
      : null;
  return (
    <Page
      title={t("payouts.title")}
      subtitle={t("payouts.intro")}
      primaryAction={{
        content: t("payouts.sync"),
        disabled: !enabled || !scopeGranted || fetcher.state !== "idle",
        onAction: () => fetcher.submit({ intent: "sync" }, { method: "post" }),
      }}
    >
      <Layout>
        {!enabled ? (
          <Layout.Section>
            <Banner tone="info">{t("payouts.off")}</Banner>
          </Layout.Section>
        ) : null}
        {enabled && !scopeGranted ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={t("payouts.scope.title")}
              action={{
                content: t("payouts.scope.grant"),
                disabled: fetcher.state !== "idle",
                onAction: () => fetcher.submit({ intent: "grantScope" }, { method: "post" }),
              }}
            >
              <p data-testid="payouts-scope-missing">{t("payouts.scope.body")}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {syncProblem ? (
          <Layout.Section>
            <Banner tone="critical">
              <p data-testid="payouts-sync-problem">{t(syncProblem.key as MessageKey, syncProblem.params)}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {fetcher.data?.ok && scopeGranted ? (
          <Layout.Section>
            <Banner tone="success">{t("payouts.synced", { count: fetcher.data.enqueued })}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {payouts.length === 0 ? (
              <Text as="p">{t("payouts.empty")}</Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text", "text", "text"]}
                headings={[
                  t("payouts.column.payout"),
                  t("payouts.column.date"),
                  t("payouts.column.gross"),
                  t("payouts.column.fees"),
                  t("payouts.column.net"),
                  t("payouts.column.orders"),
                  t("payouts.column.voucher"),
                  t("payouts.column.status"),
                ]}
                rows={payouts.map((p) => [
                  <Link key={p.payoutId} to={`/app/payouts/${p.payoutId}`}>
                    {p.payoutId}
                  </Link>,
                  formatDay(p.date, locale),
                  formatPayoutAmount(p.gross, p.currency, locale),
                  formatPayoutAmount(p.fees, p.currency, locale),
                  formatPayoutAmount(p.net, p.currency, locale),
                  `${p.matchedOrders}/${p.orders}`,
                  p.voucherNumber ?? "–",
                  <JobStatusBadge key={`${p.payoutId}-status`} status={p.status} />,
                ])}
              />
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
