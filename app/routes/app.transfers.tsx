import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { Card, Layout, Page } from "@shopify/polaris";
import { requireAdmin } from "../auth/admin-context.server";
import { ActionResultBanner } from "../components/ActionResultBanner";
import { HistoricalImportCard } from "../components/HistoricalImportCard";
import { AttentionBanner } from "../components/AttentionBanner";
import { PausedBanner } from "../components/PausedBanner";
import { TransfersChart } from "../components/TransfersChart";
import { TransfersTable } from "../components/TransfersTable";
import { usePolling } from "../components/use-polling";
import { prisma } from "../db/prisma.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { useTranslation } from "../i18n/use-translation";
import { orderSourceFor } from "../sources/order-source-for.server";
import type { TransfersActionResult } from "../transfers/transfers-actions.server";
import { requestActor } from "../transfers/request-actor.server";
import { runTransfersAction } from "../transfers/transfers-actions.server";
import { transfersOverview } from "../transfers/transfers-overview.server";
import { parseTransfersAction, parseTransfersSearch, toTransfersQuery } from "../transfers/transfers-params";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const search = parseTransfersSearch(new URL(request.url).searchParams);
  const overview = await transfersOverview(prisma(), shop.id, toTransfersQuery(search));
  return json({ ...overview, search });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const context = await requireAdmin(request);
  const { shop } = context;
  const parsed = parseTransfersAction(await request.formData());
  if (!parsed.success) {
    return json<TransfersActionResult>({ ok: false, message: "transfers.result.invalid" }, { status: 400 });
  }
  const result = await runTransfersAction(prisma(), shop, parsed.data, requestActor(request, context), {
    wake: wakeWorkers,
    sourceFor: (candidate) => orderSourceFor(candidate),
  });
  return json(result, { status: result.ok ? 200 : 409 });
};

export default function TransfersPage() {
  const { page, perDay, paused, latestImport, search } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const navigate = useNavigate();
  const busy = fetcher.state !== "idle";
  const submit = (fields: Record<string, string | string[]>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    fetcher.submit(form, { method: "post" });
  };
  usePolling(page.counts.queued + page.counts.running > 0 || latestImport?.status === "running");

  return (
    <Page
      title={t("transfers.title")}
      subtitle={t("transfers.subtitle")}
      secondaryActions={[
        {
          content: t("transfers.action.retryAllFailed"),
          disabled: page.counts.failed === 0 || busy,
          onAction: () => submit({ intent: "retryAllFailed" }),
        },
      ]}
    >
      <Layout>
        {paused ? (
          <Layout.Section>
            <PausedBanner paused={paused} busy={busy} onResume={() => submit({ intent: "resume" })} />
          </Layout.Section>
        ) : null}
        {page.counts.needsAttention > 0 ? (
          <Layout.Section>
            <AttentionBanner count={page.counts.needsAttention} showList={search.tab !== "needsAttention"} />
          </Layout.Section>
        ) : null}
        {fetcher.data && fetcher.state === "idle" ? (
          <Layout.Section>
            <ActionResultBanner result={fetcher.data} />
          </Layout.Section>
        ) : null}
        <Layout.Section variant="oneHalf">
          <TransfersChart days={perDay} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <HistoricalImportCard
            progress={latestImport}
            busy={busy}
            onStart={(range) => submit({ intent: "import", ...range })}
          />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <TransfersTable
              page={page}
              search={search}
              busy={busy}
              onNavigate={(query) => navigate(`?${query}`)}
              onRetry={(ids) => submit({ intent: "retry", id: ids })}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
