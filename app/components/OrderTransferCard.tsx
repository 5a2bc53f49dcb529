import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { OrderDetail } from "../transfers/order-detail.server";
import { OrderStatusBadge } from "./StatusBadge";

/**
 * The order-page block's view, in the app: status, the ledger's number, the failure or the change
 * after transfer, and Transfer or Retry.
 */
export function OrderTransferCard({
  transfer,
  received,
  busy,
  onTransfer,
  result,
}: {
  transfer: OrderDetail["transfer"];
  /** Whether Ledger Bridge has the order at all (a job or a webhook). */
  received: boolean;
  busy: boolean;
  onTransfer: () => void;
  result: ReactNode;
}) {
  const { t } = useTranslation();
  const retry = transfer.status === "failed" && transfer.canRetry;
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
        {transfer.status === "skipped" ? (
          <Text as="p">{transfer.message ?? t("order.detail.skipped")}</Text>
        ) : null}
        {document ? (
          <Text as="p" fontWeight="semibold">
            <span data-testid="order-document">{document}</span>
          </Text>
        ) : null}
        {transfer.status === "failed" ? (
          <Banner tone="critical" title={t("order.failed.heading")}>
            {transfer.message ? <p data-testid="order-failure">{transfer.message}</p> : null}
          </Banner>
        ) : null}
        {transfer.status === "changedAfterTransfer" ? (
          <Banner tone="warning" title={t("order.changed.heading")}>
            <p>{transfer.message ?? t("order.changed.body")}</p>
          </Banner>
        ) : null}
        {result}
        {retry || transfer.canTransfer ? (
          <div>
            <Button variant="primary" loading={busy} disabled={busy} onClick={onTransfer}>
              {retry ? t("order.action.retry") : t("order.action.transfer")}
            </Button>
          </div>
        ) : null}
      </BlockStack>
    </Card>
  );
}
