import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "../i18n/use-translation";
import type { TransfersOnDay } from "../transfers/transfers-per-day.server";
import { BarChart } from "./BarChart";
import { formatDay } from "./format";

const SUCCEEDED = "var(--p-color-bg-fill-success)";
const FAILED = "var(--p-color-bg-fill-critical)";

/** Transferred and failed documents per day. */
export function TransfersChart({ days }: { days: TransfersOnDay[] }) {
  const { t, locale } = useTranslation();
  const succeeded = days.reduce((sum, day) => sum + day.succeeded, 0);
  const failed = days.reduce((sum, day) => sum + day.failed, 0);
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("transfers.chart.title")}
          </Text>
          <Text as="p" tone="subdued" variant="bodySm">
            {t("transfers.chart.subtitle", { days: days.length })}
          </Text>
        </BlockStack>
        <BarChart
          summary={t("transfers.chart.summary", { succeeded, failed, days: days.length })}
          series={[
            { key: "succeeded", label: t("transfers.chart.succeeded"), color: SUCCEEDED },
            { key: "failed", label: t("transfers.chart.failed"), color: FAILED },
          ]}
          groups={days.map((day) => {
            const label = formatDay(day.day, locale);
            return {
              label,
              values: { succeeded: day.succeeded, failed: day.failed },
              description: t("transfers.chart.bar", {
                day: label,
                succeeded: day.succeeded,
                failed: day.failed,
              }),
            };
          })}
        />
      </BlockStack>
    </Card>
  );
}
