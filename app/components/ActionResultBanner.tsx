import { Banner } from "@shopify/polaris";
import { useTranslation } from "../i18n/use-translation";
import type { MessageKey } from "../i18n/messages";

/** The outcome of a button the merchant pressed, in their language. */
export function ActionResultBanner({
  result,
}: {
  result: { ok: boolean; message: MessageKey; values?: Record<string, string | number> };
}) {
  const { t } = useTranslation();
  return (
    <Banner tone={result.ok ? "success" : "warning"}>
      <p data-testid="action-result">{t(result.message, result.values)}</p>
    </Banner>
  );
}
