import type { DraftWarning } from "../domain/draft-warning";
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
  /** Why lines and payments are as they are (a mapping rule's account, open terms), by key (#18). */
  reasons?: DraftWarning[];
}

/** The draft warnings the order page explains the document with. */
const REASON_KEYS: ReadonlySet<string> = new Set([
  "preview.warning.ruleAccount",
  "preview.warning.openTerms",
  "preview.warning.singleCustomer",
]);

function reasonsOf(warnings: readonly DraftWarning[] | undefined): { reasons?: DraftWarning[] } {
  const reasons = (warnings ?? []).filter((w) => REASON_KEYS.has(w.key));
  return reasons.length > 0 ? { reasons } : {};
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
    ...reasonsOf(draft.warnings),
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
    ...reasonsOf(preview.warnings.map(({ key, params }) => ({ key, params }))),
  };
}
