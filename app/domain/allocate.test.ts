import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate } from "./allocate";

describe("allocate", () => {
  it("splits without losing a minor unit, remainder to the largest remainders", () => {
    expect(allocate(1003, [50, 50])).toEqual([502, 501]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1000, [0, 3, 1])).toEqual([0, 750, 250]);
  });

  it("splits evenly when every weight is zero", () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
  });

  it("rejects bad input", () => {
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
    expect(() => allocate(1, [])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 2])).toThrow(RangeError);
  });

  it("always sums to the amount and stays within one unit of the exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          const shares = allocate(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          shares.forEach((share, i) => {
            const exact = total === 0 ? amount / weights.length : (amount * (weights[i] ?? 0)) / total;
            expect(Math.abs(share - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});
