import { describe, expect, it } from "vitest";
import { buildCreditNote } from "../../app/domain/build-credit-note";
import { buildInvoice } from "../../app/domain/build-invoice";
import type { CreditNoteDraft } from "../../app/domain/invoice-draft";
import { formatMinor } from "../../app/domain/money";
import { previewDocument, resolveSettings } from "../../app/domain/preview";
import { mapSourceOrder, mapSourceRefund } from "../../app/sources/map-source";
import { REFUND_CASES, type RefundCase } from "./refund-corpus";

export function creditNoteOf(c: RefundCase): CreditNoteDraft {
  const settings = resolveSettings(c.settings);
  const shop = "corpus.myshopify.com";
  const order = mapSourceOrder(c.source, c.order(), settings);
  const { draft: invoice } = buildInvoice({ order, settings, shop });
  const refund = mapSourceRefund(c.source, c.refund(), order, settings);
  return buildCreditNote({ refund, invoice, settings, shop });
}

describe("refunds that are not line refunds, exact to the øre", () => {
  for (const c of REFUND_CASES) {
    describe(c.name, () => {
      it("credits the money returned, with VAT per rate as computed by hand", () => {
        const note = creditNoteOf(c);
        expect(
          note.lines.map(({ kind, vatRate, net, vat, gross, account }) => ({
            kind,
            vatRate,
            net,
            vat,
            gross,
            account,
          })),
        ).toEqual(c.lines);
        expect(note.totals.gross).toBe(c.gross);
        expect(note.vatByRate.map(({ vatRate, vat }) => ({ vatRate, vat }))).toEqual(c.vatByRate);
        expect(note.lines.some((line) => line.kind === "rounding")).toBe(false);
        for (const line of note.lines) {
          expect(line.net + line.vat).toBe(line.gross);
          expect(line.quantity * line.unitNet).toBe(line.net);
        }
        expect(note.payments.reduce((a, p) => a + p.amount, 0)).toBe(c.gross);
      });

      it("previews the same figures", () => {
        const preview = previewDocument({
          source: c.source,
          order: c.order(),
          refund: c.refund(),
          settings: c.settings,
        });
        expect(preview.kind).toBe("creditNote");
        expect(preview.totals.gross).toBe(formatMinor(c.gross, preview.currency as never));
        expect(preview.lines.map((l) => [l.kind, l.gross, l.account])).toEqual(
          c.lines.map((l) => [l.kind, formatMinor(l.gross, preview.currency as never), l.account]),
        );
      });
    });
  }
});
