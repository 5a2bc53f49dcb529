import { allocate } from "./allocate";
import type { Charge } from "./charge";
import { discountAccount } from "./ledger-accounts";
import { DraftError } from "./draft-errors";
import type { ChargeContext } from "./charge-context";
import { bucketsOf, weightOf } from "./charge-buckets";

export function orderDiscountCharges(context: ChargeContext, items: Charge[], separate: boolean): Charge[] {
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
