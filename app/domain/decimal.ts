/**
 * Exact decimal ⇄ scaled-integer conversion and integer rounding. Money, VAT rates (basis
 * points) and quantities all pass through here so no float ever decides a minor unit.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

export type DecimalRounding = "exact" | "halfUp";

/**
 * Parses "199.95", "0.06", "-22.5" or a JSON number into an integer scaled by 10^scale.
 * "exact" rejects digits beyond the scale unless they are zeros; "halfUp" rounds half away
 * from zero (WooCommerce sends unrounded tax strings such as "1.4784").
 */
export function parseScaled(
  input: string | number,
  scale: number,
  rounding: DecimalRounding = "exact",
): number {
  const text = typeof input === "number" ? plainNumber(input) : input.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign, whole = "0", fraction = ""] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, "0");
  const dropped = fraction.slice(scale);
  let magnitude = BigInt(whole + kept);
  if (/[1-9]/.test(dropped)) {
    if (rounding === "exact") throw new RangeError(`"${text}" has more than ${scale} decimals`);
    if (Number(dropped[0]) >= 5) magnitude += 1n;
  }
  const value = Number(magnitude);
  if (!Number.isSafeInteger(value)) throw new RangeError(`"${text}" is too large`);
  return sign === "-" && value !== 0 ? -value : value;
}

/** Formats a scaled integer as a plain decimal; `trim` drops trailing fraction zeros (25.50 → 25.5). */
export function formatScaled(value: number, scale: number, trim = false): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, "0");
  let whole = scale === 0 ? digits : digits.slice(0, -scale);
  let fraction = scale === 0 ? "" : digits.slice(-scale);
  if (trim) fraction = fraction.replace(/0+$/, "");
  whole = whole.replace(/^0+(?=\d)/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** round(a × b / c), half away from zero, computed in BigInt so large amounts stay exact. */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError("division by zero");
  const numerator = BigInt(a) * BigInt(b);
  const denominator = BigInt(c);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  if ((n % d) * 2n >= d) quotient += 1n;
  const result = Number(quotient);
  return negative && result !== 0 ? -result : result;
}

function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  // JSON numbers print exactly as written up to 15 significant digits; avoid exponent notation.
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}
