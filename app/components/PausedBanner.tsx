import { BlockStack, Banner, Text } from "@shopify/polaris";
import { useTranslation } from "../i18n/use-translation";
import type { PausedState } from "../transfers/transfers-overview.server";
import { FailureReason } from "./FailureReason";

/** Shown while automatic transfer is paused after a failure only the merchant can fix. */
export function PausedBanner({
  paused,
  busy,
  onResume,
}: {
  paused: Pick<PausedState, "reason" | "failure">;
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
        {paused.failure ? (
          // The failure that paused transfers, in the page's language, with a link to its setting.
          <Text as="p" fontWeight="semibold" breakWord>
            <span data-testid="paused-reason">
              {t("transfers.paused.reasonOrder", { order: paused.failure.order })}{" "}
              <FailureReason error={paused.failure.error} fallback={paused.reason} />
            </span>
          </Text>
        ) : paused.reason ? (
          // Paused by hand: the operator's own words.
          <Text as="p" fontWeight="semibold" breakWord>
            <span data-testid="paused-reason">{t("transfers.paused.reason", { reason: paused.reason })}</span>
          </Text>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
