import type { DraftLine } from "../invoice-draft";
import { vatOf } from "./vat-math";

/**
 * How a ledger turns the net amounts it is sent into VAT. Every adapter declares its own (see
 * `LedgerProviderMeta.vatRounding`); the draft is laid out for it, so the ledger's VAT per rate
 * is the order's to the minor unit.
 */
export type LedgerVatRounding =
  /** Each line: net × rate, rounded to the minor unit (Dinero, Billy, Dynaccount). */
  | "perLine"
  /** Once per VAT code, on the document's summed net (e-conomic). */
  | "perDocumentRate";

/** A draft built without a ledger in mind is laid out for per-line rounding. */
export const DEFAULT_VAT_ROUNDING: LedgerVatRounding = "perLine";

/** One amount moved so a ledger lands on the stated VAT; the gross it changed goes to the rounding line. */
export interface RoundingMove {
  rate: number;
  description: string;
  /** The net (perDocumentRate) or gross (perLine) before and after, minor units. */
  from: number;
  to: number;
  /** A per-line move whose minor unit another line of the rate took (no rounding line needed). */
  partner?: boolean;
  /** perDocumentRate: the VAT the draft states for the rate, and what the ledger would have made of `from`. */
  vat?: number;
  ledgerVat?: number;
}

/** How far a net is searched for one whose VAT, rounded, is the stated VAT. */
export function searchRadius(rate: number): number {
  // Nets one minor unit apart change the unrounded VAT by rate/10 000, so an interval of
  // 10 000/rate nets rounds to each VAT figure; twice that always reaches one.
  return Math.ceil((2 * 10_000) / rate) + 1;
}

/**
 * For a ledger that computes VAT once per VAT code on the document's summed net: per rate and
 * treatment (what decides the VAT code), the summed net must be one whose VAT — net × rate,
 * rounded once — is the VAT the draft carries (the order's own). When it is not, the nearest
 * such net is reached by moving one line's net by the few minor units between them; the line's
 * VAT stays, so its gross moves by the same units, and the caller's rounding line (VAT-free,
 * within the tolerance) takes them back so the total stays the order's.
 *
 * The line that moves is the largest single-unit line of the rate; a rate with only lines of
 * several units gets one unit split off at its own price, as a line whose net does not divide by
 * its quantity already is.
 */
export function layOutForDocumentRate(lines: readonly DraftLine[]): {
  lines: DraftLine[];
  moves: RoundingMove[];
} {
  const result = lines.map((line) => ({ ...line }));
  const moves: RoundingMove[] = [];
  const groups = new Map<string, DraftLine[]>();
  for (const line of result) {
    if (line.vatRate === 0 || line.kind === "rounding") continue;
    const key = `${line.vatRate}|${line.vatTreatment}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  for (const group of groups.values()) {
    const rate = group[0]?.vatRate ?? 0;
    const net = group.reduce((acc, l) => acc + l.net, 0);
    const vat = group.reduce((acc, l) => acc + l.vat, 0);
    if (vatOf(net, rate) === vat) continue;
    const delta = nearestDelta(net, vat, rate);
    if (delta === undefined) continue;
    const target = absorbingLine(group, delta);
    if (!target) continue;
    const index = result.indexOf(target.line);
    result.splice(index, 1, ...target.parts);
    moves.push({
      rate,
      description: target.line.description,
      from: net,
      to: net + delta,
      vat,
      ledgerVat: vatOf(net, rate),
    });
  }
  return { lines: result, moves };
}

function nearestDelta(net: number, vat: number, rate: number): number | undefined {
  const radius = searchRadius(rate);
  for (let size = 1; size <= radius; size++) {
    for (const delta of [size, -size]) {
      if (vatOf(net + delta, rate) === vat) return delta;
    }
  }
  return undefined;
}

/** The line (split where needed) that takes `delta` on its net without crossing zero. */
function absorbingLine(
  group: readonly DraftLine[],
  delta: number,
): { line: DraftLine; parts: DraftLine[] } | undefined {
  const keepsSign = (line: DraftLine, unitNet: number) =>
    Math.sign(unitNet) === Math.sign(line.unitNet) || line.unitNet === 0;
  const bySize = [...group].sort((a, b) => Math.abs(b.net) - Math.abs(a.net));
  const single = bySize.find((l) => l.quantity === 1 && keepsSign(l, l.unitNet + delta) && l.net !== 0);
  if (single) return { line: single, parts: [moved(single, 1, single.unitNet + delta)] };
  const several = bySize.find((l) => l.quantity > 1 && keepsSign(l, l.unitNet + delta));
  if (!several) return undefined;
  // One unit split off at its own price carries the move; the other units keep theirs.
  const rest = { ...several, quantity: several.quantity - 1, net: several.net - several.unitNet };
  const restVat = Math.round((several.vat * rest.net) / (several.net || 1));
  const split: DraftLine = { ...rest, vat: restVat, gross: rest.net + restVat };
  const unit = moved(
    { ...several, quantity: 1, net: several.unitNet, vat: several.vat - restVat },
    1,
    several.unitNet + delta,
  );
  return { line: several, parts: [split, unit] };
}

/** The line with a new unit price; its VAT is what the draft states, so its gross follows the net. */
function moved(line: DraftLine, quantity: number, unitNet: number): DraftLine {
  const net = quantity * unitNet;
  return { ...line, quantity, unitNet, net, gross: net + line.vat };
}
