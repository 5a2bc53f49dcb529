import type { DocumentDraft } from "../domain/invoice-draft";
import { formatMinor } from "../domain/money";
import { formatRatePercent } from "../domain/vat/vat-rate-format";
import { translate } from "../i18n/messages";
import type { LedgerProviderId } from "./ledger-contract";
import { LedgerError } from "./ledger-error";

/**
 * A preview is only our draft: the ledger computes VAT from the lines we send, with its own
 * rounding and — where VAT follows the account — its own rate. After a document is created, its
 * VAT per rate as the ledger reports it is compared with the draft's, so a wrong account VAT code
 * or a ledger rounding the draft did not foresee stops the transfer before anything is booked.
 */
export interface VatMismatch {
  rate: number;
  ours: number;
  theirs: number;
}

/** The first rate (highest first) whose VAT differs; a rate missing on one side counts as 0. */
export function vatByRateMismatch(
  draft: Pick<DocumentDraft, "vatByRate">,
  ledger: ReadonlyMap<number, number>,
): VatMismatch | undefined {
  const ours = new Map(draft.vatByRate.map((b) => [b.vatRate, b.vat]));
  const rates = [...new Set([...ours.keys(), ...ledger.keys()])].sort((a, b) => b - a);
  for (const rate of rates) {
    const mine = ours.get(rate) ?? 0;
    const theirs = ledger.get(rate) ?? 0;
    if (mine !== theirs) return { rate, ours: mine, theirs };
  }
  return undefined;
}

const LEDGER_NAMES: Record<LedgerProviderId, string> = {
  dinero: "Dinero",
  billy: "Billy",
  economic: "e-conomic",
  dynaccount: "Dynaccount",
};

const HINTS = {
  en: "The ledger takes VAT from each line's account or product: check the VAT code of the accounts chosen in Settings.",
  da: "Regnskabsprogrammet tager momsen fra hver linjes konto eller vare: kontrollér momskoden på de konti, der er valgt under Indstillinger.",
} as const;

/** The merchant's message in Danish and English (the error carries one text; both are in it). */
export function ledgerVatMismatchError(
  provider: LedgerProviderId,
  draft: Pick<DocumentDraft, "kind" | "currency" | "externalReference">,
  mismatch: VatMismatch,
): LedgerError {
  const money = (minor: number) => `${formatMinor(minor, draft.currency)} ${draft.currency}`;
  const text = (locale: "da" | "en") =>
    translate(locale, "transfers.ledgerVat.mismatch", {
      ledger: LEDGER_NAMES[provider],
      theirs: money(mismatch.theirs),
      ours: money(mismatch.ours),
      rate: formatRatePercent(mismatch.rate),
      document:
        locale === "da"
          ? draft.kind === "invoice"
            ? "faktura"
            : "kreditnota"
          : draft.kind === "invoice"
            ? "invoice"
            : "credit note",
      hint: HINTS[locale],
    });
  return new LedgerError({
    provider,
    kind: "validation",
    detail: `${draft.externalReference}: ledger VAT at ${mismatch.rate} bp ${mismatch.theirs} ≠ draft ${mismatch.ours} (minor units)`,
    merchantMessage: `${text("da")}\n${text("en")}`,
  });
}
