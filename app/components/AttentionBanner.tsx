import { Banner, Text } from "@shopify/polaris";
import { useTranslation } from "../i18n/use-translation";

/** Where the transfers page lists the orders that need attention. */
export const ATTENTION_TAB_URL = "/app/transfers?tab=needsAttention";

/**
 * Shown while orders are parked for the merchant. Unlike the paused banner, nothing is stopped:
 * the shop's other orders keep flowing, so the tone is a warning and there is nothing to resume.
 */
export function AttentionBanner({ count, showList }: { count: number; showList: boolean }) {
  const { t } = useTranslation();
  return (
    <Banner
      tone="warning"
      title={t("transfers.attention.title", { count })}
      {...(showList ? { action: { content: t("transfers.attention.show"), url: ATTENTION_TAB_URL } } : {})}
    >
      <div data-testid="attention-banner">
        <Text as="p">{t("transfers.attention.body")}</Text>
      </div>
    </Banner>
  );
}
