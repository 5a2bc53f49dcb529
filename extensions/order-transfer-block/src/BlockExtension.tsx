/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { fetchTransferStatus, requestTransfer, TransferApiError } from "./api";
import { host, translate } from "./host";
import { InvoicePreview } from "./InvoicePreview";
import type { TransferStatus as Status } from "./transfer-status-contract";
import { TransferStatus } from "./TransferStatus";

/** While the worker holds the order, re-read the status so the block settles without a reload. */
const POLL_MS = 4000;

export default async () => {
  render(<Extension />, document.body);
};

type Load = { kind: "loading" } | { kind: "loaded"; status: Status } | { kind: "error"; message: string };

function errorText(error: unknown, fallbackKey: string): string {
  return error instanceof TransferApiError && error.merchantMessage
    ? error.merchantMessage
    : translate(fallbackKey);
}

function Extension() {
  const orderGid = host().data.selected[0]?.id;
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const mounted = useRef(true);

  const refresh = useCallback(async () => {
    if (!orderGid) return;
    try {
      const status = await fetchTransferStatus(orderGid);
      if (mounted.current) setLoad({ kind: "loaded", status });
    } catch (error) {
      if (mounted.current) setLoad({ kind: "error", message: errorText(error, "errors.load") });
    }
  }, [orderGid]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  const pending =
    load.kind === "loaded" && (load.status.status === "queued" || load.status.status === "running");
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, load, refresh]);

  const transfer = useCallback(async () => {
    if (!orderGid) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await requestTransfer(orderGid);
    } catch (error) {
      if (mounted.current) setActionError(errorText(error, "errors.transfer"));
    }
    await refresh();
    if (mounted.current) setBusy(false);
  }, [orderGid, refresh]);

  const heading = translate("heading");
  if (!orderGid) {
    return (
      <s-admin-block heading={heading}>
        <s-text>{translate("errors.noOrder")}</s-text>
      </s-admin-block>
    );
  }
  if (load.kind === "loading") {
    return (
      <s-admin-block heading={heading}>
        <s-spinner />
      </s-admin-block>
    );
  }
  if (load.kind === "error") {
    return (
      <s-admin-block heading={heading}>
        <s-stack gap="base">
          <s-banner tone="critical">{load.message}</s-banner>
          <s-button onClick={() => void refresh()}>{translate("actions.reload")}</s-button>
        </s-stack>
      </s-admin-block>
    );
  }

  const { status } = load;
  const retry = (status.status === "failed" || status.status === "needsAttention") && status.canRetry;
  const showButton = retry || status.canTransfer;
  return (
    <s-admin-block heading={heading} collapsedSummary={translate(`status.${status.status}`)}>
      <s-stack gap="base">
        <TransferStatus status={status} />
        {status.preview && <InvoicePreview preview={status.preview} />}
        {actionError && <s-banner tone="critical">{actionError}</s-banner>}
        {showButton && (
          <s-button variant="primary" loading={busy} disabled={busy} onClick={() => void transfer()}>
            {translate(retry ? "actions.retry" : "actions.transfer")}
          </s-button>
        )}
      </s-stack>
    </s-admin-block>
  );
}
