import { allocate } from "./allocate";
import type { Charge } from "./charge";
import { DraftError } from "./draft-errors";
import { formatMinor } from "./money";
import { formatRatePercent } from "./vat/vat-rate-format";
import type { DiscountAllocation, Order, TaxLine } from "./order";
import { resolveLineRate, type LineRate } from "./vat/line-rate";
import { taxOfAmount } from "./vat/vat-math";
import { draftWarning } from "./draft-warning";
import type { ChargeContext } from "./charge-context";

/** The VAT of an order's charges: what the platform stated, what discounts took off, and whether it holds. */

export function sumDiscounts(discounts: readonly DiscountAllocation[]): number {
  return discounts.reduce((acc, d) => acc + d.amount, 0);
}

/** The VAT the platform stated for a charge's amount; undefined when it gave none (derived later). */
export function statedVat(lineRate: LineRate): number | undefined {
  if (lineRate.rate === 0) return 0;
  return lineRate.sourceTax;
}

/**
 * The tax each discount allocation took off, so that the full-price line and its discount lines
 * together carry exactly the tax the platform charged on the line. Stated where the platform
 * states it (an allocation's own tax, or WooCommerce's `subtotal_tax − total_tax`, spread over
 * the allocations by amount); otherwise the tax inside the discount amount at the line's rate.
 */
function allocationTaxes(
  allocations: readonly DiscountAllocation[],
  rate: number,
  subtotal: number,
  subtotalTax: number | undefined,
  after: number | undefined,
  pricesIncludeTax: boolean,
): number[] {
  if (rate === 0 || after === undefined || allocations.length === 0) return allocations.map(() => 0);
  if (allocations.every((a) => a.tax !== undefined)) return allocations.map((a) => a.tax ?? 0);
  if (subtotalTax !== undefined) {
    return allocate(
      subtotalTax - after,
      allocations.map((a) => Math.max(0, a.amount)),
    );
  }
  // Only the tax after discounts is stated: the full-price line carries the tax of its full
  // amount, and the discounts the rest, so the pair adds up to the platform's figure.
  if (sumDiscounts(allocations) === 0) return allocations.map(() => 0);
  return allocate(
    taxOfAmount(subtotal, rate, pricesIncludeTax) - after,
    allocations.map((a) => Math.max(0, a.amount)),
  );
}

export function withTaxes(
  allocations: readonly DiscountAllocation[],
  taxes: readonly number[],
  after: number | undefined,
): DiscountAllocation[] {
  if (after === undefined) return allocations.map(({ tax: _tax, ...rest }) => rest);
  return allocations.map((a, i) => ({ ...a, tax: taxes[i] ?? 0 }));
}

/** A rate below the destination's standard rate, taken from the order: shown, not refused. */
export function warnReducedRate(lineRate: LineRate, field: string, context: ChargeContext): void {
  if (!lineRate.warning) return;
  context.warnings.push(
    draftWarning("preview.warning.reducedRate", {
      field,
      rate: formatRatePercent(lineRate.rate),
      country: context.decision.countryCode,
      standard: formatRatePercent(context.decision.expectedRate),
    }),
  );
}

export function hasChannelLiableTax(order: Order): boolean {
  return [
    ...order.lines.flatMap((l) => l.taxLines ?? []),
    ...order.shippingLines.flatMap((l) => l.taxLines ?? []),
    ...order.fees.flatMap((l) => l.taxLines ?? []),
  ].some((t) => t.channelLiable);
}

/**
 * The platform's VAT is taken as it stands, but only when it is VAT at the line's rate: per rate,
 * the stated VAT may differ from the VAT inside the amounts by rounding (within the tolerance),
 * never by more — a tax line that does not belong to its amount stops the draft.
 */
export function checkStatedVat(charges: readonly Charge[], context: ChargeContext): void {
  const { order, settings } = context;
  const byRate = new Map<number, { stated: number; computed: number }>();
  for (const charge of charges) {
    if (charge.vat === undefined || charge.rate === 0) continue;
    const sums = byRate.get(charge.rate) ?? { stated: 0, computed: 0 };
    sums.stated += charge.vat;
    sums.computed += taxOfAmount(charge.amount, charge.rate, order.pricesIncludeTax);
    byRate.set(charge.rate, sums);
  }
  const money = (amount: number) => `${formatMinor(amount, order.currency)} ${order.currency}`;
  for (const [rate, { stated, computed }] of [...byRate].sort(([a], [b]) => b - a)) {
    if (Math.abs(stated - computed) > settings.rounding.toleranceMinorUnits) {
      throw new DraftError(
        "vatMismatch",
        order.paths.tax,
        `VAT at ${formatRatePercent(rate)} % comes to ${money(computed)} on the lines but the shop charged ${money(stated)}`,
      );
    }
  }
}

/**
 * A charge's VAT rate (warning on a reduced one), the VAT the platform stated for it, and, with
 * separate discount lines, the tax each of its discounts took off. `full` is the amount before
 * discounts and `fullTax` the platform's tax on it, where stated.
 */
export function chargeVat(
  source: {
    taxLines: readonly TaxLine[] | undefined;
    taxable: boolean;
    discounts: readonly DiscountAllocation[];
    full: number;
    fullTax: number | undefined;
  },
  field: string,
  separate: boolean,
  context: ChargeContext,
): { lineRate: LineRate; after: number | undefined; discountTaxes: number[] } {
  const lineRate = resolveLineRate({ taxLines: source.taxLines, taxable: source.taxable, field }, context);
  warnReducedRate(lineRate, field, context);
  const after = statedVat(lineRate);
  const discountTaxes = separate
    ? allocationTaxes(
        source.discounts,
        lineRate.rate,
        source.full,
        source.fullTax,
        after,
        context.order.pricesIncludeTax,
      )
    : [];
  return { lineRate, after, discountTaxes };
}
