import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { handledByText } from "../i18n/audit-text";
import { jobErrorText } from "../i18n/job-error-text";
import { useTranslation } from "../i18n/use-translation";
import type { HandledView, OrderDetail } from "../transfers/order-detail.server";
import { FailureReason } from "./FailureReason";
import { formatDateTime } from "./format";
import { ParkedJobActions } from "./ParkedJobActions";
import { OrderStatusBadge } from "./StatusBadge";

/**
 * The order-page block's view, in the app: status, the ledger's number, the failure or the change
 * after transfer, and Transfer or Retry; for a parked (or failed) invoice also "Mark as handled
 * manually", and for a handled one who did it and when.
 */
export function OrderTransferCard({
  transfer,
  received,
  busy,
  onTransfer,
  invoiceJobId,
  handled,
  onRetryParked,
  onMarkHandled,
  result,
}: {
  transfer: OrderDetail["transfer"];
  /** Whether Ledger Bridge has the order at all (a job or a webhook). */
  received: boolean;
  busy: boolean;
  onTransfer: () => void;
  invoiceJobId: string | null;
  handled: HandledView | null;
  onRetryParked: (jobId: string) => void;
  onMarkHandled: (jobId: string) => void;
  result: ReactNode;
}) {
  const { t, locale } = useTranslation();
  const retry = transfer.status === "failed" && transfer.canRetry;
  // Ledger Bridge's own reasons in the merchant's language; a ledger's words as it sent them.
  const reasonText = jobErrorText(locale, transfer.messageText ?? null) ?? transfer.message ?? null;
  const reason = reasonText ? (
    <FailureReason error={transfer.messageText ?? null} fallback={transfer.message ?? null} />
  ) : null;
  const document = transfer.documentNumber
    ? transfer.ledger
      ? t("order.detail.transferredAsIn", {
          documentNumber: transfer.documentNumber,
          ledger: transfer.ledger,
        })
      : t("order.detail.transferredAs", { documentNumber: transfer.documentNumber })
    : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("order.transfer.heading")}
        </Text>
        <div data-testid="order-status">
          <OrderStatusBadge status={transfer.status} />
        </div>
        {transfer.status === "notTransferred" ? (
          <Text as="p">{received ? t("order.detail.notTransferred") : t("order.detail.unknown")}</Text>
        ) : null}
        {transfer.status === "queued" ? <Text as="p">{t("order.detail.queued")}</Text> : null}
        {transfer.status === "running" ? <Text as="p">{t("order.detail.running")}</Text> : null}
        {transfer.status === "skipped" ? <Text as="p">{reason ?? t("order.detail.skipped")}</Text> : null}
        {document ? (
          <Text as="p" fontWeight="semibold">
            <span data-testid="order-document">{document}</span>
          </Text>
        ) : null}
        {transfer.status === "failed" ? (
          <Banner tone="critical" title={t("order.failed.heading")}>
            {reason ? <p data-testid="order-failure">{reason}</p> : null}
          </Banner>
        ) : null}
        {transfer.status === "needsAttention" ? (
          <Banner tone="warning" title={t("order.attention.heading")}>
            <BlockStack gap="100">
              {reason ? (
                <Text as="p" fontWeight="semibold" breakWord>
                  <span data-testid="order-attention-reason">{reason}</span>
                </Text>
              ) : null}
              <Text as="p">{t("order.attention.body")}</Text>
            </BlockStack>
          </Banner>
        ) : null}
        {transfer.status === "handled" ? (
          <Text as="p">
            <span data-testid="order-handled">
              {handled
                ? t("order.handled.by", {
                    by: handledByText(locale, handled),
                    at: formatDateTime(handled.at, locale),
                  })
                : t("order.status.handled")}
            </span>
          </Text>
        ) : null}
        {transfer.status === "changedAfterTransfer" ? (
          <Banner tone="warning" title={t("order.changed.heading")}>
            <p>{transfer.message ?? t("order.changed.body")}</p>
          </Banner>
        ) : null}
        {result}
        {transfer.status === "needsAttention" && invoiceJobId ? (
          <ParkedJobActions
            jobId={invoiceJobId}
            canRetry={transfer.canRetry}
            busy={busy}
            onRetry={onRetryParked}
            onMarkHandled={onMarkHandled}
          />
        ) : null}
        {retry || transfer.canTransfer ? (
          <div>
            <Button variant="primary" loading={busy} disabled={busy} onClick={onTransfer}>
              {retry ? t("order.action.retry") : t("order.action.transfer")}
            </Button>
          </div>
        ) : null}
        {transfer.status === "failed" && invoiceJobId ? (
          // A failed invoice keeps its Retry above; it too may have been booked by hand.
          <ParkedJobActions
            jobId={invoiceJobId}
            canRetry={false}
            busy={busy}
            onRetry={onRetryParked}
            onMarkHandled={onMarkHandled}
          />
        ) : null}
      </BlockStack>
    </Card>
  );
}
