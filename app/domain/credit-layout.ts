import { taxByRate, type Charge } from "./charge";
import { DraftError } from "./draft-errors";
import { formatMinor, type CurrencyCode } from "./money";
import { makeLedgerExact, moveAmountsToLedgerExact } from "./vat/ledger-exact";
import type { LedgerVatRounding, RoundingMove } from "./vat/ledger-rounding";
import { settleVat } from "./vat/settle-vat";
import { formatRatePercent } from "./vat/vat-rate-format";
import { taxOfAmount } from "./vat/vat-math";
import { draftWarning, type DraftWarning } from "./draft-warning";

export interface CreditLayoutInput {
  charges: Charge[];
  inclusive: boolean;
  currency: CurrencyCode;
  tolerance: number;
  warnings: DraftWarning[];
  /** How the receiving ledger rounds VAT; per line unless the draft is built for one that does not. */
  vatRounding?: LedgerVatRounding;
  /** Receives the amounts moved so a ledger rounding per line lands on the stated VAT. */
  moves?: RoundingMove[];
}

/**
 * Lays out a credit note's charges the way the invoice's are: the VAT the refund states stays on
 * its amount (derived VAT is reconciled to the refund's tax per rate), and then each line is made
 * one a ledger computing VAT from the net reproduces — an øre of VAT moved between lines of a
 * rate, a split line, or, for a single unit no VAT move can fix, an øre of amount moved to
 * another line of the rate. Without this the ledger's VAT per rate drifts from the refund's.
 * A ledger that rounds VAT once per document gets its layout from the lines instead
 * (vat/ledger-rounding `layOutForDocumentRate`).
 */
export function layOutCredit(input: CreditLayoutInput): void {
  const { charges, inclusive, tolerance } = input;
  checkStatedVat(input);
  settleVat(charges, inclusive, taxByRate(charges), tolerance);
  if ((input.vatRounding ?? "perLine") !== "perLine") return;
  // VAT moved between lines first; only what no VAT move fixes moves an amount.
  const vatMoved = makeLedgerExact(charges, inclusive);
  const amountMoves = moveAmountsToLedgerExact(charges, inclusive, { partners: true });
  input.moves?.push(...amountMoves.filter((m) => !m.partner));
  const moved = new Set([...vatMoved, ...amountMoves.map((m) => m.rate)]);
  for (const rate of moved) {
    input.warnings.push(draftWarning("preview.warning.vatMovedOnCredit", { rate: formatRatePercent(rate) }));
  }
}

/** A stated tax is taken as it stands only when it is VAT at the line's rate, give or take rounding. */
function checkStatedVat({ charges, inclusive, tolerance, currency }: CreditLayoutInput): void {
  const byRate = new Map<number, { stated: number; computed: number; field: string }>();
  for (const charge of charges) {
    if (charge.vat === undefined || charge.rate === 0) continue;
    const sums = byRate.get(charge.rate) ?? { stated: 0, computed: 0, field: charge.field };
    sums.stated += charge.vat;
    sums.computed += taxOfAmount(charge.amount, charge.rate, inclusive);
    byRate.set(charge.rate, sums);
  }
  const money = (amount: number) => `${formatMinor(amount, currency)} ${currency}`;
  for (const [rate, { stated, computed, field }] of [...byRate].sort(([a], [b]) => b - a)) {
    if (Math.abs(stated - computed) > tolerance) {
      throw new DraftError(
        "vatMismatch",
        field,
        `VAT at ${formatRatePercent(rate)} % comes to ${money(computed)} on the refunded lines but the shop refunded ${money(stated)}`,
      );
    }
  }
}
