import { describe, expect, it } from "vitest";
import { parseSettings } from "./parse-settings";
import { migrateSettings } from "./settings-migrations";
import { createMemorySettingsStorage, loadShopSettings, saveShopSettings } from "./settings-store";

describe("settings migrations", () => {
  it("lifts the unversioned prototype shape to version 1", () => {
    const migrated = migrateSettings({
      salesAccount: "1010",
      shippingAccount: "1360",
      depositAccount: "55010",
      roundingAccount: "3690",
      roundingToleranceOere: 100,
      discountsAsLines: false,
      orderNumberPrefix: "WEB-",
    });
    expect(migrated).toEqual({
      version: 1,
      orderNumberPrefix: "WEB-",
      accounts: { revenue: { domestic: "1010" }, shipping: { domestic: "1360" } },
      payments: { defaultDepositAccount: "55010" },
      rounding: { account: "3690", toleranceMinorUnits: 100 },
      lines: { discounts: "reducedPrices" },
    });
    const parsed = parseSettings(migrated);
    expect(parsed.ok && parsed.settings.accounts.revenue).toMatchObject({ domestic: "1010", exempt: "1050" });
  });

  it("leaves current settings untouched and refuses versions from the future", () => {
    expect(migrateSettings({ version: 1, homeCountry: "DK" })).toEqual({ version: 1, homeCountry: "DK" });
    const future = parseSettings({ version: 7 });
    expect(future.ok ? [] : future.errors).toEqual([
      { path: "version", message: expect.stringMatching(/newer than this app/) },
    ]);
    expect(parseSettings("nope").ok).toBe(false);
  });
});

describe("settings store", () => {
  it("returns defaults for a new shop, validates on save and reloads what was saved", async () => {
    const storage = createMemorySettingsStorage();
    expect((await loadShopSettings(storage, "shop-1")).accounts.revenue.domestic).toBe("1000");

    const rejected = await saveShopSettings(storage, "shop-1", { version: 1, numbering: "sometimes" });
    expect(rejected).toMatchObject({ ok: false, errors: [{ path: "numbering" }] });
    expect(storage.data.has("shop-1")).toBe(false);

    const saved = await saveShopSettings(storage, "shop-1", {
      version: 1,
      payments: { gateways: { mobilepay: "55020" } },
    });
    expect(saved.ok).toBe(true);
    expect((await loadShopSettings(storage, "shop-1")).payments.gateways).toEqual({ mobilepay: "55020" });
    expect((await loadShopSettings(storage, "shop-2")).payments.gateways).toEqual({});
  });

  it("migrates settings stored by an older release on load", async () => {
    const storage = createMemorySettingsStorage();
    storage.data.set("old", { salesAccount: "1010" });
    expect((await loadShopSettings(storage, "old")).accounts.revenue.domestic).toBe("1010");
  });
});
