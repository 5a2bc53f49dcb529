import type { CurrencyCode } from "../../domain/money";
import { exponentOf, formatMinor, parseMinor } from "../../domain/money";

/**
 * Dinero speaks decimal numbers in major units (JSON doubles such as 318.75). Conversion happens
 * only here, through the exact decimal-string helpers, so no float arithmetic touches money.
 */

export function toDineroAmount(minor: number, currency: CurrencyCode): number {
  return Number(formatMinor(minor, currency));
}

export function fromDineroAmount(value: number, currency: CurrencyCode): number {
  // Dinero rounds to the currency's decimals; toFixed also strips binary noise (0.30000000000000004).
  return parseMinor(value.toFixed(exponentOf(currency)), currency);
}

/** Major-unit display for merchant messages: "1,234.50 DKK". */
export function describeAmount(minor: number, currency: CurrencyCode): string {
  const [whole = "0", fraction] = formatMinor(minor, currency).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${fraction ? `.${fraction}` : ""} ${currency}`;
}
