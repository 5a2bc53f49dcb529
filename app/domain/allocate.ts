/**
 * Splits an integer amount across weights without losing or inventing a minor unit: shares are
 * floored, then the leftover units go to the largest remainders (ties: the earlier share).
 * Used to spread order-level discounts, shipping and amount-only refunds over VAT buckets.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`allocate needs an integer amount, got ${amount}`);
  if (weights.length === 0) throw new RangeError("allocate needs at least one weight");
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError("allocate weights must be non-negative integers");
  }
  const sign = amount < 0 ? -1n : 1n;
  const total = BigInt(Math.abs(amount));
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const sum = effective.reduce((acc, w) => acc + BigInt(w), 0n);
  const shares = effective.map((w) => (total * BigInt(w)) / sum);
  const remainders = effective.map((w, index) => ({ index, rest: (total * BigInt(w)) % sum }));
  let left = total - shares.reduce((acc, s) => acc + s, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(s * sign) + 0);
}
