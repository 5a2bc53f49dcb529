import { describe, expect, it } from "vitest";
import { refusalScope } from "./ledger-error";

describe("refusalScope", () => {
  it("names the connection when the ledger says an account does not exist (each simulator's words)", () => {
    for (const text of [
      "AccountNumber: Account 1000 does not exist.", // Dinero
      "accountId: Unknown account acc-missing.", // Billy
      "account_id_: Account 1000 does not exist", // Dynaccount
      "account_id_: Unknown sales account", // Dynaccount
      "Kontoen 1000 findes ikke", // Danish wording
      "account: account not found", // e-conomic
    ]) {
      expect(refusalScope(text), text).toEqual({ scope: "connection" });
    }
  });

  it("leaves refusals of the order's own data to the order", () => {
    for (const text of [
      "Quantity must be positive",
      "Debtor 77777 does not exist",
      "The account holder's name is too long",
      "Line 2: unknown product 4711",
      undefined,
    ]) {
      expect(refusalScope(text), String(text)).toEqual({});
    }
  });
});
