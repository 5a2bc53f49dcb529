import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "../auth/admin-context.server";
import { AttentionBanner } from "../components/AttentionBanner";
import { databaseTarget } from "../db/driver-adapter.server";
import { prisma } from "../db/prisma.server";
import { PAYOUT_JOB_KIND } from "../engine/payouts/payout-jobs";
import { useTranslation } from "../i18n/use-translation";
import { homeSummary } from "../transfers/home-summary.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, mode } = await requireAdmin(request);
  const [webhooks, needsAttention, summary] = await Promise.all([
    prisma().webhookEvent.count({ where: { shopDomain: shop.domain } }),
    // The banner links to the transfers' attention tab; a parked payout shows on the Payouts page.
    prisma().job.count({
      where: { shopId: shop.id, status: "needsAttention", kind: { not: PAYOUT_JOB_KIND } },
    }),
    homeSummary(prisma(), shop.id),
  ]);
  return {
    shopDomain: shop.domain,
    mode,
    database: databaseTarget().kind,
    webhooks,
    needsAttention,
    summary,
  };
};

export default function Home() {
  const { shopDomain, mode, database, webhooks, needsAttention, summary } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <Page title={t("home.title")}>
      <Layout>
        {mode === "local" ? (
          <Layout.Section>
            <Banner tone="info">{t("mode.local", { shop: shopDomain })}</Banner>
          </Layout.Section>
        ) : null}
        {needsAttention > 0 ? (
          <Layout.Section>
            <AttentionBanner count={needsAttention} showList />
          </Layout.Section>
        ) : null}
        {summary.ledger === null || summary.ledger.needsReconnect ? (
          <Layout.Section>
            <Banner tone="warning" action={{ content: t("home.next.connectAction"), url: "/app/connect" }}>
              <p data-testid="home-next-step">
                {summary.ledger === null ? t("home.next.connect") : t("home.next.reconnect")}
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("home.transfers.heading")}
              </Text>
              <InlineStack gap="400">
                <Text as="p" id="home-transferred">
                  {t("home.transfers.transferred")}: {summary.transferred}
                </Text>
                <Text as="p" id="home-need-look" tone={summary.needLook > 0 ? "critical" : undefined}>
                  {t("home.transfers.needLook")}: {summary.needLook}
                </Text>
                <Text as="p" id="home-waiting">
                  {t("home.transfers.waiting")}: {summary.waiting}
                </Text>
              </InlineStack>
              {summary.paused ? <Text as="p">{t("home.transfers.paused")}</Text> : null}
              {summary.needLook > 0 ? (
                <RemixLink to={`/app/transfers?tab=${summary.needLookTab}`}>
                  {t("home.transfers.seeFailures")}
                </RemixLink>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="p">{t("home.intro")}</Text>
              <Text as="h2" variant="headingMd">
                {t("home.status.heading")}
              </Text>
              <Text as="p" id="status-shop">
                {t("home.status.shop")}: {shopDomain}
              </Text>
              <Text as="p" id="status-database">
                {t("home.status.database")}:{" "}
                {database === "pglite"
                  ? t("home.status.database.pglite")
                  : t("home.status.database.postgres")}
              </Text>
              <Text as="p" id="status-webhooks">
                {t("home.status.webhooks")}: {webhooks}
              </Text>
              <InlineStack gap="200">
                <Text as="span">{t("home.language")}:</Text>
                <RemixLink to="?locale=en">English</RemixLink>
                <RemixLink to="?locale=da">Dansk</RemixLink>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
