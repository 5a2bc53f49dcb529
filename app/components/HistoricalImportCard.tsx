import { Badge, BlockStack, Button, Card, InlineStack, ProgressBar, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { ImportProgress } from "../transfers/historical-import.server";

const IMPORT_TONES = { running: "info", done: "success", failed: "critical" } as const;

/** Start a historical import of a date range, and follow the latest one's progress. */
export function HistoricalImportCard({
  progress,
  busy,
  onStart,
}: {
  progress: ImportProgress | null;
  busy: boolean;
  onStart: (range: { from: string; to: string }) => void;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(progress?.from ?? "");
  const [to, setTo] = useState(progress?.to ?? "");
  const running = progress?.status === "running";
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("transfers.import.title")}
        </Text>
        <Text as="p" tone="subdued" variant="bodySm">
          {t("transfers.import.body")}
        </Text>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onStart({ from, to });
          }}
        >
          <BlockStack gap="200">
            <InlineStack gap="200" wrap={false}>
              <TextField
                label={t("transfers.import.from")}
                type="date"
                name="from"
                id="import-from"
                value={from}
                onChange={setFrom}
                autoComplete="off"
                requiredIndicator
              />
              <TextField
                label={t("transfers.import.to")}
                type="date"
                name="to"
                id="import-to"
                value={to}
                onChange={setTo}
                autoComplete="off"
                requiredIndicator
              />
            </InlineStack>
            <InlineStack>
              <Button submit disabled={busy || running || !from || !to} loading={busy}>
                {t("transfers.import.start")}
              </Button>
            </InlineStack>
          </BlockStack>
        </form>
        {progress ? (
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={IMPORT_TONES[progress.status]}>
                {t(`transfers.import.status.${progress.status}`)}
              </Badge>
              <Text as="span" variant="bodySm">
                {t("transfers.import.range", { from: progress.from, to: progress.to })}
              </Text>
            </InlineStack>
            <ProgressBar
              progress={progress.status === "done" ? 100 : percent}
              tone={progress.status === "failed" ? "critical" : "primary"}
              size="small"
              animated={false}
              ariaLabelledBy="import-progress-text"
            />
            <Text as="p" variant="bodySm" id="import-progress-text">
              <span data-testid="import-progress">
                {t("transfers.import.progress", { done: progress.done, total: progress.total })}
              </span>
            </Text>
            {progress.error ? (
              <Text as="p" tone="critical" variant="bodySm" breakWord>
                {progress.error}
              </Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued" variant="bodySm">
            {t("transfers.import.none")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
