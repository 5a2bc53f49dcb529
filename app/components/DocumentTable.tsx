import { BlockStack, DataTable, InlineStack, Text } from "@shopify/polaris";
import { renderMessage } from "../i18n/render-message";
import { useTranslation } from "../i18n/use-translation";
import type { DocumentView } from "../transfers/document-view";
import { formatMoney } from "./format";

/** An invoice or credit note: its lines with VAT, the VAT per rate, and the totals. */
export function DocumentTable({ document }: { document: DocumentView }) {
  const { t, locale } = useTranslation();
  const money = (amount: string) => formatMoney(amount, document.currency, locale);
  return (
    <BlockStack gap="300">
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
        headings={[
          t("order.preview.description"),
          t("order.preview.quantity"),
          t("order.preview.unitNet"),
          t("order.preview.vatRate"),
          t("order.preview.net"),
          t("order.preview.vat"),
          t("order.preview.gross"),
        ]}
        rows={document.lines.map((line) => [
          line.description,
          line.quantity,
          money(line.unitNet),
          `${line.vatRate} %`,
          money(line.net),
          money(line.vat),
          money(line.gross),
        ])}
      />
      <BlockStack gap="100">
        {document.vatByRate.map((rate) => (
          <InlineStack key={rate.vatRate} align="space-between">
            <Text as="span" tone="subdued">
              {t("order.preview.vatByRate", { rate: rate.vatRate })}
            </Text>
            <Text as="span" tone="subdued" numeric>
              {money(rate.vat)}
            </Text>
          </InlineStack>
        ))}
        <InlineStack align="space-between">
          <Text as="span">{t("order.preview.net")}</Text>
          <Text as="span" numeric>
            <span data-total="net">{money(document.totals.net)}</span>
          </Text>
        </InlineStack>
        <InlineStack align="space-between">
          <Text as="span">{t("order.preview.vat")}</Text>
          <Text as="span" numeric>
            <span data-total="vat">{money(document.totals.vat)}</span>
          </Text>
        </InlineStack>
        <InlineStack align="space-between">
          <Text as="span" fontWeight="bold">
            {t("order.preview.gross")}
          </Text>
          <Text as="span" fontWeight="bold" numeric>
            <span data-total="gross">{money(document.totals.gross)}</span>
          </Text>
        </InlineStack>
      </BlockStack>
      {document.reasons?.map((reason, index) => (
        <Text as="p" tone="subdued" key={index}>
          <span data-reason={reason.key}>{renderMessage(locale, reason.key, reason.params)}</span>
        </Text>
      ))}
    </BlockStack>
  );
}
