import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleInvoice } from "../../test/contract/sample-drafts";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { clipText, LEDGER_TEXT_RULES, ledgerSafeDraft } from "./ledger-text";

/** What Dynaccount accepts as a product number (its simulator's rule, from the API's error). */
const DYNACCOUNT_PRODUCT_NUMBER = /^[A-Za-z0-9ÆØÅæøå._\-/]{1,50}$/;

describe("ledger text", () => {
  const hostile = "Mette\u0000\u0007\ud800 Holm 😀 \u202eمرحبا\u200f\tline\nbreak";

  it("removes only what an invoice document cannot carry, from every text of the draft, and lists each change", () => {
    const draft = sampleInvoice(dineroHarness.accounts, { orderNumber: 1, email: "ledger-text@example.com" });
    draft.customer.name = hostile;
    draft.customer.address.line1 = "Nørregade\u000b7";
    const first = draft.lines[0];
    if (!first) throw new Error("the sample has no lines");
    first.description = `Kop ${hostile}`;
    draft.comment = "fine as it is 😀";
    for (const provider of ["dinero", "billy", "economic", "dynaccount"] as const) {
      const { draft: sent, changes } = ledgerSafeDraft(draft, provider);
      expect(sent.customer.name).toBe("Mette\ufffd Holm 😀 \u202eمرحبا\u200f\tline\nbreak");
      expect(sent.customer.address.line1).toBe("Nørregade7");
      expect(sent.lines[0]?.description).toBe(`Kop ${sent.customer.name}`);
      expect(sent.comment).toBe(draft.comment);
      expect(sent.totals).toEqual(draft.totals);
      expect(changes.map((change) => change.field).sort()).toEqual(
        ["customer.address.line1", "customer.name", "lines[0].description"].sort(),
      );
      expect(changes.find((change) => change.field === "customer.name")?.original).toBe(hostile);
      // The draft itself is untouched: it stays the record of what the platform sent.
      expect(draft.customer.name).toBe(hostile);
    }
  });

  it("keeps Dynaccount's valid SKUs and derives a valid, distinct product number from the others", () => {
    const rule = LEDGER_TEXT_RULES.dynaccount.productNumber;
    if (!rule) throw new Error("Dynaccount has no product-number rule");
    expect(rule("KOP-BLÅ_2/x.1")).toBe("KOP-BLÅ_2/x.1");
    expect(LEDGER_TEXT_RULES.dinero.productNumber).toBeUndefined();
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.string({ maxLength: 3 }),
        (sku, extra) => {
          const number = rule(sku);
          expect(number).toMatch(DYNACCOUNT_PRODUCT_NUMBER);
          if (DYNACCOUNT_PRODUCT_NUMBER.test(sku)) expect(number).toBe(sku);
          const other = `${sku} ${extra}`;
          if (other !== sku) expect(rule(other)).not.toBe(number);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("clips to a length without cutting a character in half", () => {
    expect(clipText("ab😀", 3)).toBe("ab");
    expect(clipText("ab😀", 4)).toBe("ab😀");
    expect(clipText(undefined, 3)).toBeUndefined();
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (text, max) => {
          const clipped = clipText(text, max);
          expect(clipped.length).toBeLessThanOrEqual(max);
          expect(text.startsWith(clipped)).toBe(true);
          expect(clipped).not.toMatch(/[\ud800-\udbff]$/);
        },
      ),
    );
  });
});
