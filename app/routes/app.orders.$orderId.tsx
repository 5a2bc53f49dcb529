import { handledByText } from "../i18n/audit-text";
import { jobErrorText } from "../i18n/job-error-text";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, useFetcher, useLoaderData, useRouteError } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "../auth/admin-context.server";
import { AuditLog } from "../components/AuditLog";
import { FailureReason } from "../components/FailureReason";
import { DocumentTable } from "../components/DocumentTable";
import { OrderTransferCard } from "../components/OrderTransferCard";
import { JobStatusBadge } from "../components/StatusBadge";
import { formatDateTime, formatMoney } from "../components/format";
import { ParkedJobActions } from "../components/ParkedJobActions";
import { resultStillHolds } from "../components/order-result";
import { usePolling } from "../components/use-polling";
import { prisma } from "../db/prisma.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { useTranslation } from "../i18n/use-translation";
import { parseOrderAction, runOrderAction } from "../transfers/order-actions.server";
import { orderDetail } from "../transfers/order-detail.server";
import { INVOICE_HANDLED_KIND } from "../transfers/parked-kinds";
import { requestActor } from "../transfers/request-actor.server";
import { numericOrderId as numericIdOf } from "../transfers/order-ids";

/** The numeric order id, as in the shop admin's order URL (Shopify or WooCommerce). */
const orderIdParam = z.string().regex(/^\d{1,20}$/);

function numericOrderId(value: string | undefined): string {
  const parsed = orderIdParam.safeParse(value);
  if (!parsed.success) throw new Response("Unknown order", { status: 404 });
  return parsed.data;
}

const SUCCESSFUL = new Set<string>(["queued", "requeued", "retried", "handled"]);

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return json(await orderDetail(prisma(), shop, numericOrderId(params.orderId)));
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const context = await requireAdmin(request);
  const numericId = numericOrderId(params.orderId);
  // The Transfer button (and the order block's older clients) post no body at all.
  const parsed = parseOrderAction(await request.formData().catch(() => new FormData()));
  if (!parsed.success) return json({ outcome: "invalid" as const }, { status: 400 });
  const result = await runOrderAction(
    prisma(),
    context.shop,
    numericId,
    parsed.data,
    requestActor(request, context),
  );
  if (result.requeued) wakeWorkers();
  return json({ outcome: result.outcome }, { status: result.httpStatus });
};

export default function OrderPage() {
  const detail = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const busy = fetcher.state !== "idle";
  const pending = (status: string) => status === "queued" || status === "running";
  const somethingPending =
    pending(detail.transfer.status) || detail.creditNotes.some((note) => pending(note.status));
  usePolling(somethingPending);
  const answered = fetcher.state === "idle" ? fetcher.data?.outcome : undefined;
  // One status at a time: a "queued" answer goes once the transfer it spoke of has finished.
  const outcome = answered && resultStillHolds(answered, somethingPending) ? answered : undefined;
  const act = (intent: "retry" | "markHandled") => (jobId: string) =>
    fetcher.submit({ intent, jobId }, { method: "post" });
  const received = detail.invoice !== null || detail.invoiceProblem !== null || detail.transfer.canTransfer;

  return (
    <Page
      title={detail.orderName ? t("order.titleNamed", { name: detail.orderName }) : t("order.title")}
      subtitle={t("order.subtitleId", { id: numericIdOf(detail.orderId) ?? detail.orderId })}
      backAction={{ content: t("order.back"), url: "/app/transfers" }}
    >
      <Layout>
        <Layout.Section>
          <OrderTransferCard
            transfer={detail.transfer}
            received={received}
            busy={busy}
            onTransfer={() => fetcher.submit(null, { method: "post" })}
            invoiceJobId={detail.invoiceJobId}
            handled={detail.handled}
            onRetryParked={act("retry")}
            onMarkHandled={act("markHandled")}
            result={
              outcome ? (
                <Banner tone={SUCCESSFUL.has(outcome) ? "success" : "warning"}>
                  <p data-testid="order-result">{t(`order.result.${outcome}`)}</p>
                </Banner>
              ) : null
            }
          />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {detail.transfer.documentNumber
                  ? t("order.preview.bookedHeading")
                  : t("order.preview.heading")}
              </Text>
              {detail.invoice ? <DocumentTable document={detail.invoice} /> : null}
              {detail.invoiceProblem ? (
                <Banner tone="warning">
                  <p>
                    {t("order.preview.problem")} <FailureReason error={detail.invoiceProblem} />
                  </p>
                </Banner>
              ) : null}
              {!detail.invoice && !detail.invoiceProblem ? (
                <Text as="p" tone="subdued">
                  {t("order.preview.none")}
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("order.creditNotes.heading")}
              </Text>
              {detail.creditNotes.length === 0 ? (
                <Text as="p" tone="subdued">
                  {t("order.creditNotes.none")}
                </Text>
              ) : (
                detail.creditNotes.map((note) => (
                  <BlockStack key={note.jobId} gap="200">
                    <InlineStack gap="200" blockAlign="center">
                      <JobStatusBadge status={note.status} />
                      {note.documentNumber ? (
                        <Text as="span" fontWeight="semibold">
                          {t("order.creditNotes.number", { documentNumber: note.documentNumber })}
                        </Text>
                      ) : null}
                      {note.document ? (
                        <Text as="span" tone="subdued">
                          {t("order.creditNotes.total", {
                            amount: formatMoney(note.document.totals.gross, note.document.currency, locale),
                          })}
                        </Text>
                      ) : null}
                    </InlineStack>
                    {note.handled ? (
                      <Text as="p">
                        {t("order.handled.by", {
                          by: handledByText(locale, note.handled),
                          at: formatDateTime(note.handled.at, locale),
                        })}
                      </Text>
                    ) : note.messageKind === INVOICE_HANDLED_KIND ? (
                      <Text as="p" tone="caution">
                        {t("transfers.reason.invoiceHandledManually")}
                      </Text>
                    ) : note.message ? (
                      <Text as="p" tone={note.status === "failed" ? "critical" : "subdued"}>
                        {jobErrorText(locale, note.messageText) ?? note.message}
                      </Text>
                    ) : null}
                    {note.status === "waiting" && detail.transfer.status === "handled" ? (
                      <Text as="p" tone="caution">
                        {t("order.handled.creditNotes")}
                      </Text>
                    ) : null}
                    {note.status === "needsAttention" ||
                    note.status === "failed" ||
                    (note.status === "waiting" && detail.transfer.status === "handled") ? (
                      <ParkedJobActions
                        jobId={note.jobId}
                        canRetry={note.status !== "waiting" && note.messageKind !== INVOICE_HANDLED_KIND}
                        busy={busy}
                        onRetry={act("retry")}
                        onMarkHandled={act("markHandled")}
                      />
                    ) : null}
                    {note.document ? <DocumentTable document={note.document} /> : null}
                  </BlockStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("order.audit.heading")}
              </Text>
              <AuditLog entries={detail.audit} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** An order id that is not a number: say so in the merchant's language, inside the app's frame. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) throw error;
  return (
    <Page title={t("order.title")} backAction={{ content: t("order.back"), url: "/app/transfers" }}>
      <Banner tone="warning">
        <p>{t("order.detail.unknown")}</p>
      </Banner>
    </Page>
  );
}
