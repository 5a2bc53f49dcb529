import { describe, expect, it } from "vitest";
import { DraftError } from "../draft-errors";
import { tax } from "../order-factory.test-support";
import { resolveLineRate } from "./line-rate";
import type { TreatmentDecision } from "./vat-treatment";

const domestic: TreatmentDecision = {
  treatment: "domestic",
  countryCode: "DK",
  expectedRate: 2500,
  allowsReducedRates: false,
  reason: "a sale within DK",
};
const oss: TreatmentDecision = {
  treatment: "oss",
  countryCode: "DE",
  expectedRate: 1900,
  allowsReducedRates: true,
  reason: "an EU distance sale to DE under OSS",
};
const exportSale: TreatmentDecision = {
  treatment: "export",
  countryCode: "US",
  expectedRate: 0,
  allowsReducedRates: false,
  reason: "an export to US outside the EU",
};
const field = "line_items[0]";

describe("resolveLineRate", () => {
  it("takes the rate from the order's tax lines when it matches the treatment", () => {
    expect(
      resolveLineRate(
        { taxLines: [tax(2500, 4000)], taxable: true, field },
        { decision: domestic, orderChargedTax: true },
      ),
    ).toEqual({
      rate: 2500,
      treatment: "domestic",
      sourceTax: 4000,
    });
  });

  it("zero-rates an untaxed line in a taxed treatment", () => {
    expect(
      resolveLineRate({ taxLines: [], taxable: false, field }, { decision: domestic, orderChargedTax: true }),
    ).toMatchObject({
      rate: 0,
      treatment: "exempt",
    });
  });

  it("reports a rate that contradicts the treatment, naming the field", () => {
    const attempt = () =>
      resolveLineRate(
        { taxLines: [tax(600, 100)], taxable: true, field },
        { decision: domestic, orderChargedTax: true },
      );
    expect(attempt).toThrow(DraftError);
    expect(attempt).toThrow(/line_items\[0\]\.tax_lines: the shop charged 6 %.*expects 25 %/);
  });

  it("rejects foreign tax on an export", () => {
    expect(() =>
      resolveLineRate(
        { taxLines: [tax(600, 100)], taxable: true, field },
        { decision: exportSale, orderChargedTax: true },
      ),
    ).toThrow(/export to US/);
  });

  it("accepts a reduced OSS rate stated by the order, with a warning", () => {
    const result = resolveLineRate(
      { taxLines: [tax(700, 70)], taxable: true, field },
      { decision: oss, orderChargedTax: true },
    );
    expect(result.rate).toBe(700);
    expect(result.warning).toMatch(/reduced rate 7 %/);
  });

  it("snaps a derived rate that is off by rounding", () => {
    const result = resolveLineRate(
      { taxLines: [tax(2498, 999, "derived")], taxable: true, field },
      { decision: domestic, orderChargedTax: true },
    );
    expect(result.rate).toBe(2500);
  });

  it("missing tax data on a taxed order is an error naming the field", () => {
    expect(() =>
      resolveLineRate(
        { taxLines: undefined, taxable: true, field },
        { decision: domestic, orderChargedTax: true },
      ),
    ).toThrow(/line_items\[0\]\.tax_lines: the order charged tax but this line has no tax data/);
    expect(
      resolveLineRate(
        { taxLines: undefined, taxable: true, field },
        { decision: exportSale, orderChargedTax: false },
      ).rate,
    ).toBe(0);
  });

  it("ignores tax a marketplace remits", () => {
    const result = resolveLineRate(
      { taxLines: [{ ...tax(2500, 4000), channelLiable: true }], taxable: true, field },
      { decision: domestic, orderChargedTax: true },
    );
    expect(result).toMatchObject({ rate: 0, sourceTax: 0 });
  });
});
