import type { DocumentDraft, DraftLine } from "../../domain/invoice-draft";
import { formatMinor } from "../../domain/money";

/**
 * Turns draft lines (integer minor units, net + VAT per line) into Billy invoice lines.
 *
 * Billy computes VAT itself, per line, from the product's tax ruleset, and reads `unitPrice`
 * as gross (`taxMode: "incl"`) or net (`"excl"`). We pick the mode whose result reproduces the
 * draft exactly — gross total and VAT of every line — preferring the one the shop displayed.
 * `incl` always reproduces the gross total: a line whose gross does not divide by its quantity
 * is sent as two lines (e.g. 3 × 33.34 = 100.02 becomes 1 × 33.34 + 2 × 33.33 for 100.00).
 */

export type TaxMode = "incl" | "excl";

export interface BillyLineInput {
  productId: string;
  description: string;
  quantity: number;
  unitPrice: number;
  priority: number;
}

export interface PlannedLine extends BillyLineInput {
  /** The draft line this Billy line comes from. */
  source: DraftLine;
  /** VAT Billy should compute for this line, minor units. */
  expectedTax: number;
  /** Gross Billy should compute for this line, minor units. */
  expectedGross: number;
}

export interface PlannedLines {
  taxMode: TaxMode;
  lines: PlannedLine[];
  /** Whether Billy's per-line VAT will equal the draft's VAT line for line. */
  reproducesVat: boolean;
}

/** Integer division rounded half away from zero, as money is rounded on invoices. */
export function divRound(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  return sign * Math.floor((2 * n + d) / (2 * d));
}

function planIncl(draft: DocumentDraft, productIdFor: (line: DraftLine) => string): PlannedLine[] {
  return draft.lines.flatMap((line) => {
    const quantity = Math.max(1, line.quantity);
    const unit = Math.floor(line.gross / quantity);
    const remainder = line.gross - unit * quantity;
    const pieces =
      remainder === 0
        ? [{ quantity, unit }]
        : [
            { quantity: quantity - remainder, unit },
            { quantity: remainder, unit: unit + 1 },
          ];
    return pieces.map((piece) => {
      const gross = piece.quantity * piece.unit;
      return {
        productId: productIdFor(line),
        description: line.description,
        quantity: piece.quantity,
        unitPrice: Number(formatMinor(piece.unit, draft.currency)),
        priority: 0,
        source: line,
        expectedTax: divRound(gross * line.vatRate, 10000 + line.vatRate),
        expectedGross: gross,
      };
    });
  });
}

function planExcl(draft: DocumentDraft, productIdFor: (line: DraftLine) => string): PlannedLine[] {
  return draft.lines.map((line) => {
    const quantity = Math.max(1, line.quantity);
    const tax = divRound(line.net * line.vatRate, 10000);
    return {
      productId: productIdFor(line),
      description: line.description,
      quantity,
      unitPrice: Number(formatMinor(line.unitNet, draft.currency)),
      priority: 0,
      source: line,
      expectedTax: tax,
      expectedGross: line.net + tax,
    };
  });
}

function sums(lines: PlannedLine[]) {
  return {
    gross: lines.reduce((acc, line) => acc + line.expectedGross, 0),
    vatBySource: lines.reduce(
      (map, line) => map.set(line.source, (map.get(line.source) ?? 0) + line.expectedTax),
      new Map<DraftLine, number>(),
    ),
  };
}

function exact(draft: DocumentDraft, lines: PlannedLine[]): { gross: boolean; vat: boolean } {
  const { gross, vatBySource } = sums(lines);
  return {
    gross: gross === draft.totals.gross,
    vat: draft.lines.every((line) => vatBySource.get(line) === line.vat),
  };
}

export function planBillyLines(
  draft: DocumentDraft,
  productIdFor: (line: DraftLine) => string,
): PlannedLines {
  const plans: Record<TaxMode, PlannedLine[]> = {
    incl: planIncl(draft, productIdFor),
    // excl needs an exact unit net; the builder guarantees quantity × unitNet = net.
    excl: draft.lines.every((line) => line.unitNet * Math.max(1, line.quantity) === line.net)
      ? planExcl(draft, productIdFor)
      : [],
  };
  const preferred: TaxMode = draft.pricesIncludeVat ? "incl" : "excl";
  const other: TaxMode = preferred === "incl" ? "excl" : "incl";
  const candidates = [preferred, other].filter((mode) => plans[mode].length > 0);
  const scored = candidates.map((mode) => ({ mode, ...exact(draft, plans[mode]) }));
  const choice = scored.find((s) => s.gross && s.vat) ??
    scored.find((s) => s.gross) ?? { mode: "incl" as const, vat: false };
  const lines = plans[choice.mode].map((line, index) => ({ ...line, priority: index }));
  return { taxMode: choice.mode, lines, reproducesVat: choice.vat };
}

/** The request shape of one line; `priority` lets us pair Billy's lines with ours. */
export function toBillyLine(line: PlannedLine): BillyLineInput {
  return {
    productId: line.productId,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    priority: line.priority,
  };
}
