import { Banner, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "../i18n/use-translation";

/**
 * Retry and "Mark as handled manually" for one parked document. Marking is final and means the
 * merchant booked it themselves, so it asks for confirmation first.
 */
export function ParkedJobActions({
  jobId,
  canRetry,
  busy,
  onRetry,
  onMarkHandled,
}: {
  jobId: string;
  canRetry: boolean;
  busy: boolean;
  onRetry: (jobId: string) => void;
  onMarkHandled: (jobId: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <Banner tone="warning" title={t("order.action.markHandled")}>
        <BlockStack gap="200">
          <Text as="p">
            <span data-testid="confirm-handled-text">{t("order.confirmHandled.body")}</span>
          </Text>
          <InlineStack gap="200">
            <Button
              variant="primary"
              tone="critical"
              disabled={busy}
              loading={busy}
              onClick={() => {
                setConfirming(false);
                onMarkHandled(jobId);
              }}
            >
              {t("order.confirmHandled.confirm")}
            </Button>
            <Button disabled={busy} onClick={() => setConfirming(false)}>
              {t("order.confirmHandled.cancel")}
            </Button>
          </InlineStack>
        </BlockStack>
      </Banner>
    );
  }
  return (
    <InlineStack gap="200">
      {canRetry ? (
        <Button variant="primary" loading={busy} disabled={busy} onClick={() => onRetry(jobId)}>
          {t("order.action.retry")}
        </Button>
      ) : null}
      <Button disabled={busy} onClick={() => setConfirming(true)}>
        {t("order.action.markHandled")}
      </Button>
    </InlineStack>
  );
}
