import type { Charge } from "./charge";
import type { VatTreatment } from "./invoice-draft";

/** Charges grouped by VAT rate and treatment, weighted by amount, for allocating across rates. */

interface Bucket {
  rate: number;
  treatment: VatTreatment;
  weight: number;
}

export function bucketsOf(charges: readonly Charge[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const charge of charges) {
    const key = `${charge.rate}|${charge.treatment}`;
    const bucket = buckets.get(key) ?? { rate: charge.rate, treatment: charge.treatment, weight: 0 };
    bucket.weight += Math.max(0, weightOf(charge));
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}

export function weightOf(charge: Charge): number {
  return charge.weight ?? charge.amount;
}
