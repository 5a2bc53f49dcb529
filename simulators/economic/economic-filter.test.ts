import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterValue } from "../../app/ledgers/economic/economic-request-keys";
import { FilterSyntaxError, matchesFilter, parseFilter } from "./economic-filter";

const record = { name: "Joe", city: "Newport", age: 39, references: { other: "lb-s1-1001" }, ean: undefined };

describe("e-conomic filter language", () => {
  it("evaluates $eq, $like, $and, $or and parentheses as documented", () => {
    expect(matchesFilter(parseFilter("name$eq:joe"), record)).toBe(true);
    expect(matchesFilter(parseFilter("name$eq:Joe$and:city$like:*port"), record)).toBe(true);
    expect(matchesFilter(parseFilter("name$eq:Ann$and:(city$like:*port$or:age$lt:40)"), record)).toBe(false);
    expect(matchesFilter(parseFilter("name$eq:Ann$or:age$gte:39"), record)).toBe(true);
    expect(matchesFilter(parseFilter("city$like:wpo"), record)).toBe(true);
    expect(matchesFilter(parseFilter("age$in:[1,39]"), record)).toBe(true);
    expect(matchesFilter(parseFilter("references.other$eq:LB-S1-1001"), record)).toBe(true);
    expect(matchesFilter(parseFilter("ean$eq:$null:"), record)).toBe(true);
  });

  it("treats escaped characters as literals, including an escaped * in $like", () => {
    expect(matchesFilter(parseFilter("name$eq:a$$b$(c$)d$,e"), { name: "a$b(c)d,e" })).toBe(true);
    expect(matchesFilter(parseFilter("name$like:50$*"), { name: "Save 50*" })).toBe(true);
    expect(matchesFilter(parseFilter("name$like:50$*"), { name: "Save 500" })).toBe(false);
  });

  it("rejects malformed filters", () => {
    expect(() => parseFilter("name")).toThrow(FilterSyntaxError);
    expect(() => parseFilter("name$approx:x")).toThrow(FilterSyntaxError);
    expect(() => parseFilter("name$eq:a$x")).toThrow(FilterSyntaxError);
  });

  it("finds any value the adapter escapes with filterValue", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (value) => {
        const filter = parseFilter(`references.other$eq:${filterValue(value)}`);
        expect(matchesFilter(filter, { references: { other: value } })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
