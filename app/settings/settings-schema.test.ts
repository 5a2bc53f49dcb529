import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parseSettings } from "./parse-settings";
import { settingsJsonSchemaText, settingsJsonSchema } from "./settings-json-schema";
import { defaultSettings, ShopSettingsSchema } from "./settings-schema";

describe("shop settings schema", () => {
  it("has Danish defaults: DKK-friendly accounts, 25 % VAT, customer's currency", () => {
    const s = defaultSettings();
    expect(s).toMatchObject({
      version: 1,
      homeCountry: "DK",
      documentCurrency: "presentment",
      vat: { domesticRate: 25, oss: { enabled: false }, voec: { enabled: false } },
      accounts: {
        revenue: { domestic: "1000", exempt: "1050", euReverseCharge: "1100", export: "1255" },
        shipping: { domestic: "1350", exempt: "1300", euReverseCharge: "1300", export: "1300" },
      },
      lines: { discounts: "separateLines", shippingAsLine: true, includeFreeShipping: false },
      numbering: "ledger",
      payments: { register: true, defaultDepositAccount: "55000", gateways: {} },
      rounding: { account: "1050", toleranceMinorUnits: 50 },
    });
    expect(s.accounts.giftCardLiability).toBeUndefined();
  });

  it("keeps defaults next to partial input", () => {
    const result = parseSettings({ version: 1, accounts: { shipping: { domestic: "1351" } } });
    expect(result.ok && result.settings.accounts.shipping).toMatchObject({
      domestic: "1351",
      exempt: "1300",
    });
  });

  it("reports every wrong field with its path", () => {
    const result = parseSettings({
      version: 1,
      homeCountry: "dk",
      vat: { domesticRate: 125, oss: { enabled: true } },
      accounts: { revenue: { domestic: "" } },
      rounding: { toleranceMinorUnits: 2.5 },
      lines: { discount: "separateLines" },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "homeCountry",
        "vat.domesticRate",
        "accounts.revenue.domestic",
        "rounding.toleranceMinorUnits",
        "lines.discount",
      ]),
    );
    const unknown = result.ok ? undefined : result.errors.find((e) => e.path === "lines.discount");
    expect(unknown?.message).toBe("Unknown setting");
  });

  it("requires the OSS and VOEC accounts once those schemes are enabled", () => {
    const result = parseSettings({ version: 1, vat: { oss: { enabled: true }, voec: { enabled: true } } });
    expect(result.ok ? [] : result.errors).toEqual([
      { path: "accounts.revenue.oss", message: "OSS is enabled: choose the account for EU consumer sales" },
      {
        path: "accounts.revenue.voec",
        message: "VOEC is enabled: choose the account for Norwegian VOEC sales",
      },
    ]);
    expect(
      parseSettings({ version: 1, vat: { oss: { enabled: true } }, accounts: { revenue: { oss: "1015" } } })
        .ok,
    ).toBe(true);
  });
});

describe("docs/settings.schema.json", () => {
  const committed = readFileSync(new URL("../../docs/settings.schema.json", import.meta.url), "utf8");

  it("is up to date with the zod schema (run: npx tsx scripts/export-settings-schema.ts)", () => {
    expect(committed).toBe(settingsJsonSchemaText());
  });

  it("accepts what the app accepts and rejects what it rejects", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(settingsJsonSchema());
    for (const sample of [
      { version: 1 },
      defaultSettings(),
      { version: 1, lines: { discounts: "reducedPrices" }, payments: { gateways: { mobilepay: "55020" } } },
    ]) {
      expect(validate(sample)).toBe(true);
      expect(ShopSettingsSchema.safeParse(sample).success).toBe(true);
    }
    for (const sample of [{ version: 2 }, { version: 1, numbering: "random" }, { version: 1, typo: true }]) {
      expect(validate(sample)).toBe(false);
      expect(ShopSettingsSchema.safeParse(sample).success).toBe(false);
    }
  });
});
