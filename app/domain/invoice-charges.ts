import { allocate } from "./allocate";
import { taxByRate, type Charge } from "./charge";
import { DiscountGroups } from "./discount-groups";
import {
  discountAccount,
  feeAccount,
  giftCardAccount,
  revenueAccount,
  shippingAccount,
  tipAccount,
} from "./ledger-accounts";
import { DraftError } from "./draft-errors";
import { withRuleAccount } from "./rules/rule-account";
import { formatMinor } from "./money";
import { formatRatePercent } from "./vat/vat-rate-format";
import type { VatTreatment } from "./invoice-draft";
import type { DiscountAllocation, FeeLine, Order, OrderLine, ShippingLine } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import { resolveLineRate, type LineRate } from "./vat/line-rate";
import { makeLedgerExact, moveAmountsToLedgerExact } from "./vat/ledger-exact";
import type { LedgerVatRounding, RoundingMove } from "./vat/ledger-rounding";
import { expectedTaxPerRate, settleVat } from "./vat/settle-vat";
import { taxOfAmount } from "./vat/vat-math";
import type { TreatmentDecision } from "./vat/vat-treatment";
import { draftWarning, type DraftWarning } from "./draft-warning";

export interface ChargeContext {
  order: Order;
  settings: ShopSettings;
  decision: TreatmentDecision;
  orderChargedTax: boolean;
  warnings: DraftWarning[];
  /** How the receiving ledger rounds VAT; per line unless the draft is built for one that does not. */
  vatRounding?: LedgerVatRounding;
}

export interface InvoiceCharges {
  charges: Charge[];
  /** Tax the shop charged per rate, when every taxed charge's tax is known. */
  expectedTaxByRate: Map<number, number> | undefined;
  /** Single units whose gross a ledger rounding per line cannot carry: the rounding line takes the rest. */
  roundingMoves: RoundingMove[];
}

/**
 * Order → the amounts to book, each with its VAT rate, treatment and account. Discounts become
 * their own charges or reduce the item, per settings; order-level discounts and shipping without
 * its own tax data are allocated across the items' VAT rates without losing a minor unit.
 */
