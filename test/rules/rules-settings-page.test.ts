import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { renderMessage } from "../../app/i18n/render-message";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { connectLedger } from "../../app/onboarding/connect-ledger.server";
import { action as previewAction } from "../../app/routes/app.settings.preview";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/app.settings";
import { serializeForm, type SettingsForm } from "../../app/settings-page/settings-form";
import type { SettingsPreview } from "../../app/settings-page/settings-preview";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * Mapping rules and payment handling per gateway (#18) through the settings page's routes, with
 * Billy's simulator connected: a rule naming an account Billy lacks is refused on save, a rule
 * moves a matching line to its account and the preview says why, an open gateway row is stored.
 */
describe("settings page: mapping rules and payment handling", () => {
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
      ENCRYPTION_KEY: Buffer.alloc(32, 4).toString("base64"),
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
  const send = (route: typeof settingsAction, path: string, form: SettingsForm) =>
    route({
      request: new Request(`http://localhost${path}`, {
        method: "POST",
        body: new URLSearchParams(serializeForm(form)),
      }),
      params: {},
      context: {},
    });
  const storedSettings = async () =>
    (await db.shopSettings.findUnique({ where: { shopId: shop.id } }))?.settings ?? null;

  it("refuses a rule naming an account the ledger lacks, next to the rule, and stores nothing", async () => {
    const before = await storedSettings();
    const form = (await load()).form;
    form.rules = [{ field: "vendor", value: "Tehuset", action: "account", account: "acc-4242" }];
    const response = await send(settingsAction, "/app/settings", form);
    expect(response.status).toBe(422);
    const result = (await response.json()) as {
      errors: Record<string, { key?: string; params?: Record<string, string> }>;
    };
    const error = result.errors["rules.0.account"];
    expect(error).toMatchObject({ key: "settings.error.unknownRuleAccount" });
    expect(renderMessage("da", "settings.error.unknownRuleAccount", error?.params ?? {})).toBe(
      "Regel 1: konto acc-4242 findes ikke i Billy; vælg en af dens konti",
    );
    expect(await storedSettings()).toEqual(before);
  });

  it("books a matching line on the rule's account, and the preview says why, in Danish and English", async () => {
    const form = (await load()).form;
    form.rules = [{ field: "vendor", value: "tehuset", action: "account", account: "acc-1130" }];
    const response = await send(previewAction, "/app/settings/preview", form);
    const preview = (await response.json()) as SettingsPreview;
    if (preview.status !== "ok") throw new Error(preview.message);
    const items = preview.document.lines.filter((l) => l.kind === "item");
    expect(items.map((l) => [l.description, l.account])).toEqual([
      ["Kaffekop - Blå", "acc-1110"],
      ["Tekande", "acc-1130"],
    ]);
    const why = preview.document.warnings.find((w) => w.key === "preview.warning.ruleAccount");
    expect(why?.text).toBe("Tekande: account acc-1130 because Vendor = tehuset (rule 1)");
    expect(renderMessage("da", "preview.warning.ruleAccount", why?.params ?? {})).toBe(
      "Tekande: konto acc-1130 fordi Leverandør = tehuset (regel 1)",
    );

    const saving = await send(settingsAction, "/app/settings", form);
    expect(saving.status).toBe(200);
    expect((await load()).form.rules).toEqual(form.rules);
  });

  it("stores a gateway left open with terms, and offers a row for a gateway seen on the shop's orders", async () => {
    const form = (await load()).form;
    form.gateways = [{ gateway: "Bank Deposit", account: "", terms: "8" }];
    expect((await send(settingsAction, "/app/settings", form)).status).toBe(200);
    expect(await storedSettings()).toMatchObject({ payments: { openGateways: { "Bank Deposit": 8 } } });

    await db.job.create({
      data: {
        shopId: shop.id,
        kind: "invoice",
        businessKey: "invoice:1",
        orderId: "gid://shopify/Order/1",
        status: "succeeded",
        trigger: "paid",
        sourceOrder: (await import("../../app/settings-page/sample-order")).SAMPLE_SHOPIFY_ORDER,
      },
    });
    const rows = (await load()).form.gateways;
    expect(rows).toEqual([
      { gateway: "Bank Deposit", account: "", terms: "8" },
      { gateway: "shopify_payments", account: "" },
    ]);
  });
});
