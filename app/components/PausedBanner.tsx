import { BlockStack, Banner, Text } from "@shopify/polaris";
import { useTranslation } from "../i18n/use-translation";

/** Shown while automatic transfer is paused after a failure only the merchant can fix. */
export function PausedBanner({
  reason,
  busy,
  onResume,
}: {
  reason: string | null;
  busy: boolean;
  onResume: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Banner
      tone="critical"
      title={t("transfers.paused.title")}
      action={{ content: t("transfers.paused.resume"), onAction: onResume, loading: busy, disabled: busy }}
    >
      <BlockStack gap="100">
        <Text as="p">{t("transfers.paused.body")}</Text>
        {reason ? (
          <Text as="p" fontWeight="semibold" breakWord>
            <span data-testid="paused-reason">{t("transfers.paused.reason", { reason })}</span>
          </Text>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