export function invoiceCharges(context: ChargeContext): InvoiceCharges {
  const { order, settings } = context;
  const separate = settings.lines.discounts === "separateLines";
  const items: Charge[] = [];
  const tips: Charge[] = [];
  const discounts = new DiscountGroups(settings);

  order.lines.forEach((line, index) => {
    const field = line.path ?? `line_items[${index}]`;
    checkQuantity(line.quantity, field);
    const discountTotal = sumDiscounts(line.discounts);
    if (line.giftCard) {
      items.push({
        kind: "giftCard",
        description: line.title,
        ...(line.sku ? { sku: line.sku } : {}),
        sourceLineId: line.id,
        quantity: line.quantity,
        amount: line.subtotal - discountTotal,
        rate: 0,
        treatment: "exempt",
        account: giftCardAccount(settings),
        sourceTax: 0,
        vat: 0,
        field,
      });
      return;
    }
    if (line.tip) {
      // A tip line item stays an item of its line id, so a refund of it is credited the same way.
      tips.push({
        ...tipCharge(line.title, line.subtotal - discountTotal, field, context),
        kind: "item",
        quantity: line.quantity,
        sourceLineId: line.id,
      });
      return;
    }
    const lineRate = resolveLineRate({ taxLines: line.taxLines, taxable: line.taxable, field }, context);
    warnReducedRate(lineRate, field, context);
    const after = statedVat(lineRate);
    const discountTaxes = separate
      ? allocationTaxes(
          line.discounts,
          lineRate.rate,
          line.subtotal,
          line.subtotalTax,
          after,
          order.pricesIncludeTax,
        )
      : [];
    const discountTax = discountTaxes.reduce((acc, t) => acc + t, 0);
    items.push({
      ...withRuleAccount(
        itemCharge(line, field, separate ? line.subtotal : line.subtotal - discountTotal, lineRate, settings),
        line,
        context,
      ),
      ...(after !== undefined ? { vat: after + discountTax } : {}),
      weight: line.subtotal - discountTotal,
    });
    if (separate) {
      const { rate, treatment } = lineRate;
      discounts.addAll(withTaxes(line.discounts, discountTaxes, after), {
        rate,
        treatment,
        field: `${field}.discount_allocations`,
      });
    }
  });

  const shipping = order.shippingLines.flatMap((line, index) =>
    shippingCharges(line, line.path ?? `shipping_lines[${index}]`, items, context, discounts),
  );

  const fees: Charge[] = [];
  order.fees.forEach((fee, index) => {
    const field = fee.path ?? `fee_lines[${index}]`;
    if (isTip(fee, settings)) {
      tips.push(tipCharge(fee.title || "Tip", fee.amount, field, context));
      return;
    }
    const lineRate = resolveLineRate({ taxLines: fee.taxLines, taxable: fee.taxable, field }, context);
    warnReducedRate(lineRate, field, context);
    const vat = statedVat(lineRate);
    fees.push({
      kind: "fee",
      description: fee.title || settings.texts.fee,
      quantity: 1,
      amount: fee.amount,
      rate: lineRate.rate,
      treatment: lineRate.treatment,
      account: feeAccount(lineRate.treatment, settings, lineRate.rate),
      ...(lineRate.sourceTax !== undefined ? { sourceTax: lineRate.sourceTax } : {}),
      ...(vat !== undefined ? { vat } : {}),
      field,
    });
  });

  const orderLevel = orderDiscountCharges(context, items, separate);
  if (order.orderDiscounts.some((d) => d.amount !== 0)) {
    // The lines' stated tax is after a discount the platform did not allocate to them: the VAT
    // of the items and their discounts is derived, then reconciled to the order's tax per rate.
    for (const charge of [...items, ...discounts.charges()]) if (charge.rate > 0) delete charge.vat;
  }
  const charges = [...items, ...discounts.charges(), ...orderLevel, ...shipping, ...fees, ...tips];
  const expectedTaxByRate = expectedTaxPerRate(
    taxByRate(charges),
    charges,
    order.totals.tax,
    hasChannelLiableTax(order),
  );
  checkStatedVat(charges, context);
  settleVat(charges, order.pricesIncludeTax, expectedTaxByRate, settings.rounding.toleranceMinorUnits);
  const folded = settings.lines.shippingAsLine ? charges : foldShippingIntoItems(charges);
  const perLine = (context.vatRounding ?? "perLine") === "perLine";
  const moved = perLine ? makeLedgerExact(folded, order.pricesIncludeTax) : [];
  for (const rate of moved) {
    context.warnings.push(
      draftWarning("preview.warning.vatMovedOnInvoice", { rate: formatRatePercent(rate) }),
    );
  }
  // An invoice's lines are what the customer paid for each: no amount moves to another line.
  const roundingMoves = perLine
    ? moveAmountsToLedgerExact(folded, order.pricesIncludeTax, { partners: false })
    : [];
  return {
    roundingMoves,
    charges: folded.filter(
      (c) => c.amount !== 0 || c.kind === "item" || c.kind === "giftCard" || c.kind === "shipping",
    ),
    expectedTaxByRate,
  };
}

function itemCharge(
  line: OrderLine,
  field: string,
  amount: number,
  lineRate: { rate: number; treatment: VatTreatment; sourceTax: number | undefined },
  settings: ShopSettings,
): Charge {
  return {
    kind: "item",
    description: line.title,
    ...(line.sku ? { sku: line.sku } : {}),
    sourceLineId: line.id,
    quantity: line.quantity,
    amount,
    rate: lineRate.rate,
    treatment: lineRate.treatment,
    account: revenueAccount(lineRate.treatment, settings, lineRate.rate),
    ...(lineRate.sourceTax !== undefined ? { sourceTax: lineRate.sourceTax } : {}),
    field,
  };
}

