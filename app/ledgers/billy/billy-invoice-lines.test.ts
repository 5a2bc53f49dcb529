import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DraftLine, InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import { divRound, planBillyLines } from "./billy-invoice-lines";

function line(init: Partial<DraftLine> & { quantity: number; unitNet: number; vat: number }): DraftLine {
  const net = init.quantity * init.unitNet;
  return {
    kind: "item",
    description: "Item",
    vatRate: 2500,
    vatTreatment: "domestic",
    account: "acc-1110",
    ...init,
    net,
    gross: net + init.vat,
  };
}

function draft(lines: DraftLine[], pricesIncludeVat: boolean): InvoiceDraft {
  const totals = lines.reduce(
    (t, l) => ({ net: t.net + l.net, vat: t.vat + l.vat, gross: t.gross + l.gross }),
    { net: 0, vat: 0, gross: 0 },
  );
  return {
    kind: "invoice",
    externalReference: "lb-1",
    currency: currency("DKK"),
    issueDate: "2026-11-20",
    pricesIncludeVat,
    customer: {
      match: { key: "email", value: "a@b.dk" },
      reference: "r",
      name: "A",
      isBusiness: false,
      address: {},
    },
    lines,
    totals,
    vatByRate: [],
    header: "Order #1",
    comment: "",
    order: { id: "1", name: "#1", number: "1" },
    payments: [],
    paymentTermsDays: 8,
  };
}

const id = () => "product";

describe("planBillyLines", () => {
  it("sends gross unit prices with taxMode incl when the shop showed prices with VAT", () => {
    const plan = planBillyLines(draft([line({ quantity: 2, unitNet: 8000, vat: 4000 })], true), id);
    expect(plan.taxMode).toBe("incl");
    expect(plan.lines.map(({ quantity, unitPrice }) => ({ quantity, unitPrice }))).toEqual([
      { quantity: 2, unitPrice: 100 },
    ]);
    expect(plan.reproducesVat).toBe(true);
  });

  it("sends net unit prices with taxMode excl for shops that showed prices without VAT", () => {
    const plan = planBillyLines(draft([line({ quantity: 3, unitNet: 1999, vat: 1499 })], false), id);
    expect(plan.taxMode).toBe("excl");
    expect(plan.lines[0]).toMatchObject({ quantity: 3, unitPrice: 19.99 });
  });

  it("splits a line whose gross does not divide by its quantity so the total stays exact", () => {
    // 3 × 26.67 net + 19.99 VAT = 100.00 gross: no mode reproduces that VAT, so the gross is kept exact.
    const plan = planBillyLines(draft([line({ quantity: 3, unitNet: 2667, vat: 1999 })], true), id);
    expect([plan.taxMode, plan.reproducesVat]).toEqual(["incl", false]);
    expect(
      plan.lines.map(({ quantity, unitPrice, priority }) => ({ quantity, unitPrice, priority })),
    ).toEqual([
      { quantity: 2, unitPrice: 33.33, priority: 0 },
      { quantity: 1, unitPrice: 33.34, priority: 1 },
    ]);
    expect(plan.lines.reduce((sum, l) => sum + l.expectedGross, 0)).toBe(10000);
  });

  it("prefers the mode that also reproduces every line's VAT", () => {
    // Gross 100.01 for 3: incl pieces would round VAT to 20.01, excl gives the shop's 20.00.
    const plan = planBillyLines(draft([line({ quantity: 3, unitNet: 2667, vat: 2000 })], true), id);
    expect([plan.taxMode, plan.reproducesVat]).toEqual(["excl", true]);
  });

  it("falls back to the other mode when the preferred one would change the VAT", () => {
    // Gross 0.07 split by the shop as net 0.06 + VAT 0.01: excl would give VAT 0.015 → 0.02, incl gives 0.01.
    const fromGross = planBillyLines(draft([line({ quantity: 1, unitNet: 6, vat: 1 })], false), id);
    expect([fromGross.taxMode, fromGross.reproducesVat]).toEqual(["incl", true]);
    // VAT that no per-line rounding yields: keep the gross exact (incl) and say the VAT differs.
    const neither = planBillyLines(draft([line({ quantity: 1, unitNet: 10000, vat: 3000 })], false), id);
    expect([neither.taxMode, neither.reproducesVat]).toEqual(["incl", false]);
  });

  it("keeps negative discount lines and zero-rated lines", () => {
    const plan = planBillyLines(
      draft(
        [
          line({ quantity: 1, unitNet: 10000, vat: 2500 }),
          line({ kind: "discount", quantity: 1, unitNet: -1000, vat: -250 }),
          line({ kind: "shipping", quantity: 1, unitNet: 5000, vat: 0, vatRate: 0, vatTreatment: "export" }),
        ],
        true,
      ),
      id,
    );
    expect(plan.lines.map((l) => l.unitPrice)).toEqual([125, -12.5, 50]);
    expect(plan.reproducesVat).toBe(true);
  });

  it("always reproduces the gross total exactly (property)", () => {
    const arbLine = fc
      .record({
        quantity: fc.integer({ min: 1, max: 7 }),
        unitNet: fc.integer({ min: -50_000, max: 200_000 }),
        vatRate: fc.constantFrom(0, 2500, 1900),
      })
      .map(({ quantity, unitNet, vatRate }) =>
        line({ quantity, unitNet, vatRate, vat: divRound(quantity * unitNet * vatRate, 10000) }),
      );
    fc.assert(
      fc.property(fc.array(arbLine, { minLength: 1, maxLength: 6 }), fc.boolean(), (lines, incl) => {
        const d = draft(lines, incl);
        const plan = planBillyLines(d, id);
        // Billy's gross, computed here from what is sent: incl prices are gross, excl get VAT added per line.
        const gross = plan.lines.reduce((sum, l) => {
          const total = Math.round(l.quantity * l.unitPrice * 100);
          return sum + (plan.taxMode === "incl" ? total : total + divRound(total * l.source.vatRate, 10000));
        }, 0);
        expect(gross).toBe(d.totals.gross);
      }),
      { numRuns: 300 },
    );
  });
});

describe("divRound", () => {
  it("rounds half away from zero", () => {
    expect([divRound(5, 2), divRound(-5, 2), divRound(4, 3), divRound(-4, 3)]).toEqual([3, -3, 1, -1]);
  });
});
