import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { connectLedger } from "../../app/onboarding/connect-ledger.server";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/app.settings";
import { rateAccountRows, serializeForm, type SettingsForm } from "../../app/settings-page/settings-form";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * OSS and VOEC accounts per VAT rate through the settings route: chosen from the connected
 * ledger's chart (Billy's simulator), refused on save when the chart lacks the account.
 */
describe("settings: accounts per VAT rate", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let billy: BillySimulator;
  let shop: Shop;
  const saved = { ...process.env };

  beforeAll(async () => {
    [database, billy] = await Promise.all([createTestDatabase(), startBillySimulator()]);
    db = database.prisma;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) delete process.env[key];
    Object.assign(process.env, {
      ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
      BILLY_API_BASE_URL: billy.apiBaseUrl,
      LOG_LEVEL: "silent",
    });
    resetEnvForTests();
    globalThis.ledgerBridgeSecretBox = undefined;
    globalThis.ledgerBridgePrisma = db;
    shop = await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
    const connected = await connectLedger(db, shop, {
      provider: "billy",
      credentials: { accessToken: billy.accessToken },
    });
    expect(connected).toMatchObject({ status: "connected" });
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    globalThis.ledgerBridgeSecretBox = undefined;
    process.env = saved;
    resetEnvForTests();
    await Promise.all([database?.close(), billy?.close()]);
  });

  const load = () =>
    settingsLoader({ request: new Request("http://localhost/app/settings"), params: {}, context: {} });
  const save = (form: SettingsForm) =>
    settingsAction({
      request: new Request("http://localhost/app/settings", {
        method: "POST",
        body: new URLSearchParams(serializeForm(form)),
      }),
      params: {},
      context: {},
    });
  const stored = async () => (await db.shopSettings.findUnique({ where: { shopId: shop.id } }))?.settings;

  it("stores per-rate accounts chosen from the ledger's chart, and shows them as rows again", async () => {
    const page = await load();
    if (page.lists.status !== "ok") throw new Error("Billy's lists did not load");
    const chart = page.lists.salesAccounts.map((a) => a.id);
    expect(chart).toContain("acc-1130");
    const form = page.form;
    form.values["vat.oss.enabled"] = "true";
    form.values["accounts.revenue.oss"] = "acc-1130";
    form.values["accounts.byRate.oss"] = "19 = acc-1130, 7 = acc-1120";
    form.values["accounts.byRate.voec"] = "25 = acc-1140";
    const response = await save(form);
    expect(response.status).toBe(200);
    expect(await stored()).toMatchObject({
      accounts: { byRate: { oss: { "19": "acc-1130", "7": "acc-1120" }, voec: { "25": "acc-1140" } } },
    });
    // The page draws one dropdown row per rate from the saved value.
    const again = await load();
    expect(rateAccountRows(again.form.values["accounts.byRate.oss"] ?? "")).toEqual([
      { rate: "19", account: "acc-1130" },
      { rate: "7", account: "acc-1120" },
    ]);
  });

  it("refuses an account Billy's chart lacks, next to its field, in Danish and English, and stores nothing", async () => {
    const before = await stored();
    const form = (await load()).form;
    form.values["accounts.byRate.oss"] = "19 = acc-1130, 7 = 9999";
    const response = await save(form);
    expect(response.status).toBe(422);
    const result = (await response.json()) as {
      ok: boolean;
      errors: Record<string, { key?: MessageKey; params?: Record<string, string> }>;
    };
    const error = result.errors["accounts.byRate.oss"];
    expect(error).toMatchObject({
      key: "settings.error.unknownAccount",
      params: { account: "9999", rate: "7", ledger: "Billy" },
    });
    expect(translate("en", error!.key!, error!.params)).toBe(
      "Billy has no account 9999 (chosen for 7 %): choose one of Billy's accounts",
    );
    expect(translate("da", error!.key!, error!.params)).toBe(
      "Billy har ingen konto 9999 (valgt til 7 %): vælg en af kontiene fra Billy",
    );
    expect(await stored()).toEqual(before);
  });

  it("checks VOEC's rates too", async () => {
    const form = (await load()).form;
    form.values["accounts.byRate.voec"] = "15 = acc-0000";
    const response = await save(form);
    expect(response.status).toBe(422);
    const result = (await response.json()) as { errors: Record<string, { key?: string }> };
    expect(Object.keys(result.errors)).toEqual(["accounts.byRate.voec"]);
  });
});
