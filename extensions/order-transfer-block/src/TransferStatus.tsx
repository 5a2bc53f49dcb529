/** @jsxImportSource preact */
import { translate } from "./host";
import type { TransferStatus as Status, TransferStatusName } from "./transfer-status-contract";

type Tone = "neutral" | "info" | "success" | "caution" | "warning" | "critical";

const TONES: Record<TransferStatusName, Tone> = {
  notTransferred: "neutral",
  queued: "info",
  running: "info",
  transferred: "success",
  failed: "critical",
  skipped: "neutral",
  changedAfterTransfer: "warning",
  needsAttention: "warning",
  handled: "neutral",
};

export function statusTone(status: TransferStatusName): Tone {
  return TONES[status];
}

function documentLine(status: Status): string | undefined {
  if (!status.documentNumber) return undefined;
  return status.ledger
    ? translate("detail.transferredAsIn", { documentNumber: status.documentNumber, ledger: status.ledger })
    : translate("detail.transferredAs", { documentNumber: status.documentNumber });
}

export function TransferStatus({ status }: { status: Status }) {
  const document = documentLine(status);
  return (
    <s-stack gap="small-200">
      <s-badge tone={statusTone(status.status)}>{translate(`status.${status.status}`)}</s-badge>
      {status.status === "notTransferred" && <s-text>{translate("detail.notTransferred")}</s-text>}
      {status.status === "queued" && <s-text>{translate("detail.queued")}</s-text>}
      {status.status === "running" && <s-text>{translate("detail.running")}</s-text>}
      {status.status === "skipped" && <s-text>{status.message ?? translate("detail.skipped")}</s-text>}
      {document && <s-text type="strong">{document}</s-text>}
      {status.status === "failed" && (
        <s-banner tone="critical" heading={translate("failed.heading")}>
          {status.message && <s-text>{status.message}</s-text>}
        </s-banner>
      )}
      {status.status === "needsAttention" && (
        <s-banner tone="warning" heading={translate("attention.heading")}>
          {status.message && <s-text type="strong">{status.message}</s-text>}
          <s-text>{translate("attention.body")}</s-text>
        </s-banner>
      )}
      {status.status === "handled" && <s-text>{translate("handled.body")}</s-text>}
      {status.status === "changedAfterTransfer" && (
        <s-banner tone="warning" heading={translate("changed.heading")}>
          <s-text>{status.message ?? translate("changed.body")}</s-text>
        </s-banner>
      )}
    </s-stack>
  );
}
