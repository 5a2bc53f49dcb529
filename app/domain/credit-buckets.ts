import { allocate } from "./allocate";
import type { Charge } from "./charge";
import { DraftError } from "./draft-errors";
import type { DraftLine, VatTreatment } from "./invoice-draft";

/**
 * Where a credited amount without its own invoice line goes: the invoice's (or the credit note's
 * own) amounts grouped by VAT rate, treatment and account, weighted by their size, so shipping
 * and fee refunds are spread exactly like what they refund (adjustments: refund-adjustments.ts).
 */
export interface Bucket {
  rate: number;
  treatment: VatTreatment;
  account: string;
  weight: number;
}

export function bucketsOf(lines: readonly DraftLine[], basisOf: (line: DraftLine) => number): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const line of lines) {
    const key = `${line.vatRate}|${line.vatTreatment}|${line.account}`;
    const bucket = buckets.get(key) ?? {
      rate: line.vatRate,
      treatment: line.vatTreatment,
      account: line.account,
      weight: 0,
    };
    bucket.weight += Math.max(0, basisOf(line));
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}

/** Item revenue per VAT rate after discounts, booked on the items' account. */
export function revenueBuckets(lines: readonly DraftLine[], basisOf: (line: DraftLine) => number): Bucket[] {
  const items = bucketsOf(
    lines.filter((l) => l.kind === "item"),
    basisOf,
  );
  for (const discount of lines.filter((l) => l.kind === "discount")) {
    const bucket = items.find((b) => b.rate === discount.vatRate && b.treatment === discount.vatTreatment);
    if (bucket) bucket.weight = Math.max(0, bucket.weight + basisOf(discount));
  }
  return items;
}

export interface SpreadTarget {
  kind: Charge["kind"];
  description: string;
  field: string;
  inclusive: boolean;
}

/** An amount in the order's price basis over buckets; the source tax is kept when there is one bucket. */
export function spread(
  amount: number,
  tax: number | undefined,
  buckets: readonly Bucket[],
  target: SpreadTarget,
): Charge[] {
  if (buckets.length === 0) {
    throw new DraftError(
      "invalidInput",
      target.field,
      "nothing on the invoice to credit this amount against",
    );
  }
  const shares = allocate(
    amount,
    buckets.map((b) => b.weight),
  );
  return buckets.map((bucket, i) => ({
    kind: target.kind,
    description: target.description,
    quantity: 1,
    amount: shares[i] ?? 0,
    rate: bucket.rate,
    treatment: bucket.treatment,
    account: bucket.account,
    ...(buckets.length === 1 && tax !== undefined ? { sourceTax: tax, vat: tax } : {}),
    field: target.field,
  }));
}
