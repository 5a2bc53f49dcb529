import type { DraftLine, DraftLineKind, VatTreatment } from "./invoice-draft";
import { splitGross, vatOf } from "./vat/vat-math";

/**
 * One amount to book before it becomes draft lines: an item, a shipping line, a discount, a fee,
 * a gift card. `amount` is in the order's price basis (VAT-inclusive when the shop showed prices
 * with VAT), so the customer's exact figures survive until the single point where net and VAT
 * are split.
 */
export interface Charge {
  kind: DraftLineKind;
  description: string;
  sku?: string;
  sourceLineId?: string;
  discountCode?: string;
  quantity: number;
  amount: number;
  /** Basis points. */
  rate: number;
  treatment: VatTreatment;
  account: string;
  /** Tax the source charged on this amount, when known; checked per rate against our VAT. */
  sourceTax?: number;
  /** Path into the source payload, for error messages. */
  field: string;
  /**
   * What this charge weighs when order-level amounts are spread over items: the amount after its
   * own discounts (an item booked at full price with a separate discount line weighs less).
   */
  weight?: number;
}

/**
 * Turns a charge into draft lines with `quantity × unitNet === net`. When the net does not divide
 * by the quantity, the line is split in two: (q − r) units at the floor price and r units one
 * minor unit dearer, which books exactly the same net.
 */
export function chargeToLines(charge: Charge, pricesIncludeTax: boolean): DraftLine[] {
  const net = pricesIncludeTax ? splitGross(charge.amount, charge.rate).net : charge.amount;
  const q = charge.quantity;
  const base = Math.trunc(net / q);
  const remainder = net - base * q;
  const parts =
    remainder === 0
      ? [{ quantity: q, unitNet: base }]
      : [
          { quantity: q - Math.abs(remainder), unitNet: base },
          { quantity: Math.abs(remainder), unitNet: base + Math.sign(remainder) },
        ].filter((p) => p.quantity > 0);
  return parts.map((part) => {
    const lineNet = part.quantity * part.unitNet;
    const vat = vatOf(lineNet, charge.rate);
    return {
      kind: charge.kind,
      description: charge.description,
      ...(charge.sku ? { sku: charge.sku } : {}),
      quantity: part.quantity,
      unitNet: part.unitNet,
      vatRate: charge.rate,
      vatTreatment: charge.treatment,
      net: lineNet,
      vat,
      gross: lineNet + vat,
      account: charge.account,
      ...(charge.discountCode ? { discountCode: charge.discountCode } : {}),
      ...(charge.sourceLineId ? { sourceLineId: charge.sourceLineId } : {}),
    };
  });
}

/** Tax the source charged per rate, or undefined when a taxed charge has no known tax. */
export function taxByRate(charges: readonly Charge[]): Map<number, number> | undefined {
  const map = new Map<number, number>();
  for (const charge of charges) {
    if (charge.sourceTax === undefined) {
      if (charge.rate > 0) return undefined;
      continue;
    }
    map.set(charge.rate, (map.get(charge.rate) ?? 0) + charge.sourceTax);
  }
  return map;
}
