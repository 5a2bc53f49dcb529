import { allocate } from "./allocate";
import type { Charge } from "./charge";
import type { DiscountGroups } from "./discount-groups";
import { shippingAccount } from "./ledger-accounts";
import { DraftError } from "./draft-errors";
import type { ShippingLine } from "./order";
import type { ChargeContext } from "./charge-context";
import { bucketsOf, weightOf } from "./charge-buckets";
import { chargeVat, sumDiscounts, withTaxes } from "./charge-vat";

export function shippingCharges(
  line: ShippingLine,
  field: string,
  items: readonly Charge[],
  context: ChargeContext,
  discounts: DiscountGroups,
): Charge[] {
  const { settings, orderChargedTax } = context;
  const separate = settings.lines.discounts === "separateLines";
  const discountTotal = sumDiscounts(line.discounts);
  const net = line.price - discountTotal;
  if (line.price === 0 && net === 0 && !settings.lines.includeFreeShipping) return [];
  const description = line.title ? `${settings.texts.shipping}: ${line.title}` : settings.texts.shipping;
  const base = { kind: "shipping" as const, description, quantity: 1, field };

  if (line.taxLines === undefined && orderChargedTax) {
    // No tax data for shipping: it follows the goods, split over the items' VAT rates.
    const buckets = bucketsOf(items.filter((c) => c.kind === "item"));
    if (buckets.length === 0) {
      throw new DraftError(
        "missingTaxData",
        `${field}.tax_lines`,
        "shipping has no tax data and there are no taxed items to follow",
      );
    }
    const shares = allocate(
      net,
      buckets.map((b) => b.weight),
    );
    return buckets.map((bucket, i) => ({
      ...base,
      amount: shares[i] ?? 0,
      rate: bucket.rate,
      treatment: bucket.treatment,
      account: shippingAccount(bucket.treatment, settings, bucket.rate),
    }));
  }

  const { lineRate, after, discountTaxes } = chargeVat(
    {
      taxLines: line.taxLines,
      taxable: true,
      discounts: line.discounts,
      full: line.price,
      fullTax: undefined,
    },
    field,
    separate,
    context,
  );
  if (separate) {
    const { rate, treatment } = lineRate;
    const suffix = ` (${settings.texts.shipping})`;
    discounts.addAll(withTaxes(line.discounts, discountTaxes, after), {
      rate,
      treatment,
      field: `${field}.discount_allocations`,
      suffix,
    });
  }
  return [
    {
      ...base,
      amount: separate ? line.price : net,
      rate: lineRate.rate,
      treatment: lineRate.treatment,
      account: shippingAccount(lineRate.treatment, settings, lineRate.rate),
      ...(lineRate.sourceTax !== undefined ? { sourceTax: lineRate.sourceTax } : {}),
      ...(after !== undefined ? { vat: after + discountTaxes.reduce((acc, t) => acc + t, 0) } : {}),
    },
  ];
}

/** When shipping is not its own line, each shipping amount is spread over the items of its rate. */
export function foldShippingIntoItems(charges: Charge[]): Charge[] {
  const result = charges.map((c) => ({ ...c }));
  const kept: Charge[] = [];
  for (const charge of result) {
    if (charge.kind !== "shipping") continue;
    const targets = result.filter(
      (c) =>
        c.kind === "item" &&
        !c.tip &&
        c.rate === charge.rate &&
        c.treatment === charge.treatment &&
        weightOf(c) > 0,
    );
    if (targets.length === 0) {
      kept.push(charge);
      continue;
    }
    const weights = targets.map(weightOf);
    const shares = allocate(charge.amount, weights);
    const vatShares = allocate(charge.vat ?? 0, weights);
    targets.forEach((target, i) => {
      target.amount += shares[i] ?? 0;
      if (target.vat !== undefined) target.vat += vatShares[i] ?? 0;
    });
  }
  return result.filter((c) => c.kind !== "shipping" || kept.includes(c));
}
