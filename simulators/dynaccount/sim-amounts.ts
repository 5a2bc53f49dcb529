import {
  currency,
  formatMinor,
  isKnownCurrency,
  parseMinor,
  type CurrencyCode,
} from "../../app/domain/money";

/**
 * Line arithmetic of the simulated ledger, in integer minor units: VAT is computed per line from
 * the line's VAT code and rounded half away from zero to the minor unit.
 */

export function currencyOf(code: string | number | null | undefined): CurrencyCode | undefined {
  const text = String(code ?? "").trim();
  return text && isKnownCurrency(text) ? currency(text) : undefined;
}

export function parseAmount(
  text: string | number | null | undefined,
  code: CurrencyCode,
): number | undefined {
  try {
    return parseMinor(typeof text === "number" ? text : String(text ?? "").trim(), code);
  } catch {
    return undefined;
  }
}

export function formatAmount(minor: number, code: CurrencyCode): string {
  return formatMinor(minor, code);
}

/** Quantities allow up to two decimals; returns hundredths. */
export function parseQuantity(text: string | number | null | undefined): number | undefined {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(String(text ?? "").trim());
  if (!match) return undefined;
  const hundredths = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -hundredths : hundredths;
}

/** Percent with up to two decimals ("25.00") → basis points. */
export function percentToBasisPoints(text: string | number | null | undefined): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(text ?? "").trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function divideRounded(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const quotient = Math.floor(
    (Math.abs(numerator) * 2 + Math.abs(denominator)) / (Math.abs(denominator) * 2),
  );
  return sign < 0 ? -quotient : quotient;
}

export interface LineInput {
  qtyHundredths: number;
  unitPrice: number;
  discount: { type: "" | "PERCENT" | "AMOUNT"; basisPointsOrMinor: number };
  vatBasisPoints: number;
}

export function computeLine(input: LineInput): { net: number; vat: number; gross: number } {
  const beforeDiscount = divideRounded(input.qtyHundredths * input.unitPrice, 100);
  const discount =
    input.discount.type === "PERCENT"
      ? divideRounded(beforeDiscount * input.discount.basisPointsOrMinor, 10_000)
      : input.discount.type === "AMOUNT"
        ? input.discount.basisPointsOrMinor
        : 0;
  const net = beforeDiscount - discount;
  const vat = divideRounded(net * input.vatBasisPoints, 10_000);
  return { net, vat, gross: net + vat };
}
