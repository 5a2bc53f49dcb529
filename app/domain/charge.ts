import type { DraftLine, DraftLineKind, VatTreatment } from "./invoice-draft";
import { allocate } from "./allocate";
import type { LedgerVatRounding } from "./vat/ledger-rounding";
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
  /**
   * The VAT to book on exactly `amount`, as the platform states it (or as reconciled to the
   * order's tax per rate); the lines carry this VAT instead of recomputing it from the net.
   */
  vat?: number;
  /** Path into the source payload, for error messages. */
  field: string;
  /**
   * What this charge weighs when order-level amounts are spread over items: the amount after its
   * own discounts (an item booked at full price with a separate discount line weighs less).
   */
  weight?: number;
  /** A tip: booked as it stands, never given a share of shipping or discounts. */
  tip?: boolean;
}

/**
 * Turns a charge into draft lines with `quantity × unitNet === net`. When the net does not divide
 * by the quantity, the line is split in two: (q − r) units at the floor price and r units one
 * minor unit dearer, which books exactly the same net.
 *
 * A charge whose VAT the platform states (`vat`) keeps exactly that VAT: the lines' VAT adds up
 * to it. The split is then chosen, where one exists, so that every line's VAT is also what a
 * ledger computes from its net (net × rate, rounded) — the ledger then reproduces the shop's
 * figure instead of drifting by an øre. Where no split can (one unit whose gross no net reaches),
 * the stated VAT still stands and the layout for the ledger (vat/ledger-exact) moves the amount.
 * A ledger that rounds VAT once per document (`perDocumentRate`) gains nothing from the split,
 * so its lines are not split for it.
 */
export function chargeToLines(
  charge: Charge,
  pricesIncludeTax: boolean,
  rounding: LedgerVatRounding = "perLine",
): DraftLine[] {
  if (charge.vat !== undefined) {
    return statedVatLines(charge, charge.vat, pricesIncludeTax, rounding === "perLine");
  }
  const net = pricesIncludeTax ? splitGross(charge.amount, charge.rate).net : charge.amount;
  return splitByQuantity(net, charge.quantity).map((part) =>
    draftLine(charge, part, vatOf(part.quantity * part.unitNet, charge.rate)),
  );
}

export interface Part {
  quantity: number;
  unitNet: number;
}

function splitByQuantity(net: number, q: number): Part[] {
  const base = Math.trunc(net / q);
  const remainder = net - base * q;
  return remainder === 0
    ? [{ quantity: q, unitNet: base }]
    : [
        { quantity: q - Math.abs(remainder), unitNet: base },
        { quantity: Math.abs(remainder), unitNet: base + Math.sign(remainder) },
      ].filter((p) => p.quantity > 0);
}

/** How far from the even split the search for a ledger-exact split looks, per unit price. */
const SPLIT_SEARCH = 3;
/** Bounds the search on lines of many units; the fallback keeps the stated VAT regardless. */
const MAX_SPLIT_UNITS = 500;

/**
 * Parts whose VAT, each computed from its net as a ledger does (net × rate, rounded), adds up to
 * `vat` — the charge then books exactly that VAT on any ledger — or undefined when none exists.
 */
export function ledgerExactParts(charge: Charge, vat: number, pricesIncludeTax: boolean): Part[] | undefined {
  const net = pricesIncludeTax ? charge.amount - vat : charge.amount;
  const sumsTo = (parts: Part[]) =>
    parts.reduce((acc, p) => acc + vatOf(p.quantity * p.unitNet, charge.rate), 0) === vat;
  const even = splitByQuantity(net, charge.quantity);
  if (sumsTo(even)) return even;
  // An item's unit count is what the customer bought: it is never split into more units.
  const splitsUnit = charge.kind !== "item" && charge.kind !== "giftCard";
  return ledgerExactSplit(net, charge.quantity, splitsUnit, sumsTo);
}

