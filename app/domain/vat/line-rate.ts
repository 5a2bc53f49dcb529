import { DraftError } from "../draft-errors";
import type { VatTreatment } from "../invoice-draft";
import type { TaxLine } from "../order";
import { formatRatePercent } from "./vat-rate-format";
import type { TreatmentDecision } from "./vat-treatment";

export interface LineRate {
  /** Basis points. */
  rate: number;
  treatment: VatTreatment;
  /** Tax the shop charged on the amount; undefined when the source gave no tax data. */
  sourceTax: number | undefined;
  warning?: string;
}

/** Derived rates (computed from rounded amounts) within this many basis points snap to the expected rate. */
const DERIVED_RATE_SLACK = 50;

/**
 * The rate of one taxed amount, taken from the order's own tax lines and checked against the
 * order's treatment. An untaxed amount in a taxed treatment is zero-rated ("exempt").
 */
export function resolveLineRate(
  input: { taxLines: readonly TaxLine[] | undefined; taxable: boolean; field: string },
  context: { decision: TreatmentDecision; orderChargedTax: boolean },
): LineRate {
  const { decision } = context;
  const zero = (sourceTax: number | undefined): LineRate => ({
    rate: 0,
    treatment: decision.expectedRate > 0 ? "exempt" : decision.treatment,
    sourceTax,
  });

  if (input.taxLines === undefined) {
    if (input.taxable && context.orderChargedTax) {
      throw new DraftError(
        "missingTaxData",
        `${input.field}.tax_lines`,
        "the order charged tax but this line has no tax data, so its VAT rate is unknown",
      );
    }
    return zero(undefined);
  }

  const own = input.taxLines.filter((t) => !t.channelLiable);
  const sourceTax = own.reduce((acc, t) => acc + t.amount, 0);
  const taxed = own.filter((t) => t.rate > 0);
  if (!input.taxable || taxed.length === 0 || !context.orderChargedTax) return zero(sourceTax);

  // Several tax lines on one amount stack (state + county); in the EU there is one per line.
  const rate = taxed.reduce((acc, t) => acc + t.rate, 0);
  const derived = taxed.some((t) => t.rateSource === "derived");
  const expected = decision.expectedRate;
  const charged = `${formatRatePercent(rate)} % (${taxed.map((t) => t.title).join(" + ")})`;

  if (expected === 0) {
    throw new DraftError(
      "vatMismatch",
      `${input.field}.tax_lines`,
      `the shop charged ${charged} but this sale is ${decision.reason}; a Danish ledger cannot book that tax`,
    );
  }
  if (rate === expected) return { rate, treatment: decision.treatment, sourceTax };
  if (derived && Math.abs(rate - expected) <= DERIVED_RATE_SLACK) {
    return { rate: expected, treatment: decision.treatment, sourceTax };
  }
  if (decision.allowsReducedRates && rate < expected) {
    return {
      rate,
      treatment: decision.treatment,
      sourceTax,
      warning: `${input.field}: reduced rate ${formatRatePercent(rate)} % taken from the order (standard rate in ${decision.countryCode} is ${formatRatePercent(expected)} %)`,
    };
  }
  throw new DraftError(
    "vatMismatch",
    `${input.field}.tax_lines`,
    `the shop charged ${charged} but this sale is ${decision.reason}, which expects ${formatRatePercent(expected)} %${hint(decision)}`,
  );
}

function hint(decision: TreatmentDecision): string {
  return decision.treatment === "domestic" &&
    decision.countryCode !== "" &&
    decision.reason.includes("OSS threshold")
    ? " (enable OSS in Settings if you are registered for it)"
    : "";
}
