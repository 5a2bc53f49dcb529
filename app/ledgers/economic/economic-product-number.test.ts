import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeProductNumber, encodeProductNumber } from "./economic-product-number";

describe("e-conomic product number self-link encoding", () => {
  it("matches the documented example", () => {
    expect(encodeProductNumber("My Awesome Product_Discount5%")).toBe(
      "My_9_Awesome_9_Product_8_Discount5_3_",
    );
    expect(decodeProductNumber("My_9_Awesome_9_Product_8_Discount5_3_")).toBe(
      "My Awesome Product_Discount5%",
    );
  });

  it("encodes every special character of the table and percent-encodes the rest", () => {
    expect(encodeProductNumber("<>*%:&/\\_ ?.#+")).toBe("_0__1__2__3__4__5__6__7__8__9__10__11__12__13_");
    expect(encodeProductNumber("Æble-1")).toBe("%C3%86ble-1");
  });

  it("round-trips any product number through a URL path segment", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 25 }), (productNumber) => {
        const segment = encodeProductNumber(productNumber);
        expect(segment).not.toMatch(/[/?#]/);
        expect(decodeProductNumber(decodeURIComponent(segment))).toBe(productNumber);
      }),
      { numRuns: 300 },
    );
  });
});
