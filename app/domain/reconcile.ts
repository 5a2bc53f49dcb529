import { DraftError } from "./draft-errors";
import type { DraftLine, DraftTotals } from "./invoice-draft";
import { formatMinor, type CurrencyCode } from "./money";
import { formatRatePercent } from "./vat/vat-rate-format";
import { draftWarning, type DraftWarning } from "./draft-warning";

export interface ReconcileInput {
  lines: DraftLine[];
  currency: CurrencyCode;
  /** What the document must total: the order total or the money refunded. */
  expectedGross: number;
  /** The source's tax per rate (basis points), when every taxed amount's tax is known. */
  expectedTaxByRate?: ReadonlyMap<number, number>;
  /** The source's total tax, when known. */
  expectedTotalTax?: number;
  tolerance: number;
  roundingAccount: string;
  roundingText: string;
  /** Source field names for messages, e.g. { total: "total_price", tax: "total_tax" }. */
  fields: { total: string; tax: string };
}

export interface Reconciled {
  lines: DraftLine[];
  totals: DraftTotals;
  vatByRate: Array<{ vatRate: number; net: number; vat: number }>;
  warnings: DraftWarning[];
}

/**
 * The last gate before a draft exists: VAT per rate must match what the shop charged and the
 * gross must equal the expected total. Differences within the tolerance (per-line rounding)
 * become one explicit rounding line; anything larger is an error and nothing is transferred.
 */
export function reconcile(input: ReconcileInput): Reconciled {
  const { currency, tolerance } = input;
  const money = (amount: number) => `${formatMinor(amount, currency)} ${currency}`;
  const warnings: DraftWarning[] = [];

  const vatByRate = sumByRate(input.lines);
  if (input.expectedTaxByRate) {
    const rates = new Set([...input.expectedTaxByRate.keys(), ...vatByRate.map((b) => b.vatRate)]);
    for (const rate of [...rates].sort((a, b) => b - a)) {
      const ours = vatByRate.find((b) => b.vatRate === rate)?.vat ?? 0;
      const theirs = input.expectedTaxByRate.get(rate) ?? 0;
      if (Math.abs(ours - theirs) > tolerance) {
        throw new DraftError(
          "vatMismatch",
          input.fields.tax,
          `VAT at ${formatRatePercent(rate)} % comes to ${money(ours)} on the lines but the shop charged ${money(theirs)}`,
        );
      }
    }
  }
  const ourVat = vatByRate.reduce((acc, b) => acc + b.vat, 0);
  if (input.expectedTotalTax !== undefined && Math.abs(ourVat - input.expectedTotalTax) > tolerance) {
    throw new DraftError(
      "vatMismatch",
      input.fields.tax,
      `the lines carry ${money(ourVat)} VAT but the shop charged ${money(input.expectedTotalTax)} tax`,
    );
  }

  const lines = [...input.lines];
  const gross = lines.reduce((acc, l) => acc + l.gross, 0);
  const difference = input.expectedGross - gross;
  if (difference !== 0) {
    if (Math.abs(difference) > tolerance) {
      throw new DraftError(
        "totalsMismatch",
        input.fields.total,
        `the lines add up to ${money(gross)} but the total is ${money(input.expectedGross)}; the difference of ${money(difference)} exceeds the rounding tolerance of ${money(tolerance)}`,
      );
    }
    lines.push({
      kind: "rounding",
      description: input.roundingText,
      quantity: 1,
      unitNet: difference,
      vatRate: 0,
      vatTreatment: "exempt",
      net: difference,
      vat: 0,
      gross: difference,
      account: input.roundingAccount,
    });
    warnings.push(draftWarning("preview.warning.rounding", { amount: money(difference) }));
  }

  const totals = lines.reduce(
    (acc, l) => ({ net: acc.net + l.net, vat: acc.vat + l.vat, gross: acc.gross + l.gross }),
    { net: 0, vat: 0, gross: 0 },
  );
  return { lines, totals, vatByRate: sumByRate(lines), warnings };
}

export function sumByRate(lines: readonly DraftLine[]): Array<{ vatRate: number; net: number; vat: number }> {
  const byRate = new Map<number, { vatRate: number; net: number; vat: number }>();
  for (const line of lines) {
    const bucket = byRate.get(line.vatRate) ?? { vatRate: line.vatRate, net: 0, vat: 0 };
    bucket.net += line.net;
    bucket.vat += line.vat;
    byRate.set(line.vatRate, bucket);
  }
  return [...byRate.values()].sort((a, b) => b.vatRate - a.vatRate);
}
