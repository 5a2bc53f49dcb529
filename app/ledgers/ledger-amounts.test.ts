import { describe, expect, it } from "vitest";
import { fromBillyAmount, toBillyAmount } from "./billy/billy-amounts";
import { fromDineroAmount, toDineroAmount } from "./dinero/dinero-amounts";
import { fromEconomicAmount, toEconomicAmount } from "./economic/economic-amounts";
import { currency } from "../domain/money";
import type { LedgerProviderId } from "./ledger-contract";
import { fromLedgerAmount, toLedgerAmount, toLedgerDecimal } from "./ledger-amounts";
import { LedgerError } from "./ledger-error";

const PROVIDERS: LedgerProviderId[] = ["dinero", "billy", "economic", "dynaccount"];

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("one money conversion for every ledger", () => {
  it.each(PROVIDERS)(
    "%s: minor units cross both ways exactly, signs and zero-decimal currencies included",
    (p) => {
      for (const [minor, code, major] of [
        [31875, "DKK", 318.75],
        [-1999, "EUR", -19.99],
        [0, "DKK", 0],
        [123_456_789, "SEK", 1_234_567.89],
        [1500, "JPY", 1500],
      ] as const) {
        expect(toLedgerAmount(p, minor, code)).toBe(major);
        expect(fromLedgerAmount(p, major, code)).toBe(minor);
        expect(fromLedgerAmount(p, String(major), code)).toBe(minor);
      }
      expect(toLedgerDecimal(p, 5, "DKK")).toBe("0.05");
    },
  );

  it.each(PROVIDERS)("%s: binary noise in an answer is read as the decimal it stands for", (p) => {
    expect(fromLedgerAmount(p, 0.1 + 0.2, "DKK")).toBe(30);
    expect(fromLedgerAmount(p, 1.005 * 100, "DKK")).toBe(10050);
  });

  it.each(PROVIDERS)(
    "%s: an answer with more decimals than the currency has is a LedgerError, never rounded, never a RangeError",
    (p) => {
      for (const value of [318.754, "318.754", "12,50", Number.NaN]) {
        const error = caught(() => fromLedgerAmount(p, value, "DKK"));
        expect(error).toBeInstanceOf(LedgerError);
        expect(error).toMatchObject({
          kind: "unknown",
          provider: p,
          messageKey: "ledgerError.amountUnreadable",
        });
        expect((error as LedgerError).messageIn("da")).toContain(String(value));
      }
    },
  );

  it("the per-ledger names use it: Dinero no longer rounds, Billy no longer throws a RangeError", () => {
    expect(caught(() => fromDineroAmount(318.754, currency("DKK")))).toBeInstanceOf(LedgerError);
    expect(caught(() => fromBillyAmount(318.754, "DKK"))).toBeInstanceOf(LedgerError);
    expect(caught(() => fromEconomicAmount(318.754, "DKK"))).toBeInstanceOf(LedgerError);
    expect([toDineroAmount(1, currency("DKK")), toBillyAmount(1, "DKK"), toEconomicAmount(1, "DKK")]).toEqual(
      [0.01, 0.01, 0.01],
    );
  });

  it("e-conomic refuses a third decimal it cannot carry (E04740); the others carry it", () => {
    expect(toLedgerAmount("economic", 1230, "KWD")).toBe(1.23);
    const error = caught(() => toLedgerAmount("economic", 1234, "KWD"));
    expect(error).toMatchObject({
      kind: "validation",
      provider: "economic",
      messageKey: "ledgerError.amountPrecision",
    });
    expect((error as LedgerError).merchantMessage).toContain("at most 2 decimals");
    expect((error as LedgerError).messageIn("da")).toContain("højst 2 decimaler");
    for (const p of ["dinero", "billy", "dynaccount"] as const)
      expect(toLedgerAmount(p, 1234, "KWD")).toBe(1.234);
  });
});
