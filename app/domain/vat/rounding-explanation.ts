import { translate } from "../../i18n/messages";
import type { DraftExplanation } from "../invoice-draft";
import { formatMinor, type CurrencyCode } from "../money";
import type { LedgerVatRounding, RoundingMove } from "./ledger-rounding";
import { formatRatePercent } from "./vat-rate-format";

/**
 * Why a rounding line is on the document, for the preview (Danish and English from the
 * catalogue) and, in English, for the draft's warnings and the audit log.
 */
export function roundingExplanations(
  moves: readonly RoundingMove[],
  rounding: LedgerVatRounding,
  currency: CurrencyCode,
): DraftExplanation[] {
  const money = (minor: number) => `${formatMinor(minor, currency)} ${currency}`;
  return moves
    .filter((move) => !move.partner && move.from !== move.to)
    .map((move) => ({
      key:
        rounding === "perLine"
          ? ("preview.warning.rounding.perLine" as const)
          : ("preview.warning.rounding.perDocumentRate" as const),
      params: {
        line: move.description,
        rate: formatRatePercent(move.rate),
        from: money(move.from),
        to: money(move.to),
        rounding: money(move.from - move.to),
        ...(move.vat !== undefined ? { vat: money(move.vat) } : {}),
        ...(move.ledgerVat !== undefined ? { ledgerVat: money(move.ledgerVat) } : {}),
      },
    }));
}

export function explanationText(explanation: DraftExplanation, locale: "da" | "en"): string {
  return translate(locale, explanation.key, explanation.params);
}
