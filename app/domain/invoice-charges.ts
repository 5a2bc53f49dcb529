import { taxByRate, type Charge } from "./charge";
import { DiscountGroups } from "./discount-groups";
import { feeAccount, giftCardAccount, revenueAccount } from "./ledger-accounts";
import { DraftError } from "./draft-errors";
import { withRuleAccount } from "./rules/rule-account";
import { formatRatePercent } from "./vat/vat-rate-format";
import type { VatTreatment } from "./invoice-draft";
import type { OrderLine } from "./order";
import type { ShopSettings } from "../settings/settings-schema";
import { resolveLineRate } from "./vat/line-rate";
import { makeLedgerExact, moveAmountsToLedgerExact } from "./vat/ledger-exact";
import type { RoundingMove } from "./vat/ledger-rounding";
import { expectedTaxPerRate, settleVat } from "./vat/settle-vat";
import { draftWarning } from "./draft-warning";
import type { ChargeContext } from "./charge-context";
import { shippingCharges, foldShippingIntoItems } from "./shipping-charges";
import { orderDiscountCharges } from "./order-discount-charges";
import {
  sumDiscounts,
  statedVat,
  withTaxes,
  warnReducedRate,
  hasChannelLiableTax,
  checkStatedVat,
  chargeVat,
} from "./charge-vat";
import { tipCharge, isTip } from "./tip-charges";

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
    const { lineRate, after, discountTaxes } = chargeVat(
      {
        taxLines: line.taxLines,
        taxable: line.taxable,
        discounts: line.discounts,
        full: line.subtotal,
        fullTax: line.subtotalTax,
      },
      field,
      separate,
      context,
    );
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

function checkQuantity(quantity: number, field: string): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new DraftError(
      "invalidInput",
      `${field}.quantity`,
      `quantity must be a positive whole number, got ${quantity}`,
    );
  }
}
