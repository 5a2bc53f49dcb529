import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link as RemixLink, useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import { requireAdmin } from "../auth/admin-context.server";
import { DemoPayoutCard } from "../components/DemoPayoutCard";
import { usePolling } from "../components/use-polling";
import { env } from "../config/env.server";
import { prisma } from "../db/prisma.server";
import type { DemoActionResult } from "../../demo/demo-actions.server";
import { runDemoAction } from "../../demo/demo-actions.server";
import type {
  DemoOrderRow,
  DemoOverview,
  DemoTransferView,
  DemoWooCommerceView,
} from "../../demo/demo-overview.server";
import { demoOverview } from "../../demo/demo-overview.server";
import { parseDemoIntent } from "../../demo/demo-params.server";
import { currentDemo } from "../../demo/demo-registry.server";
import type { DemoLedgerDocument } from "../../demo/demo-types";
import { wakeWorkers } from "../engine/worker-registry.server";
import type { MessageKey } from "../i18n/messages";
import { en } from "../i18n/messages";
import { FailureReason } from "../components/FailureReason";
import { useTranslation } from "../i18n/use-translation";
import { orderSourceFor } from "../sources/order-source-for.server";

/** The local demo: a simulated Shopify to create orders in, and what the ledger simulator received. */

async function localDemoContext(request: Request) {
  const context = await requireAdmin(request);
  // The demo exists only without Shopify credentials; a configured app has no such page.
  if (context.mode !== "local") throw new Response("Not Found", { status: 404 });
  return { shop: context.shop, demo: currentDemo() };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await localDemoContext(request);
  return json({ overview: demo ? await demoOverview(prisma(), shop, demo) : null });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, demo } = await localDemoContext(request);
  const parsed = parseDemoIntent(await request.formData());
  if (!demo || !parsed.success) {
    return json<DemoActionResult>({ ok: false, message: "demo.result.invalid", vars: {} }, { status: 400 });
  }
  const result = await runDemoAction(
    {
      db: prisma(),
      shop,
      demo,
      webhookSecret: env().LOCAL_WEBHOOK_SECRET,
      wake: wakeWorkers,
      sourceFor: (candidate) => orderSourceFor(candidate),
    },
    parsed.data,
  );
  return json(result, { status: result.ok ? 200 : 409 });
};

type Submit = (fields: Record<string, string>) => void;

