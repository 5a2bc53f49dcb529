import type { Charge } from "../charge";
import { taxOfAmount } from "./vat-math";

/**
 * Gives every charge its VAT. Charges whose VAT the platform states keep it. The others (an
 * order-level discount, shipping that follows the goods, a discount whose tax the platform does
 * not state separately) get the VAT their amount carries at their rate — and then, where the
 * order's own tax per rate is known, the derived figures are moved by whole minor units so that
 * the rate's VAT equals the order's to the minor unit: a largest-remainder allocation (the charge
 * whose exact VAT was rounded furthest down gets the next unit; ties go to the earlier charge).
 * A difference beyond the rounding tolerance is not rounding, and is left for `reconcile` to
 * report.
 */
export function settleVat(
  charges: Charge[],
  pricesIncludeTax: boolean,
  expectedTaxByRate: ReadonlyMap<number, number> | undefined,
  tolerance: number,
): void {
  const derived: Charge[] = [];
  for (const charge of charges) {
    if (charge.rate === 0) charge.vat = 0;
    if (charge.vat !== undefined) continue;
    charge.vat = taxOfAmount(charge.amount, charge.rate, pricesIncludeTax);
    derived.push(charge);
  }
  if (!expectedTaxByRate || derived.length === 0) return;
  for (const [rate, expected] of expectedTaxByRate) {
    if (rate === 0) continue;
    const atRate = charges.filter((c) => c.rate === rate);
    const adjustable = derived.filter((c) => c.rate === rate);
    const residual = expected - atRate.reduce((acc, c) => acc + (c.vat ?? 0), 0);
    if (residual === 0 || adjustable.length === 0 || Math.abs(residual) > tolerance) continue;
    // How far each derived VAT sits below its exact value, over a common denominator.
    const denominator = pricesIncludeTax ? 10_000 + rate : 10_000;
    const shortfall = (c: Charge) => c.amount * rate - (c.vat ?? 0) * denominator;
    const order = adjustable
      .map((charge, index) => ({ charge, index, rest: shortfall(charge) }))
      .sort((a, b) =>
        a.rest === b.rest ? a.index - b.index : residual > 0 ? b.rest - a.rest : a.rest - b.rest,
      );
    const step = Math.sign(residual);
    for (let i = 0; i < Math.abs(residual); i++) {
      const target = order[i % order.length]?.charge;
      if (target) target.vat = (target.vat ?? 0) + step;
    }
  }
}

/**
 * The tax per rate the order states, when it can be known: from the charges' own tax where
 * every taxed charge has it, else — an order with a single VAT rate — the order's total tax.
 */
export function expectedTaxPerRate(
  fromCharges: Map<number, number> | undefined,
  charges: readonly Charge[],
  orderTax: number,
  hasChannelLiableTax: boolean,
): Map<number, number> | undefined {
  if (fromCharges) return fromCharges;
  const rates = new Set(charges.filter((c) => c.rate > 0).map((c) => c.rate));
  const [only] = [...rates];
  if (rates.size !== 1 || only === undefined || hasChannelLiableTax) return undefined;
  return new Map([[only, orderTax]]);
}
