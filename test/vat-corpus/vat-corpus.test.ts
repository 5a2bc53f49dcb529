import { describe, expect, it } from "vitest";
import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import { currency, formatMinor } from "../../app/domain/money";
import { previewDocument } from "../../app/domain/preview";
import { corpus, type CorpusCase } from "./corpus-cases";
import { corpusDraft, corpusSettings } from "./corpus-draft";

/**
 * The corpus through the preview use case (what the order page and the CLI show) and the draft
 * builder: invoice gross = the order's total, VAT per rate = the order's own tax per rate, to the
 * minor unit, and no VAT-free rounding line — none of these orders needs one.
 */

function shapes(c: CorpusCase): Array<[string, Record<string, unknown>]> {
  return [
    ["REST", c.payload],
    ...(c.graphql ? [["GraphQL", c.graphql] as [string, Record<string, unknown>]] : []),
  ];
}

function positiveVatByRate(draft: InvoiceDraft): Record<number, number> {
  return Object.fromEntries(draft.vatByRate.filter((b) => b.vatRate > 0).map((b) => [b.vatRate, b.vat]));
}

function expectedPositive(c: CorpusCase): Record<number, number> {
  return Object.fromEntries(Object.entries(c.expected.vatByRate).filter(([rate]) => Number(rate) > 0));
}

describe("VAT corpus: the draft books the order's own figures", () => {
  for (const c of corpus) {
    for (const [shape, payload] of shapes(c)) {
      it(`${c.name} (${shape})`, () => {
        const draft = corpusDraft(c, payload, corpusSettings(c));
        expect(draft.currency).toBe(c.expected.currency);
        expect(draft.totals.gross).toBe(c.expected.gross);
        expect(positiveVatByRate(draft)).toEqual(expectedPositive(c));
        expect(draft.vatByRate.filter((b) => b.vatRate === 0).every((b) => b.vat === 0)).toBe(true);
        expect(draft.lines.filter((l) => l.kind === "rounding")).toEqual([]);
        for (const line of draft.lines) {
          expect(line.net + line.vat).toBe(line.gross);
          expect(line.quantity * line.unitNet).toBe(line.net);
        }
        const tips = draft.lines.filter((l) => l.account === "TIPS");
        if (c.expected.tip) {
          expect(tips.map((l) => [l.vatRate, l.vat, l.gross])).toEqual([[0, 0, c.expected.tip.gross]]);
        } else {
          expect(tips).toEqual([]);
        }
      });
    }
  }

  it.each(corpus)("$name through the preview use case", (c) => {
    const preview = previewDocument({
      source: c.source,
      order: JSON.stringify(c.payload),
      settings: corpusSettings(c),
    });
    const code = currency(c.expected.currency);
    expect(preview.totals.gross).toBe(formatMinor(c.expected.gross, code));
    for (const [rate, vat] of Object.entries(expectedPositive(c))) {
      const bucket = preview.vatByRate.find(
        (b) => b.vatRate === String(Number(rate) / 100).replace(/\.0+$/, ""),
      );
      expect(bucket?.vat, `VAT at ${rate} bp`).toBe(formatMinor(vat, code));
    }
    expect(preview.lines.some((l) => l.kind === "rounding")).toBe(false);
    if (c.expected.tip) {
      expect(preview.lines.filter((l) => l.account === "TIPS").map((l) => [l.vatRate, l.gross])).toEqual([
        ["0", formatMinor(c.expected.tip.gross, code)],
      ]);
    }
  });
});
