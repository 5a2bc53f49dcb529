import type { DocumentDraft } from "../domain/invoice-draft";
import { formatMinor } from "../domain/money";
import { formatRatePercent } from "../domain/vat/vat-rate-format";
import type { LedgerProviderId } from "./ledger-contract";
import { ledgerError } from "./http-failure";
import type { LedgerError } from "./ledger-error";

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

/** The merchant's message names the ledger's VAT and ours, both as money, at the rate that differs. */
export function ledgerVatMismatchError(
  provider: LedgerProviderId,
  draft: Pick<DocumentDraft, "kind" | "currency" | "externalReference">,
  mismatch: VatMismatch,
): LedgerError {
  const money = (minor: number) => `${formatMinor(minor, draft.currency)} ${draft.currency}`;
  return ledgerError(
    provider,
    "validation",
    "transfers.ledgerVat.mismatch",
    {
      theirs: money(mismatch.theirs),
      ours: money(mismatch.ours),
      rate: formatRatePercent(mismatch.rate),
      document: draft.kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      hint: "ledgerError.vatHint",
    },
    {
      detail: `${draft.externalReference}: ledger VAT at ${mismatch.rate} bp ${mismatch.theirs} ≠ draft ${mismatch.ours} (minor units)`,
    },
  );
}
