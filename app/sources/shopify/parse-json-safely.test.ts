import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJsonSafely } from "./parse-json-safely";

describe("parseJsonSafely", () => {
  it("keeps ids beyond 2^53 exact where JSON.parse rounds them", () => {
    const text = readFileSync(
      new URL("../../../test/fixtures/shopify/orders-paid.sample.json", import.meta.url),
      "utf8",
    );
    expect(String((JSON.parse(text) as { id: number }).id)).toBe("820982911946154500");
    expect((parseJsonSafely(text) as { id: string }).id).toBe("820982911946154508");
  });

  it("leaves strings, safe integers, decimals and negatives alone", () => {
    expect(
      parseJsonSafely(
        '{"a":"12345678901234567890","b":123,"c":-5.25,"d":[1e3,-9007199254740993],"e":"q\\"9007199254740993"}',
      ),
    ).toEqual({
      a: "12345678901234567890",
      b: 123,
      c: -5.25,
      d: [1000, "-9007199254740993"],
      e: 'q"9007199254740993',
    });
  });

  it("still rejects invalid JSON", () => {
    expect(() => parseJsonSafely("{nope")).toThrow(SyntaxError);
  });

  it("does not turn a long integer with a leading zero (not JSON) into valid JSON", () => {
    // The webhook fast path validates deliveries with this parse: it must refuse what JSON.parse refuses.
    expect(() => JSON.parse('{"id":01234567890123456789}')).toThrow(SyntaxError);
    expect(() => parseJsonSafely('{"id":01234567890123456789}')).toThrow(SyntaxError);
    expect(() => parseJsonSafely('{"id":-01234567890123456789}')).toThrow(SyntaxError);
  });
});
