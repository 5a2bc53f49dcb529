import { describe, expect, it } from "vitest";
import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import { currency, formatMinor } from "../../app/domain/money";
import { previewDocument } from "../../app/domain/preview";
import { corpus, type CorpusCase } from "./corpus-cases";
import { corpusDraft, corpusSettings } from "./corpus-draft";

/**
 * The corpus through the preview use case (what the order page and the CLI show) and the draft
 * builder: invoice gross = the order's total, VAT per rate = the order's own tax per rate, to the
 * minor unit, for a ledger rounding VAT per line and for one rounding it once per document. A
 * VAT-free rounding line appears only where the case says the ledger cannot represent the gross
 * (worked out by hand in corpus-cases.ts), and the preview then explains it in Danish and English.
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
      it.each(["perLine", "perDocumentRate"] as const)(`${c.name} (${shape}, %s)`, (vatRounding) => {
        const draft = corpusDraft(c, payload, corpusSettings(c), vatRounding);
        expect(draft.currency).toBe(c.expected.currency);
        expect(draft.totals.gross).toBe(c.expected.gross);
        expect(positiveVatByRate(draft)).toEqual(expectedPositive(c));
        expect(draft.vatByRate.filter((b) => b.vatRate === 0).every((b) => b.vat === 0)).toBe(true);
        const rounding = draft.lines.filter((l) => l.kind === "rounding");
        expect(rounding.reduce((a, l) => a + l.gross, 0)).toBe(c.expected.rounding?.[vatRounding] ?? 0);
        expect(rounding.every((l) => l.vatRate === 0 && l.vat === 0)).toBe(true);
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
    const rounding = c.expected.rounding?.perLine ?? 0;
    expect(preview.lines.filter((l) => l.kind === "rounding").map((l) => l.gross)).toEqual(
      rounding === 0 ? [] : [formatMinor(rounding, code)],
    );
    expect((preview.explanations ?? []).length > 0).toBe(rounding !== 0);
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

describe("VAT corpus: a rounding line is explained in the preview", () => {
  const byName = (prefix: string) => {
    const found = corpus.find((k) => k.name.startsWith(prefix));
    if (!found) throw new Error(`corpus has ${prefix}`);
    return found;
  };

  it("a single unit no net carries: the line books the nearest gross, in Danish and English", () => {
    const c = byName("S6");
    const preview = previewDocument({ source: c.source, order: JSON.stringify(c.payload) });
    expect(preview.lines.map((l) => [l.kind, l.net, l.vat, l.gross])).toEqual([
      ["item", "330.81", "82.70", "413.51"],
      ["rounding", "0.01", "0.00", "0.01"],
    ]);
    expect(preview.explanations).toEqual([
      {
        key: "preview.warning.rounding.perLine",
        en: "Espressomaskine: the ledger computes VAT on each line, and no amount excl. VAT gives 413.52 DKK with the shop's VAT at 25 %. The line is booked at 413.51 DKK, and a VAT-free rounding line of 0.01 DKK keeps the order total.",
        da: "Espressomaskine: regnskabsprogrammet beregner momsen på hver linje, og intet beløb ekskl. moms giver 413.52 DKK med butikkens moms ved 25 %. Linjen bogføres til 413.51 DKK, og en momsfri afrundingslinje på 0.01 DKK holder ordrens total.",
      },
    ]);
  });

  it("e-conomic's VAT on the document's net: one line moves, the rounding line says why", () => {
    const c = byName("W1");
    const preview = previewDocument({
      source: c.source,
      order: JSON.stringify(c.payload),
      vatRounding: "perDocumentRate",
    });
    // 823.14 × 25 % = 205.785 → 205.79 as e-conomic rounds it; the rounding line is net −0.01.
    expect(preview.vatByRate).toEqual([
      { vatRate: "25", net: "823.14", vat: "205.79" },
      { vatRate: "0", net: "-0.01", vat: "0.00" },
    ]);
    expect(preview.totals).toEqual({ net: "823.13", vat: "205.79", gross: "1028.92" });
    expect(preview.lines.filter((l) => l.kind === "rounding").map((l) => l.gross)).toEqual(["-0.01"]);
    expect(preview.explanations?.map((e) => e.en)).toEqual([
      "The ledger computes VAT at 25 % once on the document's amount excl. VAT, and 823.13 DKK would give 205.78 DKK instead of the shop's 205.79 DKK. Kaffekværn is booked so that the amount excl. VAT is 823.14 DKK, and a VAT-free rounding line of -0.01 DKK keeps the total.",
    ]);
    expect(preview.explanations?.[0]?.da).toContain("momsfri afrundingslinje på -0.01 DKK");
  });
});
