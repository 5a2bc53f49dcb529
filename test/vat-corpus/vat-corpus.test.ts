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

describe("VAT corpus: the document currency decides the figures", () => {
  const presentment = corpus.find((c) => c.name.startsWith("S3") && c.expected.currency === "EUR");
  const shop = corpus.find((c) => c.name.startsWith("S3") && c.expected.currency === "DKK");

  it("records Shopify's own rate on a document in the customer's currency", () => {
    if (!presentment) throw new Error("corpus has S3");
    const draft = corpusDraft(presentment, presentment.payload, corpusSettings(presentment));
    // total_price_set: 459.60 DKK (shop) for 61.60 EUR (presentment) → 459.60 / 61.60 = 7.4610389… → 7.461039
    expect(draft.exchangeRate).toEqual({ from: "EUR", to: "DKK", rate: "7.461039" });
  });

  it("a shop-currency document needs no rate: every figure is Shopify's shop money", () => {
    if (!shop) throw new Error("corpus has S3");
    const draft = corpusDraft(shop, shop.payload, corpusSettings(shop));
    expect(draft.exchangeRate).toBeUndefined();
    // Shopify's shop_money per line: 222.34 (2 × 111.17), 185.78, shipping 51.48
    const grossBy = new Map<string, number>();
    for (const l of draft.lines) grossBy.set(l.description, (grossBy.get(l.description) ?? 0) + l.gross);
    expect(Object.fromEntries(grossBy)).toEqual({
      Kahvipaketti: 22_234,
      Termosmuki: 18_578,
      "Fragt: Posti": 5148,
    });
  });
});

describe("VAT corpus: tips", () => {
  it("a refunded Shopify tip is credited without VAT on the tips account", () => {
    const c = corpus.find((k) => k.name.startsWith("S4"));
    if (!c) throw new Error("corpus has S4");
    const tipLine = (c.payload.line_items as Array<Record<string, unknown>>)[1];
    const dkk = (amount: string) => ({
      shop_money: { amount, currency_code: "DKK" },
      presentment_money: { amount, currency_code: "DKK" },
    });
    const refund = {
      id: 990_001,
      admin_graphql_api_id: "gid://shopify/Refund/990001",
      order_id: c.payload.id,
      created_at: "2026-11-21T10:00:00+01:00",
      restock: false,
      refund_line_items: [
        {
          id: 1,
          line_item_id: tipLine?.id,
          quantity: 1,
          restock_type: "no_restock",
          subtotal: "20.00",
          subtotal_set: dkk("20.00"),
          total_tax: "0.00",
          total_tax_set: dkk("0.00"),
          line_item: tipLine,
        },
      ],
      order_adjustments: [],
      refund_shipping_lines: [],
      transactions: [
        {
          id: 5,
          kind: "refund",
          status: "success",
          gateway: "shopify_payments",
          amount: "20.00",
          currency: "DKK",
        },
      ],
    };
    const note = previewDocument({
      source: "shopify",
      order: JSON.stringify(c.payload),
      refund,
      settings: corpusSettings(c),
    });
    expect(note.lines.map((l) => [l.description, l.vatRate, l.vat, l.gross, l.account])).toEqual([
      ["Tip", "0", "0.00", "20.00", "TIPS"],
    ]);
  });
});
