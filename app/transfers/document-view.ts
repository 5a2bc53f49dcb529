import type { DocumentDraft } from "../domain/invoice-draft";
import { formatMinor } from "../domain/money";
import type { PreviewDocument } from "../domain/preview";
import { formatRatePercent } from "../domain/vat/vat-rate-format";

/**
 * An invoice or credit note as the order page shows it: amounts as exact decimal strings in
 * major units, VAT rates in percent. Built from the draft a transfer froze (what was, or will
 * be, booked) or from a fresh preview of the order.
 */
export interface DocumentView {
  kind: "invoice" | "creditNote";
  currency: string;
  lines: Array<{
    kind: string;
    description: string;
    quantity: string;
    unitNet: string;
    vatRate: string;
    net: string;
    vat: string;
    gross: string;
  }>;
  totals: { net: string; vat: string; gross: string };
  vatByRate: Array<{ vatRate: string; net: string; vat: string }>;
}

export function viewOfDraft(draft: DocumentDraft): DocumentView {
  const amount = (value: number) => formatMinor(value, draft.currency);
  return {
    kind: draft.kind,
    currency: draft.currency,
    lines: draft.lines.map((line) => ({
      kind: line.kind,
      description: line.description,
      quantity: String(line.quantity),
      unitNet: amount(line.unitNet),
      vatRate: formatRatePercent(line.vatRate),
      net: amount(line.net),
      vat: amount(line.vat),
      gross: amount(line.gross),
    })),
    totals: {
      net: amount(draft.totals.net),
      vat: amount(draft.totals.vat),
      gross: amount(draft.totals.gross),
    },
    vatByRate: draft.vatByRate.map((rate) => ({
      vatRate: formatRatePercent(rate.vatRate),
      net: amount(rate.net),
      vat: amount(rate.vat),
    })),
  };
}

export function viewOfPreview(preview: PreviewDocument): DocumentView {
  return {
    kind: preview.kind,
    currency: preview.currency,
    lines: preview.lines.map((line) => ({
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitNet: line.unitNet,
      vatRate: line.vatRate,
      net: line.net,
      vat: line.vat,
      gross: line.gross,
    })),
    totals: preview.totals,
    vatByRate: preview.vatByRate,
  };
}
