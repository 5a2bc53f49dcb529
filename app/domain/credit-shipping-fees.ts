import type { Charge } from "./charge";
import { bucketsOf, revenueBuckets, spread } from "./credit-buckets";
import type { DraftLine, InvoiceDraft } from "./invoice-draft";
import { shippingAccount } from "./ledger-accounts";
import type { Refund } from "./order";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * A refund's shipping and fees → credit charges. Shipping refunds follow the invoiced shipping
 * (or the items' rates when the invoice had none); a fee follows the invoiced fee of its title,
 * else all invoiced fees, else the items.
 */
export function shippingAndFeeCharges(
  refund: Refund,
  invoice: InvoiceDraft,
  settings: ShopSettings,
  basisOf: (line: DraftLine) => number,
): Charge[] {
  const inclusive = invoice.pricesIncludeVat;
  const charges: Charge[] = [];
  const invoiceShippingLines = invoice.lines.filter((l) => l.kind === "shipping");
  const invoiceShipping = bucketsOf(invoiceShippingLines, basisOf);
  const itemBuckets = revenueBuckets(invoice.lines, basisOf);
  const shippingBuckets =
    invoiceShipping.length > 0
      ? invoiceShipping
      : itemBuckets.map((b) => ({ ...b, account: shippingAccount(b.treatment, settings, b.rate) }));
  const shippingRefunds = [
    ...refund.shipping.map((s, i) => ({
      amount: s.amount,
      tax: s.tax,
      field: s.path ?? `refund_shipping_lines[${i}]`,
    })),
    // Older payloads carry shipping refunds only as adjustments; newer ones carry both, so use one.
    ...(refund.shipping.length === 0
      ? refund.adjustments
          .map((a, i) => ({ ...a, field: `order_adjustments[${i}]` }))
          .filter((a) => a.kind === "shippingRefund")
      : []),
  ];
  for (const shipping of shippingRefunds) {
    if (shipping.amount === 0) continue;
    charges.push(
      ...spread(shipping.amount, shipping.tax, shippingBuckets, {
        kind: "shipping",
        description:
          invoiceShippingLines.length === 1
            ? (invoiceShippingLines[0]?.description ?? settings.texts.shipping)
            : settings.texts.shipping,
        field: shipping.field,
        inclusive,
      }),
    );
  }

  refund.fees.forEach((fee, i) => {
    const field = fee.path ?? `fee_lines[${i}]`;
    const invoicedFees = invoice.lines.filter((l) => l.kind === "fee");
    const sameTitle = invoicedFees.filter((l) => l.description === fee.title);
    const buckets = bucketsOf(sameTitle.length > 0 ? sameTitle : invoicedFees, basisOf);
    charges.push(
      ...spread(fee.amount, fee.tax, buckets.length > 0 ? buckets : itemBuckets, {
        kind: "fee",
        description: fee.title || settings.texts.fee,
        field,
        inclusive,
      }),
    );
  });
  return charges;
}
