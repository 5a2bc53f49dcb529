/** @jsxImportSource preact */
import { host, translate } from "./host";
import type { InvoicePreview as Preview } from "./transfer-status-contract";

/**
 * The backend sends exact decimal strings; converting to a number here is for locale
 * formatting only (display), never for arithmetic.
 */
function money(amount: string, currency: string): string {
  return host().i18n.formatCurrency(Number(amount), { currency });
}

export function InvoicePreview({ preview }: { preview: Preview }) {
  const { currency, lines, totals } = preview;
  return (
    <s-stack gap="small-300">
      <s-text type="strong">{translate("preview.heading")}</s-text>
      {lines.map((line, index) => (
        <s-stack key={index} direction="inline" gap="small-200" justifyContent="space-between">
          <s-text>
            {translate("preview.quantity", { quantity: String(line.quantity) })} {line.description}
          </s-text>
          <s-text>{money(line.gross, currency)}</s-text>
        </s-stack>
      ))}
      <s-divider />
      <s-stack direction="inline" gap="small-200" justifyContent="space-between">
        <s-text>{translate("preview.net")}</s-text>
        <s-text data-total="net">{money(totals.net, currency)}</s-text>
      </s-stack>
      <s-stack direction="inline" gap="small-200" justifyContent="space-between">
        <s-text>{translate("preview.vat")}</s-text>
        <s-text data-total="vat">{money(totals.vat, currency)}</s-text>
      </s-stack>
      <s-stack direction="inline" gap="small-200" justifyContent="space-between">
        <s-text type="strong">{translate("preview.gross")}</s-text>
        <s-text type="strong" data-total="gross">
          {money(totals.gross, currency)}
        </s-text>
      </s-stack>
    </s-stack>
  );
}
