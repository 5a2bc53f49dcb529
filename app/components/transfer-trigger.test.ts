import { describe, expect, it } from "vitest";
import { translate } from "../i18n/messages";
import { triggerKey } from "./transfer-trigger";

describe("the transfers table's trigger column", () => {
  it("names a credit note started by a refund webhook as the refund, not as 'Paid'", () => {
    expect(translate("en", triggerKey({ kind: "creditNote", trigger: "paid" }))).toBe("Refund");
    expect(translate("da", triggerKey({ kind: "creditNote", trigger: "paid" }))).toBe("Refusion");
    expect(translate("en", triggerKey({ kind: "invoice", trigger: "paid" }))).toBe("Paid");
    expect(translate("en", triggerKey({ kind: "creditNote", trigger: "reconcile" }))).toBe("Reconciliation");
  });
});