export default function DemoPage() {
  const { overview } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const busy = fetcher.state !== "idle";
  const submit: Submit = (fields) => fetcher.submit(fields, { method: "post" });
  usePolling(overview?.pending ?? false, 1000);

  if (!overview) {
    return (
      <Page title={t("demo.title")}>
        <Banner tone="info" title={t("demo.off.title")}>
          <p>{t("demo.off.body")}</p>
        </Banner>
      </Page>
    );
  }
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <Page title={t("demo.title")} subtitle={t("demo.subtitle")}>
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "warning"}>
              <p data-testid="demo-result">{t(result.message, result.vars)}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {overview.paused ? (
          <Layout.Section>
            <PausedBanner overview={overview} busy={busy} submit={submit} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Text as="p">{t("demo.intro")}</Text>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <ConnectionCard overview={overview} busy={busy} submit={submit} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <ShopifyCard overview={overview} busy={busy} submit={submit} />
        </Layout.Section>
        <Layout.Section>
          <OrdersCard orders={overview.orders} busy={busy || !overview.shopifyUrl} submit={submit} />
        </Layout.Section>
        {overview.woocommerce ? (
          <Layout.Section>
            <WooCommerceCard woocommerce={overview.woocommerce} busy={busy} submit={submit} />
          </Layout.Section>
        ) : null}
        {overview.shopifyUrl ? (
          <Layout.Section>
            <DemoPayoutCard
              payout={overview.payout}
              busy={busy}
              onCreate={() => submit({ intent: "createPayout" })}
            />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <LedgerCard overview={overview} />
        </Layout.Section>
        <Layout.Section>
          <CredentialsCard overview={overview} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function PausedBanner({ overview, busy, submit }: { overview: DemoOverview; busy: boolean; submit: Submit }) {
  const { t } = useTranslation();
  const fix = overview.giftCardAccount.missing ? overview.giftCardAccount.fix : null;
  return (
    <Banner tone="critical" title={t("demo.paused.title")}>
      <BlockStack gap="200">
        <p data-testid="demo-paused-reason">
          {overview.paused?.failure ? (
            <>
              {t("transfers.paused.reasonOrder", { order: overview.paused.failure.order })}{" "}
              <FailureReason error={overview.paused.failure.error} fallback={overview.paused.reason} />
            </>
          ) : (
            overview.paused?.reason
          )}
        </p>
        <InlineStack gap="200">
          {fix ? (
            <Button disabled={busy} onClick={() => submit({ intent: "fixGiftCard" })}>
              {t("demo.paused.fix", { account: fix })}
            </Button>
          ) : null}
          <Button variant="primary" disabled={busy} onClick={() => submit({ intent: "resume" })}>
            {t("demo.paused.resume")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Banner>
  );
}

function ConnectionCard({
  overview,
  busy,
  submit,
}: {
  overview: DemoOverview;
  busy: boolean;
  submit: Submit;
}) {
  const { t } = useTranslation();
  const { connection } = overview;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.connection.heading")}
        </Text>
        {connection ? (
          <div data-testid="demo-connection">
            <Text as="p">
              {connection.simulated
                ? t("demo.connection.simulated", {
                    ledger: connection.name,
                    organisation: connection.organisationName ?? "",
                  })
                : t("demo.connection.external", { ledger: connection.name })}
            </Text>
          </div>
        ) : (
          <BlockStack gap="200">
            <div data-testid="demo-connection">
              <Text as="p">{t("demo.connection.none")}</Text>
            </div>
            <InlineStack gap="200">
              {overview.simulators.map((simulator) => (
                <Button
                  key={simulator.provider}
                  disabled={busy}
                  onClick={() => submit({ intent: "connect", provider: simulator.provider })}
                >
                  {t("demo.connection.connect", { ledger: simulator.name })}
                </Button>
              ))}
            </InlineStack>
          </BlockStack>
        )}
        <RemixLink to="/app/connect">{t("demo.connection.goToConnect")}</RemixLink>
      </BlockStack>
    </Card>
  );
}

function ShopifyCard({ overview, busy, submit }: { overview: DemoOverview; busy: boolean; submit: Submit }) {
  const { t } = useTranslation();
  if (!overview.shopifyUrl) {
    return (
      <Card>
        <Text as="p">{t("demo.noShopify")}</Text>
      </Card>
    );
  }
  const action = (intent: string, label: MessageKey, help: MessageKey, primary = false) => (
    <BlockStack gap="100">
      <InlineStack>
        <Button
          variant={primary ? "primary" : "secondary"}
          disabled={busy}
          onClick={() => submit({ intent })}
        >
          {t(label)}
        </Button>
      </InlineStack>
      <Text as="p" tone="subdued">
        {t(help)}
      </Text>
    </BlockStack>
  );
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.shop.heading")}
        </Text>
        {action("createPaid", "demo.action.createPaid", "demo.action.createPaid.help", true)}
        {action(
          "createWithoutWebhook",
          "demo.action.createWithoutWebhook",
          "demo.action.createWithoutWebhook.help",
        )}
        {action(
          "createFailing",
          "demo.action.createFailing",
          overview.giftCardAccount.missing
            ? "demo.action.createFailing.help"
            : "demo.action.createFailing.fixedHelp",
        )}
        {action("reconcile", "demo.action.reconcile", "demo.action.reconcile.help")}
      </BlockStack>
    </Card>
  );
}

function TransferCell({ order }: { order: DemoOrderRow }) {
  const { t } = useTranslation();
  if (!order.invoice) return <Badge>{t("demo.orders.notTransferred")}</Badge>;
  return (
    <BlockStack gap="100">
      <InlineStack gap="100" blockAlign="center">
        <StatusBadge transfer={order.invoice} />
        {order.invoice.documentNumber ? (
          <Text as="span" fontWeight="semibold">
            {t("demo.orders.invoiceNumber", { number: order.invoice.documentNumber })}
          </Text>
        ) : null}
      </InlineStack>
      {order.invoice.status === "failed" && order.invoice.message ? (
        // Table cells do not wrap; a merchant message must, or the table scrolls sideways.
        <div style={{ whiteSpace: "normal", maxWidth: 320 }}>
          <Text as="p" tone="critical">
            <FailureReason error={order.invoice.messageText} fallback={order.invoice.message} />
          </Text>
        </div>
      ) : null}
      {order.creditNotes.map((note, index) => (
        <InlineStack key={index} gap="100" blockAlign="center">
          <StatusBadge transfer={note} />
          <Text as="span">
            {note.documentNumber
              ? t("demo.orders.creditNoteNumber", { number: note.documentNumber })
              : t("demo.orders.creditNote")}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}

function StatusBadge({ transfer }: { transfer: DemoTransferView }) {
  const { t } = useTranslation();
  const tone =
    transfer.status === "succeeded"
      ? "success"
      : transfer.status === "failed"
        ? "critical"
        : transfer.status === "skipped"
          ? undefined
          : "info";
  return <Badge tone={tone}>{t(`demo.status.${transfer.status}`)}</Badge>;
}

function OrdersCard({ orders, busy, submit }: { orders: DemoOrderRow[]; busy: boolean; submit: Submit }) {
  const { t, locale } = useTranslation();
  const rows: ReactNode[][] = orders.map((order) => [
    <RemixLink key="name" to={`/app/orders/${order.numericId}`} data-testid={`demo-order-${order.name}`}>
      {order.name}
    </RemixLink>,
    order.customer,
    money(Math.round(Number(order.total) * 100), order.currency, locale),
    <InlineStack key="state" gap="100">
      <Badge tone="success">{t("demo.orders.paid")}</Badge>
      {order.fulfilled ? <Badge>{t("demo.orders.fulfilled")}</Badge> : null}
      {order.refunded ? <Badge tone="warning">{t("demo.orders.refunded")}</Badge> : null}
      {order.webhookDelivered ? null : <Badge tone="attention">{t("demo.orders.noWebhook")}</Badge>}
    </InlineStack>,
    <TransferCell key="transfer" order={order} />,
    <InlineStack key="actions" gap="100">
      {(
        [
          ["deliver", !order.webhookDelivered, "demo.orders.deliver"],
          ["fulfil", !order.fulfilled, "demo.orders.fulfil"],
          ["refund", !order.refunded, "demo.orders.refund"],
        ] as const
      ).map(([intent, offered, label]) =>
        offered ? (
          <Button
            key={intent}
            size="slim"
            disabled={busy}
            onClick={() => submit({ intent, orderId: order.orderId })}
          >
            {t(label)}
          </Button>
        ) : null,
      )}
      <Button size="slim" url={`/app/orders/${order.numericId}`}>
        {t("demo.orders.open")}
      </Button>
    </InlineStack>,
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.orders.heading")}
        </Text>
        <div data-testid="demo-orders">
          {orders.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("demo.orders.empty")}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric", "text", "text", "text"]}
              headings={[
                t("demo.orders.order"),
                t("demo.orders.customer"),
                t("demo.orders.total"),
                t("demo.orders.shopify"),
                t("demo.orders.transfer"),
                t("demo.orders.actions"),
              ]}
              rows={rows}
            />
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

/** The demo's WooCommerce store: a paid order travels by the store's own signed webhook. */
function WooCommerceCard({
  woocommerce,
  busy,
  submit,
}: {
  woocommerce: DemoWooCommerceView;
  busy: boolean;
  submit: Submit;
}) {
  const { t, locale } = useTranslation();
  const rows: ReactNode[][] = woocommerce.orders.map((order) => [
    <span key="name" data-testid={`demo-woo-order-${order.name}`}>
      {order.name}
    </span>,
    order.customer,
    money(Math.round(Number(order.total) * 100), order.currency, locale),
    <InlineStack key="state" gap="100">
      <Badge tone="success">{t("demo.orders.paid")}</Badge>
      {order.fulfilled ? <Badge>{t("demo.orders.fulfilled")}</Badge> : null}
      {order.refunded ? <Badge tone="warning">{t("demo.orders.refunded")}</Badge> : null}
    </InlineStack>,
    <TransferCell key="transfer" order={order} />,
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.woo.heading")}
        </Text>
        <Text as="p">{t("demo.woo.intro")}</Text>
        {woocommerce.connected ? null : (
          <Banner tone={woocommerce.connectError ? "warning" : "info"}>
            <p data-testid="demo-woo-connection">
              {woocommerce.connectError
                ? t("demo.woo.connectFailed", { reason: woocommerce.connectError })
                : t("demo.woo.connecting")}
            </p>
          </Banner>
        )}
        <BlockStack gap="100">
          <InlineStack>
            <Button
              variant="primary"
              disabled={busy || !woocommerce.connected}
              onClick={() => submit({ intent: "createWooOrder" })}
            >
              {t("demo.woo.createPaid")}
            </Button>
          </InlineStack>
          <Text as="p" tone="subdued">
            {t("demo.woo.createPaid.help")}
          </Text>
        </BlockStack>
        <Text as="h3" variant="headingSm">
          {t("demo.woo.orders.heading")}
        </Text>
        <div data-testid="demo-woo-orders">
          {woocommerce.orders.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("demo.woo.orders.empty")}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "numeric", "text", "text"]}
              headings={[
                t("demo.orders.order"),
                t("demo.orders.customer"),
                t("demo.orders.total"),
                t("demo.woo.orders.store"),
                t("demo.orders.transfer"),
              ]}
              rows={rows}
            />
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

function LedgerCard({ overview }: { overview: DemoOverview }) {
  const { t, locale } = useTranslation();
  const documents = overview.ledgerDocuments;
  const state = (document: DemoLedgerDocument) => (
    <InlineStack gap="100">
      <Badge tone={document.booked ? "success" : undefined}>
        {document.booked ? t("demo.ledger.booked") : t("demo.ledger.draft")}
      </Badge>
      <Badge tone={document.paid ? "success" : "attention"}>
        {document.paid
          ? document.kind === "creditNote"
            ? t("demo.ledger.refundPaid")
            : t("demo.ledger.paid")
          : t("demo.ledger.unpaid")}
      </Badge>
    </InlineStack>
  );
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {overview.connection?.simulated
            ? t("demo.ledger.heading", { ledger: overview.connection.name })
            : t("demo.ledger.headingNone")}
        </Text>
        <div data-testid="demo-ledger">
          {documents === null ? (
            <Text as="p" tone="subdued">
              {t("demo.ledger.none")}
            </Text>
          ) : documents.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("demo.ledger.empty")}
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "text"]}
              headings={[
                t("demo.ledger.document"),
                t("demo.ledger.number"),
                t("demo.ledger.customer"),
                t("demo.ledger.total"),
                t("demo.ledger.state"),
              ]}
              rows={documents.map((document) => [
                document.kind === "invoice" ? t("demo.ledger.invoice") : t("demo.ledger.creditNote"),
                document.number ?? "—",
                document.customer ?? "—",
                money(document.totalMinor, document.currency, locale),
                state(document),
              ])}
            />
          )}
        </div>
      </BlockStack>
    </Card>
  );
}

function CredentialsCard({ overview }: { overview: DemoOverview }) {
  const { t } = useTranslation();
  const label = (provider: string, field: string) => {
    const key = `onboarding.field.${provider}.${field}.label`;
    return key in en ? t(key as MessageKey) : field;
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("demo.credentials.heading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("demo.credentials.note")}
        </Text>
        <div data-testid="demo-credentials">
          <BlockStack gap="300">
            {overview.simulators.map((simulator) => (
              <BlockStack key={simulator.provider} gap="100">
                <Text as="h3" variant="headingSm">
                  {simulator.name}
                </Text>
                <Text as="p" tone="subdued">
                  {t("demo.credentials.company", { name: simulator.organisationName })}
                </Text>
                {simulator.credentials.map((credential) => (
                  <Text as="p" key={credential.field}>
                    {label(simulator.provider, credential.field)}: <code>{credential.value}</code>
                  </Text>
                ))}
              </BlockStack>
            ))}
            {overview.woocommerce ? (
              <BlockStack gap="100">
                <Text as="h3" variant="headingSm">
                  {t("demo.woo.credentials.heading")}
                </Text>
                <Text as="p">
                  {t("demo.woo.credentials.url")}: <code>{overview.woocommerce.url}</code>
                </Text>
                <Text as="p">
                  {t("demo.woo.credentials.consumerKey")}: <code>{overview.woocommerce.consumerKey}</code>
                </Text>
                <Text as="p">
                  {t("demo.woo.credentials.consumerSecret")}:{" "}
                  <code>{overview.woocommerce.consumerSecret}</code>
                </Text>
              </BlockStack>
            ) : null}
          </BlockStack>
        </div>
      </BlockStack>
    </Card>
  );
}

/** Minor units for display only (never arithmetic). */
function money(minor: number, currency: string, locale: "en" | "da"): string {
  return new Intl.NumberFormat(locale === "da" ? "da-DK" : "en-GB", { style: "currency", currency }).format(
    minor / 100,
  );
}