function shippingCharges(
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

  const lineRate = resolveLineRate({ taxLines: line.taxLines, taxable: true, field }, context);
  warnReducedRate(lineRate, field, context);
  const after = statedVat(lineRate);
  const discountTaxes = separate
    ? allocationTaxes(
        line.discounts,
        lineRate.rate,
        line.price,
        undefined,
        after,
        context.order.pricesIncludeTax,
      )
    : [];
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

function orderDiscountCharges(context: ChargeContext, items: Charge[], separate: boolean): Charge[] {
  const { order, settings } = context;
  const result: Charge[] = [];
  order.orderDiscounts.forEach((discount, index) => {
    const field = `order_discounts[${index}]`;
    if (discount.amount === 0) return;
    const taxedItems = items.filter((c) => c.kind === "item" && weightOf(c) > 0);
    if (taxedItems.length === 0) {
      throw new DraftError(
        "unsupported",
        field,
        "an order-level discount needs at least one item to be allocated to",
      );
    }
    if (!separate) {
      const shares = allocate(discount.amount, taxedItems.map(weightOf));
      taxedItems.forEach((charge, i) => {
        charge.amount -= shares[i] ?? 0;
        charge.weight = weightOf(charge) - (shares[i] ?? 0);
      });
      return;
    }
    const buckets = bucketsOf(taxedItems);
    const shares = allocate(
      -discount.amount,
      buckets.map((b) => b.weight),
    );
    const label = discount.code ?? (discount.title || undefined);
    buckets.forEach((bucket, i) => {
      result.push({
        kind: "discount",
        description: label ? `${settings.texts.discount} ${label}` : settings.texts.discount,
        ...(discount.code ? { discountCode: discount.code } : {}),
        quantity: 1,
        amount: shares[i] ?? 0,
        rate: bucket.rate,
        treatment: bucket.treatment,
        account: discountAccount(bucket.treatment, settings, bucket.rate),
        sourceTax: 0,
        field,
      });
    });
  });
  return result;
}

interface Bucket {
  rate: number;
  treatment: VatTreatment;
  weight: number;
}

function bucketsOf(charges: readonly Charge[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const charge of charges) {
    const key = `${charge.rate}|${charge.treatment}`;
    const bucket = buckets.get(key) ?? { rate: charge.rate, treatment: charge.treatment, weight: 0 };
    bucket.weight += Math.max(0, weightOf(charge));
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}

function weightOf(charge: Charge): number {
  return charge.weight ?? charge.amount;
}

/** When shipping is not its own line, each shipping amount is spread over the items of its rate. */
function foldShippingIntoItems(charges: Charge[]): Charge[] {
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

function sumDiscounts(discounts: readonly DiscountAllocation[]): number {
  return discounts.reduce((acc, d) => acc + d.amount, 0);
}

function checkQuantity(quantity: number, field: string): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new DraftError(
      "invalidInput",
      `${field}.quantity`,
      `quantity must be a positive whole number, got ${quantity}`,
    );
  }
}

/** The VAT the platform stated for a charge's amount; undefined when it gave none (derived later). */
function statedVat(lineRate: LineRate): number | undefined {
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

function withTaxes(
  allocations: readonly DiscountAllocation[],
  taxes: readonly number[],
  after: number | undefined,
): DiscountAllocation[] {
  if (after === undefined) return allocations.map(({ tax: _tax, ...rest }) => rest);
  return allocations.map((a, i) => ({ ...a, tax: taxes[i] ?? 0 }));
}

/** A rate below the destination's standard rate, taken from the order: shown, not refused. */
function warnReducedRate(
  lineRate: ReturnType<typeof resolveLineRate>,
  field: string,
  context: ChargeContext,
): void {
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

/** A tip: no consideration for a supply, so no VAT, on the tips account, counted once. */
function tipCharge(title: string, amount: number, field: string, context: ChargeContext): Charge {
  const { settings, decision, order } = context;
  context.warnings.push(
    draftWarning("preview.warning.tip", {
      amount: formatMinor(amount, order.currency),
      currency: order.currency,
      account: tipAccount(settings),
    }),
  );
  return {
    kind: "fee",
    description: title || "Tip",
    quantity: 1,
    amount,
    rate: 0,
    treatment: decision.expectedRate > 0 ? "exempt" : decision.treatment,
    account: tipAccount(settings),
    sourceTax: 0,
    vat: 0,
    field,
    tip: true,
  };
}

/** A fee is a tip when the source says so, or when a tip plugin named it and it carries no tax. */
function isTip(fee: FeeLine, settings: ShopSettings): boolean {
  if (fee.tip) return true;
  const title = fee.title.trim().toLowerCase();
  if (!title) return false;
  const named = settings.lines.tipFeeNames.some((name) => name.trim().toLowerCase() === title);
  const untaxed = (fee.taxLines ?? []).every((t) => t.amount === 0);
  return named && untaxed;
}

function hasChannelLiableTax(order: Order): boolean {
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
function checkStatedVat(charges: readonly Charge[], context: ChargeContext): void {
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
