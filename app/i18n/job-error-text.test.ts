import { describe, expect, it } from "vitest";
import { storableJson } from "../lib/storable-text";
import { jobErrorOf, jobErrorText } from "./job-error-text";
import { translate } from "./messages";

describe("a job's failure in the merchant's language", () => {
  it("renders Ledger Bridge's own reasons from the catalogue, translating a parameter that is a key", () => {
    const stored = {
      kind: "invalidOrderData",
      message: translate("en", "jobError.invalidOrderData", {
        reason: translate("en", "jobError.reason.notJson"),
      }),
      messageKey: "jobError.invalidOrderData",
      params: { reason: "jobError.reason.notJson" },
    };
    const error = jobErrorOf(stored);
    expect(jobErrorText("en", error)).toBe(stored.message);
    const danish = jobErrorText("da", error);
    expect(danish).toContain("Et nyt forsøg hjælper ikke");
    expect(danish).toContain("de er ikke gyldig JSON");
    expect(danish).not.toContain("jobError.");
  });

  it("keeps a parameter that is text (the accounting core's words naming the field) as it is", () => {
    const error = jobErrorOf({
      message: "x",
      messageKey: "jobError.invalidOrderData",
      params: { reason: "line_items[0].quantity: must be a whole number" },
    });
    expect(jobErrorText("da", error)).toContain("(line_items[0].quantity: must be a whole number)");
  });

  it("shows a ledger's own words, and unknown or prototype keys, exactly as stored", () => {
    expect(jobErrorText("da", jobErrorOf({ message: "Dinero: account 1000 is closed" }))).toBe(
      "Dinero: account 1000 is closed",
    );
    for (const key of ["no.such.key", "constructor", "__proto__", "toString"]) {
      expect(jobErrorText("da", jobErrorOf({ message: "as stored", messageKey: key }))).toBe("as stored");
    }
    expect(jobErrorText("da", jobErrorOf(null))).toBeNull();
    expect(jobErrorText("da", jobErrorOf({ kind: "x" }))).toBeNull();
  });

  it("decodes the storable form, so a buyer's NUL in a reason reads as sent", () => {
    const error = jobErrorOf(
      storableJson({
        message: "Mette\u0000Holm",
        messageKey: "jobError.unexpected",
        params: { detail: "Mette\u0000Holm" },
      }),
    );
    expect(error?.message).toBe("Mette\u0000Holm");
    expect(jobErrorText("da", error)).toBe("Uventet fejl: Mette\u0000Holm");
  });

  it("shows a ledger's failure, stored by the worker with its key, in Danish with the ledger's own words", () => {
    const stored = {
      message: "Billy refused the data: contactId is required. …",
      messageKey: "ledgerError.refused",
      params: { ledger: "Billy", status: 422, reason: "contactId is required." },
    };
    const danish = jobErrorText("da", jobErrorOf(stored));
    expect(danish).toContain("Billy afviste dataene: contactId is required.");
    const mismatch = jobErrorText(
      "da",
      jobErrorOf({
        message: "x",
        messageKey: "ledgerError.economic.alreadyHas",
        params: { document: "ledgerError.word.creditNote", state: "ledgerError.word.draft", id: "17" },
      }),
    );
    expect(mismatch).toBe(
      "e-conomic har allerede denne kreditnota (kladde 17); den blev ikke oprettet igen.",
    );
  });
});
