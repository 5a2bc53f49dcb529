import { Badge, DataTable, Text } from "@shopify/polaris";
import { renderAuditText } from "../i18n/audit-text";
import type { MessageKey } from "../i18n/messages";
import { dictionaries } from "../i18n/messages";
import { useTranslation } from "../i18n/use-translation";
import type { AuditView } from "../transfers/order-detail.server";
import { formatDateTime } from "./format";

const LEVEL_TONES = { info: undefined, warn: "warning", error: "critical" } as const;

/** What happened to an order, step by step, oldest first. */
export function AuditLog({ entries }: { entries: AuditView[] }) {
  const { t, locale } = useTranslation();
  if (entries.length === 0) {
    return (
      <Text as="p" tone="subdued">
        {t("order.audit.none")}
      </Text>
    );
  }
  const stepName = (step: string) => {
    const key = `order.step.${step}`;
    return isMessageKey(key) ? t(key) : step;
  };
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text"]}
      headings={[
        t("order.audit.time"),
        t("order.audit.step"),
        t("order.audit.level"),
        t("order.audit.message"),
      ]}
      rows={entries.map((entry) => [
        formatDateTime(entry.at, locale),
        stepName(entry.step),
        <Badge key={entry.id} tone={LEVEL_TONES[entry.level]}>
          {t(`order.audit.level.${entry.level}`)}
        </Badge>,
        <Text key={entry.id} as="span" breakWord>
          {entry.text ? renderAuditText(locale, entry.text) : entry.message}
        </Text>,
      ])}
      verticalAlign="middle"
    />
  );
}

/** Engine steps the dictionary does not know (a newer engine) show as they are. */
function isMessageKey(key: string): key is MessageKey {
  return key in dictionaries.en;
}
