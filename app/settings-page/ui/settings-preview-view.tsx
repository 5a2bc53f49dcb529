import { FailureReason } from "../../components/FailureReason";
import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import type { CSSProperties } from "react";
import { renderMessage } from "../../i18n/render-message";
import { useTranslation } from "../../i18n/use-translation";
import type { SettingsPreview } from "../settings-preview";

const CELL: CSSProperties = { padding: "6px 4px" };

/** The invoice the current form would produce for the shop's newest order (or the sample). */
export function SettingsPreviewView(props: { preview: SettingsPreview; updating: boolean }) {
  const { t, locale } = useTranslation();
  const { preview } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            {t("settings.preview.title")}
          </Text>
          {props.updating ? (
            <Text as="span" tone="subdued">
              {t("settings.preview.updating")}
            </Text>
          ) : null}
        </InlineStack>
        <Text as="p" tone="subdued">
          {preview.order.sample
            ? t("settings.preview.sample", { name: preview.order.name })
            : t("settings.preview.order", { name: preview.order.name })}
        </Text>
        <div id="settings-preview" data-status={preview.status}>
          {preview.status === "error" ? (
            <Banner tone="warning" title={t("settings.preview.error")}>
              <p>
                <FailureReason error={preview.problem ?? null} fallback={preview.message} />
              </p>
            </Banner>
          ) : (
            <BlockStack gap="300">
              <Text as="p">
                <strong>{t("settings.preview.header")}:</strong>{" "}
                <span id="preview-header">{preview.document.header}</span>
              </Text>
              <Text as="p">
                <strong>{t("settings.preview.customer")}:</strong> {preview.document.customer.name}
              </Text>
              <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 13 }}>
                <thead>
                  <tr style={{ textAlign: "left", borderBottom: "1px solid #e3e3e3" }}>
                    <th style={CELL}>{t("settings.preview.line")}</th>
                    <th style={CELL}>{t("settings.preview.account")}</th>
                    <th style={{ ...CELL, textAlign: "right" }}>{t("settings.preview.gross")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.document.lines.map((line, index) => (
                    <tr key={index} style={{ borderBottom: "1px solid #f1f1f1", verticalAlign: "top" }}>
                      <td style={CELL}>
                        {line.quantity === "1" ? "" : `${line.quantity} × `}
                        {line.description} ({line.vatRate} %)
                      </td>
                      <td style={{ ...CELL, whiteSpace: "nowrap" }}>{line.account}</td>
                      <td style={{ ...CELL, textAlign: "right", whiteSpace: "nowrap" }}>{line.gross}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Text as="p">
                {t("settings.preview.totalNet")}: {preview.document.totals.net} ·{" "}
                {t("settings.preview.totalVat")}: {preview.document.totals.vat} ·{" "}
                {t("settings.preview.totalGross")}: {preview.document.totals.gross}{" "}
                {preview.document.currency}
              </Text>
              {preview.document.payments.length > 0 ? (
                <Text as="p">
                  {t("settings.preview.payments")}:{" "}
                  {preview.document.payments.map((p) => `${p.gateway} ${p.amount} → ${p.account}`).join("; ")}
                </Text>
              ) : null}
              {preview.document.warnings.length > 0 ? (
                <Text as="p" tone="caution">
                  {t("settings.preview.warnings")}:{" "}
                  {preview.document.warnings.map((w) => renderMessage(locale, w.key, w.params)).join("; ")}
                </Text>
              ) : null}
            </BlockStack>
          )}
        </div>
      </BlockStack>
    </Card>
  );
}
