import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "../auth/admin-context.server";
import { formatPayoutAmount } from "../components/payout-format";
import { JobStatusBadge } from "../components/StatusBadge";
import { prisma } from "../db/prisma.server";
import { retryPayout, transferPayoutOrder } from "../engine/payouts/payout-actions.server";
import { payoutDetail } from "../engine/payouts/payout-view.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { jobErrorOf, jobErrorText } from "../i18n/job-error-text";
import type { MessageKey } from "../i18n/messages";
import { useTranslation } from "../i18n/use-translation";

const payoutId = z.string().regex(/^\d{1,20}$/);
const actionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry") }),
  z.object({ intent: z.literal("transfer"), orderId: z.string().min(1).max(200) }),
]);

function idOf(value: string | undefined): string {
  const parsed = payoutId.safeParse(value);
  if (!parsed.success) throw new Response("Unknown payout", { status: 404 });
  return parsed.data;
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const detail = await payoutDetail(prisma(), shop.id, idOf(params.id));
  if (!detail) throw new Response("Unknown payout", { status: 404 });
  return json(detail);
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const id = idOf(params.id);
  const parsed = actionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ outcome: "invalid" }, { status: 400 });
  if (parsed.data.intent === "retry") {
    const retried = await retryPayout(prisma(), shop.id, id);
    if (retried) wakeWorkers();
    return json({ outcome: retried ? "retried" : "notParked" }, { status: retried ? 200 : 409 });
  }
  const result = await transferPayoutOrder(prisma(), shop, id, parsed.data.orderId);
  const queued = result.outcome === "queued" || result.outcome === "requeued";
  if (queued) wakeWorkers();
  return json({ outcome: result.outcome }, { status: queued ? 200 : 409 });
};

const ROLE_KEY = {
  bank: "payouts.role.bank",
  fees: "payouts.role.fees",
  clearing: "payouts.role.clearing",
  disputes: "payouts.role.disputes",
  reserves: "payouts.role.reserves",
  adjustments: "payouts.role.adjustments",
} as const satisfies Record<string, MessageKey>;

export default function PayoutPage() {
  const payout = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const money = (minor: number) => formatPayoutAmount(minor, payout.currency, locale);
  const error = jobErrorText(locale, jobErrorOf(payout.error));
  const busy = fetcher.state !== "idle";
  return (
    <Page
      backAction={{ url: "/app/payouts" }}
      title={t("payouts.detail.title", { payout: payout.payoutId })}
      titleMetadata={<JobStatusBadge status={payout.status} />}
      subtitle={`${payout.date} · ${money(payout.net)}`}
    >
      <Layout>
        {payout.status === "needsAttention" && error ? (
          <Layout.Section>
            <Banner
              tone="critical"
              action={{
                content: t("payouts.detail.retry"),
                disabled: busy,
                onAction: () => fetcher.submit({ intent: "retry" }, { method: "post" }),
              }}
            >
              {error}
            </Banner>
          </Layout.Section>
        ) : null}
        {fetcher.data?.outcome === "retried" ? (
          <Layout.Section>
            <Banner tone="success">{t("payouts.detail.retried")}</Banner>
          </Layout.Section>
        ) : null}
        {fetcher.data?.outcome === "queued" || fetcher.data?.outcome === "requeued" ? (
          <Layout.Section>
            <Banner tone="success">{t("payouts.detail.transferQueued")}</Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("payouts.detail.entry")}
              </Text>
              {!payout.booked ? <Text as="p">{t("payouts.detail.preview")}</Text> : null}
              {payout.entry ? (
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric"]}
                  headings={[
                    "",
                    t("payouts.detail.account"),
                    t("payouts.detail.debit"),
                    t("payouts.detail.credit"),
                  ]}
                  rows={payout.entry.lines.map((line) => [
                    t(ROLE_KEY[line.role]),
                    line.account,
                    line.amount > 0 ? money(line.amount) : "",
                    line.amount < 0 ? money(-line.amount) : "",
                  ])}
                />
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("payouts.detail.transactions")}
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "numeric", "numeric", "text"]}
                headings={[
                  "",
                  t("payouts.column.payout"),
                  t("payouts.column.gross"),
                  t("payouts.column.fees"),
                  "",
                ]}
                rows={payout.transactions.map((tx) => [
                  tx.order?.name ?? tx.providerType,
                  tx.providerType,
                  money(tx.amount),
                  money(tx.fee),
                  tx.match.status === "transferred" ? (
                    t("payouts.detail.matched", { document: tx.match.documentNumber ?? "" })
                  ) : tx.match.status === "notTransferred" && tx.category === "sale" && tx.order ? (
                    <Button
                      key={tx.id}
                      disabled={busy}
                      onClick={() =>
                        fetcher.submit(
                          { intent: "transfer", orderId: tx.order?.id ?? "" },
                          { method: "post" },
                        )
                      }
                    >
                      {t("payouts.detail.transfer")}
                    </Button>
                  ) : tx.match.status === "notTransferred" ? (
                    t("payouts.detail.notTransferred")
                  ) : (
                    ""
                  ),
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
