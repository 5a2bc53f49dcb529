import { mulDivRound } from "../decimal";

/**
 * VAT of a net amount the way the ledgers compute it for a line: net × rate, rounded half away
 * from zero to the minor unit. The draft uses the same rule so the ledger's totals equal ours.
 */
export function vatOf(net: number, rateBasisPoints: number): number {
  if (rateBasisPoints === 0) return 0;
  return mulDivRound(net, rateBasisPoints, 10_000);
}

/**
 * Splits a VAT-inclusive amount into net + VAT so that `net + vatOf(net)` equals the gross when
 * any net can produce it (some grosses are unreachable at 25 %: 0.02 cannot be net + 25 %); then
 * the closest net is returned and the caller's rounding line takes the leftover minor unit.
 */
export function splitGross(gross: number, rateBasisPoints: number): { net: number; vat: number } {
  if (rateBasisPoints === 0) return { net: gross, vat: 0 };
  const estimate = mulDivRound(gross, 10_000, 10_000 + rateBasisPoints);
  for (const net of [estimate, estimate - 1, estimate + 1]) {
    const vat = vatOf(net, rateBasisPoints);
    if (net + vat === gross) return { net, vat };
  }
  return { net: estimate, vat: vatOf(estimate, rateBasisPoints) };
}

/**
 * The VAT an amount in the order's price basis carries at a rate, as a shop computes it: for a
 * VAT-inclusive amount the VAT inside it (gross × rate / (1 + rate)), else net × rate — both
 * rounded half away from zero. Used only where the platform states no tax of its own.
 */
export function taxOfAmount(amount: number, rateBasisPoints: number, inclusive: boolean): number {
  if (rateBasisPoints === 0) return 0;
  return inclusive
    ? mulDivRound(amount, rateBasisPoints, 10_000 + rateBasisPoints)
    : vatOf(amount, rateBasisPoints);
}
