import { describe, expect, it } from "vitest";
import { parseSettings } from "../settings/parse-settings";
import { defaultSettings, ShopSettingsSchema } from "../settings/settings-schema";
import {
  fieldErrorsFor,
  FORM_LEVEL,
  formToSettings,
  parseSubmittedForm,
  serializeForm,
  settingsToForm,
} from "./settings-form";
import { SETTINGS_FIELDS } from "./settings-form-fields";

const customised = ShopSettingsSchema.parse({
  version: 1,
  vat: { oss: { enabled: true } },
  accounts: {
    revenue: { oss: "1015" },
    byRate: { oss: { "19": "1016", "7": "1017", "5.5": "1018" }, voec: { "15": "1021" } },
    fees: { domestic: "1400" },
    giftCardLiability: "63080",
  },
  orderNumberPrefix: "WEB-",
  numbering: "orderNumber",
  paymentTermsDays: 14,
  payments: { gateways: { shopify_payments: "55100", mobilepay: "55110" } },
  transfer: {
    trigger: "statuses",
    statuses: ["processing", "on-hold"],
    book: false,
    email: { enabled: true },
  },
  rounding: { toleranceMinorUnits: 100 },
  texts: { header: "Faktura for {orderName} " },
});

describe("settings form mapping", () => {
  it("round-trips every setting through the form, including through a browser submission", () => {
    for (const settings of [defaultSettings(), customised]) {
      const form = settingsToForm(settings);
      const submitted = parseSubmittedForm(serializeForm(form));
      const { document, errors } = formToSettings(submitted);
      expect(errors).toEqual({});
      const parsed = parseSettings(document);
      expect(parsed).toEqual({ ok: true, settings });
    }
  });

  it("shows values the way the fields need them", () => {
    const form = settingsToForm(customised);
    expect(form.values).toMatchObject({
      "transfer.trigger": "statuses",
      "transfer.statuses": "processing, on-hold",
      "transfer.book": "false",
      "vat.oss.enabled": "true",
      "accounts.revenue.oss": "1015",
      "accounts.revenue.voec": "",
      paymentTermsDays: "14",
      "rounding.toleranceMinorUnits": "100",
    });
    expect(form.gateways).toEqual([
      { gateway: "shopify_payments", account: "55100" },
      { gateway: "mobilepay", account: "55110" },
    ]);
    // Every schema leaf is on the form (gateways have their own rows).
    expect(Object.keys(form.values).sort()).toEqual(SETTINGS_FIELDS.map((f) => f.name).sort());
  });

  it("leaves empty optional accounts unset and skips empty gateway rows", () => {
    const form = settingsToForm(customised);
    form.values["accounts.fees.domestic"] = "  ";
    form.gateways.push({ gateway: "", account: "" });
    const { document, errors } = formToSettings(form);
    expect(errors).toEqual({});
    const parsed = parseSettings(document);
    expect(parsed.ok && parsed.settings.accounts.fees).toEqual({});
    expect(parsed.ok && Object.keys(parsed.settings.payments.gateways)).toEqual([
      "shopify_payments",
      "mobilepay",
    ]);
  });

  it("reports numbers that are not numbers, and gateway rows without a name or named twice", () => {
    const form = settingsToForm(defaultSettings());
    form.values["rounding.toleranceMinorUnits"] = "fifty";
    form.values["vat.domesticRate"] = "25,5";
    form.gateways = [
      { gateway: "", account: "55000" },
      { gateway: "paypal", account: "55000" },
      { gateway: "paypal", account: "55010" },
    ];
    const { document, errors } = formToSettings(form);
    expect(errors).toEqual({
      "rounding.toleranceMinorUnits": {
        key: "settings.error.plainNumber",
        message: "Enter a plain number such as 25 or 12.5, without spaces or other characters",
      },
      "payments.gateways.0.gateway": { key: "settings.error.required", message: "Name the payment gateway" },
      "payments.gateways.2.gateway": {
        key: "settings.error.duplicateGateway",
        message: "paypal is listed twice",
      },
    });
    // A Danish decimal comma is understood.
    expect(document).toMatchObject({
      vat: { domesticRate: 25.5 },
      payments: { gateways: { paypal: "55000" } },
    });
  });
});

