import { allocate } from "./allocate";
import { taxByRate, type Charge } from "./charge";
import { DiscountGroups } from "./discount-groups";
import { discountAccount, giftCardAccount, revenueAccount, shippingAccount } from "./ledger-accounts";
import { DraftError } from "./draft-errors";
import type { VatTreatment } from "./invoice-draft";
import type { DiscountAllocation, Order, OrderLine, ShippingLine } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import { resolveLineRate } from "./vat/line-rate";
import type { TreatmentDecision } from "./vat/vat-treatment";

export interface ChargeContext {
  order: Order;
  settings: ShopSettings;
  decision: TreatmentDecision;
  orderChargedTax: boolean;
  warnings: string[];
}

export interface InvoiceCharges {
  charges: Charge[];
  /** Tax the shop charged per rate, when every taxed charge's tax is known. */
  expectedTaxByRate: Map<number, number> | undefined;
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
        field,
      });
      return;
    }
    const lineRate = resolveLineRate({ taxLines: line.taxLines, taxable: line.taxable, field }, context);
    if (lineRate.warning) context.warnings.push(lineRate.warning);
    items.push({
      ...itemCharge(
        line,
        field,
        separate ? line.subtotal : line.subtotal - discountTotal,
        lineRate,
        settings,
      ),
      weight: line.subtotal - discountTotal,
    });
    if (separate) {
      const { rate, treatment } = lineRate;
      discounts.addAll(line.discounts, { rate, treatment, field: `${field}.discount_allocations` });
    }
  });

  const shipping = order.shippingLines.flatMap((line, index) =>
    shippingCharges(line, line.path ?? `shipping_lines[${index}]`, items, context, discounts),
  );

  const fees: Charge[] = order.fees.map((fee, index) => {
    const field = fee.path ?? `fee_lines[${index}]`;
    const lineRate = resolveLineRate({ taxLines: fee.taxLines, taxable: fee.taxable, field }, context);
    if (lineRate.warning) context.warnings.push(lineRate.warning);
    return {
      kind: "fee",
      description: fee.title || settings.texts.fee,
      quantity: 1,
      amount: fee.amount,
      rate: lineRate.rate,
      treatment: lineRate.treatment,
      account: settings.accounts.fees[lineRate.treatment] ?? revenueAccount(lineRate.treatment, settings),
      ...(lineRate.sourceTax !== undefined ? { sourceTax: lineRate.sourceTax } : {}),
      field,
    };
  });

  const orderLevel = orderDiscountCharges(context, items, separate);
  const charges = [...items, ...discounts.charges(), ...orderLevel, ...shipping, ...fees];
  const expectedTaxByRate = taxByRate(charges);
  const folded = settings.lines.shippingAsLine ? charges : foldShippingIntoItems(charges);
  return {
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
    account: revenueAccount(lineRate.treatment, settings),
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
      account: shippingAccount(bucket.treatment, settings),
    }));
  }

  const lineRate = resolveLineRate({ taxLines: line.taxLines, taxable: true, field }, context);
  if (lineRate.warning) context.warnings.push(lineRate.warning);
  if (separate) {
    const { rate, treatment } = lineRate;
    const suffix = ` (${settings.texts.shipping})`;
    discounts.addAll(line.discounts, { rate, treatment, field: `${field}.discount_allocations`, suffix });
  }
  return [
    {
      ...base,
      amount: separate ? line.price : net,
      rate: lineRate.rate,
      treatment: lineRate.treatment,
      account: shippingAccount(lineRate.treatment, settings),
      ...(lineRate.sourceTax !== undefined ? { sourceTax: lineRate.sourceTax } : {}),
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
        account: discountAccount(bucket.treatment, settings),
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
        c.kind === "item" && c.rate === charge.rate && c.treatment === charge.treatment && weightOf(c) > 0,
    );
    if (targets.length === 0) {
      kept.push(charge);
      continue;
    }
    const shares = allocate(charge.amount, targets.map(weightOf));
    targets.forEach((target, i) => {
      target.amount += shares[i] ?? 0;
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
