import { type CurrencyCode, currency, exponentOf, formatMinor } from "../../domain/money";

/**
 * Billy's API carries money as JSON floats in major units (`"unitPrice": 99.95`). These are the
 * only two crossings between that and our integer minor units.
 */

export function toBillyAmount(minor: number, code: CurrencyCode | string): number {
  return Number(formatMinor(minor, typeof code === "string" ? currency(code) : code));
}

/** Rounds away float noise (0.30000000000000004) but never a real fraction of a minor unit silently. */
export function fromBillyAmount(value: number, code: CurrencyCode | string): number {
  const scaled = value * 10 ** exponentOf(typeof code === "string" ? currency(code) : code);
  const rounded = Math.round(scaled);
  if (Math.abs(scaled - rounded) > 1e-6) {
    throw new RangeError(`Billy amount ${value} has more decimals than ${String(code)} allows`);
  }
  return rounded;
}