function statedVatLines(
  charge: Charge,
  vat: number,
  pricesIncludeTax: boolean,
  perLine: boolean,
): DraftLine[] {
  const net = pricesIncludeTax ? charge.amount - vat : charge.amount;
  const even = splitByQuantity(net, charge.quantity);
  const exact = perLine ? ledgerExactParts(charge, vat, pricesIncludeTax) : undefined;
  if (exact) {
    return exact.map((part) => draftLine(charge, part, vatOf(part.quantity * part.unitNet, charge.rate)));
  }
  // No split reproduces the stated VAT line by line: keep the platform's VAT, spread over the
  // parts by their net (largest remainder).
  const shares = allocate(
    vat,
    even.map((p) => Math.abs(p.quantity * p.unitNet)),
  );
  return even.map((part, i) => draftLine(charge, part, shares[i] ?? 0));
}

/**
 * Two parts, (q − m) units at u₁ and m units at u₂, with the same net and the stated VAT. A single
 * amount that is no item (a discount, shipping, a fee) is split into two to four lines whose nets
 * add up to it instead: each line's rounding then moves the total by the øre one line cannot.
 */
function ledgerExactSplit(
  net: number,
  q: number,
  splitsUnit: boolean,
  accept: (parts: Part[]) => boolean,
): Part[] | undefined {
  if (q === 1) return splitsUnit ? singleUnitSplit(net, accept) : undefined;
  const base = Math.trunc(net / q);
  for (let distance = 0; distance <= SPLIT_SEARCH; distance++) {
    for (const unit of distance === 0 ? [base] : [base - distance, base + distance]) {
      for (let m = 1; m < Math.min(q, MAX_SPLIT_UNITS); m++) {
        const rest = net - (q - m) * unit;
        if (rest % m !== 0) continue;
        const parts = [
          { quantity: q - m, unitNet: unit },
          { quantity: m, unitNet: rest / m },
        ];
        if (accept(parts)) return parts;
      }
    }
  }
  return q >= 3 ? threePartSplit(net, q, accept) : undefined;
}

/**
 * Three lines of the same units, (q − 2) at u, one at u + a and one at the rest: a line of several
 * units has a net that is a multiple of its count, which at 25 % can leave every two-line split
 * rounding the same way (1652.00 net over 3 units), while three lines round independently.
 */
function threePartSplit(net: number, q: number, accept: (parts: Part[]) => boolean): Part[] | undefined {
  const base = Math.trunc(net / q);
  const shifts = [0, 1, -1, 2, -2, 3, -3];
  for (const s of shifts) {
    for (const a of shifts) {
      const unit = base + s;
      const rest = net - (q - 2) * unit - (unit + a);
      const parts = [
        { quantity: q - 2, unitNet: unit },
        { quantity: 1, unitNet: unit + a },
        { quantity: 1, unitNet: rest },
      ];
      if (accept(parts)) return parts;
    }
  }
  return undefined;
}

function singleUnitSplit(net: number, accept: (parts: Part[]) => boolean): Part[] | undefined {
  const unit = (unitNet: number) => ({ quantity: 1, unitNet });
  const shifts = [0, 1, -1, 2, -2, 3, -3];
  // Every part but the last is shifted on its own: at 25 % an amount may need each of four
  // parts to round the same way (392.80 net carrying 98.19), which a fixed part cannot.
  const combos = (count: number): number[][] =>
    count === 0 ? [[]] : combos(count - 1).flatMap((rest) => shifts.map((s) => [...rest, s]));
  for (let k = 2; k <= 4; k++) {
    const base = Math.trunc(net / k);
    for (const combo of combos(k - 1)) {
      const fixed = combo.map((shift) => base + shift);
      const parts = [...fixed, net - fixed.reduce((acc, n) => acc + n, 0)].map(unit);
      if (accept(parts)) return parts;
    }
  }
  return undefined;
}

function draftLine(charge: Charge, part: Part, vat: number): DraftLine {
  const lineNet = part.quantity * part.unitNet;
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
