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
