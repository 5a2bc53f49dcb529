import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitGross, vatOf } from "./vat-math";

describe("vatOf", () => {
  it("rounds half away from zero like the ledgers", () => {
    expect(vatOf(16_000, 2500)).toBe(4000);
    expect(vatOf(7996, 2500)).toBe(1999);
    expect(vatOf(2, 2500)).toBe(1);
    expect(vatOf(-2, 2500)).toBe(-1);
    expect(vatOf(1234, 0)).toBe(0);
  });
});

describe("splitGross", () => {
  it("splits a Danish price including VAT", () => {
    expect(splitGross(9995, 2500)).toEqual({ net: 7996, vat: 1999 });
    expect(splitGross(20_000, 2500)).toEqual({ net: 16_000, vat: 4000 });
    expect(splitGross(-6500, 2500)).toEqual({ net: -5200, vat: -1300 });
  });

  it("returns the closest split when no net reaches the gross (2 øre at 25 %)", () => {
    const { net, vat } = splitGross(2, 2500);
    expect(Math.abs(net + vat - 2)).toBe(1);
  });

  it("always reproduces the gross within one minor unit, with ledger-style VAT", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.constantFrom(0, 600, 1900, 2100, 2500, 2550, 700),
        (gross, rate) => {
          const { net, vat } = splitGross(gross, rate);
          expect(vat).toBe(vatOf(net, rate));
          expect(Math.abs(net + vat - gross)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