describe("field errors", () => {
  it("puts each schema problem next to its field, translated where the page knows the rule", () => {
    const form = settingsToForm(defaultSettings());
    form.values["accounts.revenue.domestic"] = "";
    form.values["homeCountry"] = "Denmark";
    form.values["paymentTermsDays"] = "2.5";
    form.values["rounding.toleranceMinorUnits"] = "-1";
    form.gateways = [{ gateway: "mobilepay", account: "5".repeat(41) }];
    const { document } = formToSettings(form);
    const parsed = parseSettings(document);
    if (parsed.ok) throw new Error("should be invalid");
    const errors = fieldErrorsFor(parsed.errors, form);
    expect(errors).toMatchObject({
      "accounts.revenue.domestic": { key: "settings.error.chooseAccount" },
      homeCountry: { key: "settings.error.country" },
      paymentTermsDays: { key: "settings.error.wholeNumber" },
      "rounding.toleranceMinorUnits": { key: "settings.error.range" },
      "payments.gateways.0.account": { key: "settings.error.accountTooLong" },
    });
    expect(Object.values(errors).every((error) => error.message.length > 0)).toBe(true);
  });

  it("names the OSS account once OSS is switched on without one", () => {
    const form = settingsToForm(defaultSettings());
    form.values["vat.oss.enabled"] = "true";
    const parsed = parseSettings(formToSettings(form).document);
    if (parsed.ok) throw new Error("should be invalid");
    expect(fieldErrorsFor(parsed.errors, form)).toEqual({
      "accounts.revenue.oss": {
        key: "settings.error.ossAccount",
        message: "OSS is enabled: choose the account for EU consumer sales",
      },
    });
  });

  it("reads OSS/VOEC accounts per rate as 'rate = account' pairs, and says how to write them", () => {
    const form = settingsToForm(customised);
    expect(form.values["accounts.byRate.oss"]).toBe("19 = 1016, 7 = 1017, 5.5 = 1018");
    form.values["accounts.byRate.oss"] = " 19 % = 1011; 7=1012\n5,5: 1013 ";
    form.values["accounts.byRate.voec"] = "";
    const { document, errors } = formToSettings(form);
    expect(errors).toEqual({});
    const parsed = parseSettings(document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.settings.accounts.byRate).toEqual({
      oss: { "19": "1011", "7": "1012", "5.5": "1013" },
      voec: {},
    });
    for (const bad of ["19", "19 = ", "nineteen = 1011", "19 = 1011, 19 = 1012", "19=1011,7=1012"]) {
      form.values["accounts.byRate.oss"] = bad;
      expect(formToSettings(form).errors["accounts.byRate.oss"], bad).toMatchObject({
        key: "settings.error.rateAccounts",
      });
    }
    // A rate the schema refuses is reported on the field, not on the whole form.
    form.values["accounts.byRate.oss"] = "101 = 1011";
    const refused = parseSettings(formToSettings(form).document);
    if (refused.ok) throw new Error("should be invalid");
    expect(Object.keys(fieldErrorsFor(refused.errors, form))).toEqual(["accounts.byRate.oss"]);
  });

  it("maps list elements to their list and unknown paths to the form", () => {
    const form = settingsToForm(defaultSettings());
    expect(
      fieldErrorsFor(
        [
          { path: "transfer.statuses.1", message: "Too small: expected string to have >=1 characters" },
          { path: "version", message: "Settings version 7 is newer than this app understands" },
        ],
        form,
      ),
    ).toEqual({
      "transfer.statuses": { key: "settings.error.range", message: expect.any(String) },
      [FORM_LEVEL]: { message: "Settings version 7 is newer than this app understands" },
    });
  });
});

describe("payment handling per gateway (#18)", () => {
  it("turns a row left open with terms into openGateways, without needing a deposit account", () => {
    const form = settingsToForm(defaultSettings());
    form.gateways = [
      { gateway: "Bank Deposit", account: "", terms: "14" },
      { gateway: "shopify_payments", account: "55010" },
      // A gateway seen on the shop's orders the merchant left alone: the defaults.
      { gateway: "paypal", account: "" },
    ];
    const round = parseSubmittedForm(serializeForm(form));
    const { document, errors } = formToSettings(round);
    expect(errors).toEqual({});
    const parsed = parseSettings(document);
    if (!parsed.ok) throw new Error("should be valid");
    expect({ ...parsed.settings.payments.openGateways }).toEqual({ "Bank Deposit": 14 });
    expect({ ...parsed.settings.payments.gateways }).toEqual({ shopify_payments: "55010" });
    expect(settingsToForm(parsed.settings).gateways).toEqual([
      { gateway: "shopify_payments", account: "55010" },
      { gateway: "Bank Deposit", account: "", terms: "14" },
    ]);
  });

  it("refuses terms that are not whole days from 0 to 365, next to the row", () => {
    const form = settingsToForm(defaultSettings());
    form.gateways = [{ gateway: "Bank Deposit", account: "", terms: "400" }];
    expect(formToSettings(form).errors).toMatchObject({
      "payments.gateways.0.terms": { key: "settings.error.terms" },
    });
  });
});
