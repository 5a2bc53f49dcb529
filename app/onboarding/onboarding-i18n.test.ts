import { describe, expect, it } from "vitest";
import { da, en } from "../i18n/messages";
import { ledgerChoices } from "./ledger-choices";
import { ledgerTextKey } from "./ui/ledger-connect-form";

describe("onboarding texts", () => {
  it("describes every ledger and every key field of the registry in English and Danish", () => {
    const keys = ledgerChoices().flatMap((ledger) => [
      ledgerTextKey(ledger.id, "requirements"),
      ...ledger.fields.flatMap((field) => [
        ledgerTextKey(ledger.id, field.key, "label"),
        ledgerTextKey(ledger.id, field.key, "help"),
      ]),
    ]);
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.filter((key) => !(key in en) || !(key in da))).toEqual([]);
  });
});
