import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import { payoutAccountsFrom } from "../settings/payout-settings-schema";
import { payoutAccountsMissingFromLedger } from "./payout-form-fields";
import { formToSettings, parseSubmittedForm, settingsToForm } from "./settings-form";

const ON = {
  enabled: true,
  bankAccount: "55000",
  feeAccount: "7220",
  disputesAccount: "7230",
  reservesAccount: "5830",
  adjustmentsAccount: "7240",
};

describe("payout settings", () => {
  it("are off by default, with no VAT on card fees", () => {
    const parsed = parseSettings({ version: 1 });
    if (!parsed.ok) throw new Error("defaults are valid");
    expect(parsed.settings.payouts).toEqual({ enabled: false, feeVatCode: null });
  });

  it("turned on, need every account", () => {
    const parsed = parseSettings({ version: 1, payouts: { enabled: true, bankAccount: "55000" } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.path).sort()).toEqual([
      "payouts.adjustmentsAccount",
      "payouts.disputesAccount",
      "payouts.feeAccount",
      "payouts.reservesAccount",
    ]);
  });

  it("clear through the shopify_payments gateway's deposit account", () => {
    const parsed = parseSettings({
      version: 1,
      payments: { gateways: { shopify_payments: "55100" } },
      payouts: { ...ON, feeVatCode: "I25" },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(payoutAccountsFrom(parsed.settings)).toEqual({
      ok: true,
      accounts: {
        clearing: "55100",
        bank: "55000",
        fees: "7220",
        disputes: "7230",
        reserves: "5830",
        adjustments: "7240",
        feeVatCode: "I25",
      },
    });
  });

  it("round-trip through the settings form, and the bank account is checked against the ledger's", () => {
    const parsed = parseSettings({ version: 1, payouts: ON });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const form = settingsToForm(parsed.settings);
    expect(form.values["payouts.enabled"]).toBe("true");
    expect(form.values["payouts.feeVatCode"]).toBe("");
    const back = formToSettings(parseSubmittedForm({ ...form.values }));
    expect(back.errors).toEqual({});
    expect((back.document as { payouts: unknown }).payouts).toMatchObject(ON);
    const bankAccounts = [{ id: "55000", label: "Bank" }];
    expect(payoutAccountsMissingFromLedger(parsed.settings, bankAccounts, "Dinero")).toEqual({});
    expect(
      payoutAccountsMissingFromLedger(parsed.settings, [{ id: "58000", label: "Other" }], "Dinero")[
        "payouts.bankAccount"
      ],
    ).toMatchObject({ key: "settings.error.unknownPayoutAccount", params: { account: "55000" } });
  });
});
