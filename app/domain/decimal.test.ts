import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatScaled, mulDivRound, parseScaled } from "./decimal";

describe("parseScaled", () => {
  it("parses decimal strings and JSON numbers exactly", () => {
    expect(parseScaled("199.95", 2)).toBe(19_995);
    expect(parseScaled(195.66, 2)).toBe(19_566);
    expect(parseScaled("0.06", 4)).toBe(600);
    expect(parseScaled("-22.5", 2)).toBe(-2250);
    expect(parseScaled("30", 2)).toBe(3000);
  });

  it("rejects extra decimals unless rounding is asked for", () => {
    expect(() => parseScaled("1.4784", 2)).toThrow(/more than 2 decimals/);
    expect(parseScaled("1.4784", 2, "halfUp")).toBe(148);
    expect(parseScaled("1.445", 2, "halfUp")).toBe(145);
    expect(parseScaled("-0.125", 2, "halfUp")).toBe(-13);
  });

  it("rejects text that is not a plain decimal", () => {
    expect(() => parseScaled("1e2", 2)).toThrow(/not a decimal/);
    expect(() => parseScaled("12,50", 2)).toThrow(/not a decimal/);
  });
});

describe("mulDivRound", () => {
  it("rounds half away from zero", () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(4999, 2500, 10_000)).toBe(1250);
    expect(mulDivRound(-4999, 2500, 10_000)).toBe(-1250);
  });

  it("matches exact rational rounding for any integers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (a, b, c) => {
          const result = mulDivRound(a, b, c);
          // |a·b/c − result| ≤ 1/2, with ties going away from zero.
          const twice = 2n * BigInt(a) * BigInt(b) - 2n * BigInt(result) * BigInt(c);
          const abs = twice < 0n ? -twice : twice;
          expect(abs <= BigInt(c)).toBe(true);
        },
      ),
    );
  });
});

describe("formatScaled", () => {
  it("formats and trims", () => {
    expect(formatScaled(2550, 2, true)).toBe("25.5");
    expect(formatScaled(2500, 2, true)).toBe("25");
    expect(formatScaled(-5, 2)).toBe("-0.05");
    expect(formatScaled(750, 2, true)).toBe("7.5");
  });

  it("round-trips with parseScaled", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (value, scale) => {
        expect(parseScaled(formatScaled(value, scale), scale)).toBe(value);
      }),
    );
  });
});
