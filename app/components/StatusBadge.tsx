import { Badge, InlineStack } from "@shopify/polaris";
import type { JobStatus } from "../engine/job-types";
import type { OrderTransferStatus } from "../engine/order-transfer-status.server";
import { useTranslation } from "../i18n/use-translation";

type Tone = "info" | "success" | "warning" | "critical" | "attention" | undefined;

const JOB_TONES: Record<JobStatus, Tone> = {
  queued: "info",
  waiting: "attention",
  running: "info",
  succeeded: "success",
  failed: "critical",
  skipped: undefined,
  needsAttention: "critical",
  handled: "success",
};

/** A transfer job's status, plus the "changed after transfer" flag when the order was edited since. */
export function JobStatusBadge({ status, changed }: { status: JobStatus; changed?: boolean }) {
  const { t } = useTranslation();
  return (
    <InlineStack gap="100" wrap={false}>
      <Badge tone={JOB_TONES[status]} progress={status === "succeeded" ? "complete" : undefined}>
        {t(`transfers.status.${status}`)}
      </Badge>
      {changed ? <Badge tone="warning">{t("transfers.status.changed")}</Badge> : null}
    </InlineStack>
  );
}

const ORDER_TONES: Record<OrderTransferStatus["status"], Tone> = {
  notTransferred: undefined,
  queued: "info",
  running: "info",
  transferred: "success",
  failed: "critical",
  skipped: undefined,
  changedAfterTransfer: "warning",
};

/** The order's transfer status as the order-page block shows it. */
export function OrderStatusBadge({ status }: { status: OrderTransferStatus["status"] }) {
  const { t } = useTranslation();
  return <Badge tone={ORDER_TONES[status]}>{t(`order.status.${status}`)}</Badge>;
}
