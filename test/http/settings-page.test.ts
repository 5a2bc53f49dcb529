import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { connectLedger } from "../../app/onboarding/connect-ledger.server";
import { action as previewAction } from "../../app/routes/app.settings.preview";
import { action as settingsAction, loader as settingsLoader } from "../../app/routes/app.settings";
import { translate } from "../../app/i18n/messages";
import { serializeForm, type SettingsForm } from "../../app/settings-page/settings-form";
import type { SettingsPreview } from "../../app/settings-page/settings-preview";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * The settings page's loader, save action and preview route on a real database, with Billy's
 * simulator as the connected ledger (local mode: the demo shop is the session).
 */
describe("settings page", () => {
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
  const save = (form: SettingsForm) => send(settingsAction, "/app/settings", form);
  const preview = async (form: SettingsForm) => {
    const response = await send(previewAction, "/app/settings/preview", form);
    expect(response.status).toBe(200);
    return (await response.json()) as SettingsPreview;
  };
  const storedSettings = async () =>
    (await db.shopSettings.findUnique({ where: { shopId: shop.id } }))?.settings ?? null;

  it("without a ledger: defaults, a note to connect one, and a preview of the sample order", async () => {
    const page = await load();
    expect(page.saved).toBe(false);
    expect(page.lists).toEqual({ status: "notConnected" });
    expect(page.form.values["accounts.revenue.domestic"]).toBe("1000");
    expect(page.preview).toMatchObject({ status: "ok", order: { name: "#1001", sample: true } });
  });

  it("with Billy connected: every dropdown list comes from Billy, and the form holds the proposed accounts", async () => {
    const connected = await connectLedger(db, shop, {
      provider: "billy",
      credentials: { accessToken: billy.accessToken },
    });
    expect(connected).toMatchObject({ status: "connected", settingsProposed: true });
    const requestsBefore = billy.requests.length;
    const page = await load();
    if (page.lists.status !== "ok") throw new Error(`lists not loaded: ${JSON.stringify(page.lists)}`);
    expect(page.lists.salesAccounts.map((a) => a.id)).toEqual([
      "acc-1110",
      "acc-1120",
      "acc-1130",
      "acc-1140",
      "acc-1150",
    ]);
    expect(page.lists.depositAccounts.map((a) => a.id)).toContain("acc-5710");
    expect(page.lists.vatCodes.map((v) => v.id)).toContain("tr-salg-25");
    // One request per list at most (Billy has no payment-terms or layout records to ask for).
    expect(billy.requests.length - requestsBefore).toBeLessThanOrEqual(3);
    expect(page.saved).toBe(true);
    expect(page.form.values).toMatchObject({
      "accounts.revenue.domestic": "acc-1110",
      "accounts.shipping.domestic": "acc-1150",
      "payments.defaultDepositAccount": "acc-5710",
    });
    expect(page.preview.status === "ok" && page.preview.document.lines[0]?.account).toBe("acc-1110");
  });

  it("refuses an invalid save with an error next to each field, and stores nothing", async () => {
    const before = await storedSettings();
    const form = (await load()).form;
    form.values["accounts.revenue.domestic"] = "";
    form.values["rounding.toleranceMinorUnits"] = "lots";
    form.values["homeCountry"] = "Danmark";
    form.gateways = [{ gateway: "mobilepay", account: "5".repeat(41) }];
    const response = await save(form);
    expect(response.status).toBe(422);
    const result = (await response.json()) as { ok: boolean; errors: Record<string, { key?: string }> };
    expect(result.ok).toBe(false);
    expect(result.errors).toMatchObject({
      "accounts.revenue.domestic": { key: "settings.error.chooseAccount" },
      "rounding.toleranceMinorUnits": { key: "settings.error.plainNumber" },
      homeCountry: { key: "settings.error.country" },
      "payments.gateways.0.account": { key: "settings.error.accountTooLong" },
    });
    expect(await storedSettings()).toEqual(before);
  });

  it("saves a valid form, and the page shows what was saved", async () => {
    const form = (await load()).form;
    form.values["orderNumberPrefix"] = "WEB-";
    form.values["accounts.revenue.domestic"] = "acc-1130";
    form.values["transfer.book"] = "false";
    form.gateways = [{ gateway: "mobilepay", account: "acc-5730" }];
    const response = await save(form);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(await storedSettings()).toMatchObject({
      orderNumberPrefix: "WEB-",
      accounts: { revenue: { domestic: "acc-1130" } },
      transfer: { book: false },
      payments: { gateways: { mobilepay: "acc-5730" } },
    });
    const page = await load();
    expect(page.form.values).toMatchObject({ orderNumberPrefix: "WEB-", "transfer.book": "false" });
    expect(page.form.gateways).toEqual([{ gateway: "mobilepay", account: "acc-5730" }]);
  });

  it("previews an unsaved change without saving it", async () => {
    const before = await storedSettings();
    const form = (await load()).form;
    form.values["orderNumberPrefix"] = "SHOP-";
    form.values["accounts.revenue.domestic"] = "acc-1140";
    const result = await preview(form);
    if (result.status !== "ok") throw new Error(result.message);
    expect(result.document.header).toBe("Ordre SHOP-1001");
    expect(result.document.lines.filter((l) => l.kind === "item").map((l) => l.account)).toEqual([
      "acc-1140",
      "acc-1140",
    ]);
    expect(await storedSettings()).toEqual(before);

    form.values["vat.oss.enabled"] = "true";
    const invalid = await preview(form);
    expect(invalid).toMatchObject({
      status: "error",
      message: expect.stringContaining("accounts.revenue.oss"),
    });
  });

  it("previews the shop's newest order once it has one", async () => {
    const order = danishOrder(77);
    await db.webhookEvent.create({
      data: {
        platform: "shopify",
        shopDomain: LOCAL_SHOP_DOMAIN,
        topic: "orders/paid",
        deliveryId: "d-77",
        body: order.order,
      },
    });
    const form = (await load()).form;
    form.values["accounts.giftCardLiability"] = "acc-6910";
    const result = await preview(form);
    expect(result.order).toEqual({ source: "shopify", name: order.name, sample: false });
    if (result.status !== "ok") throw new Error(result.message);
    expect(result.document.header).toMatch(/^Ordre WEB-\d+$/);
    expect(result.document.externalReference).toContain(order.orderId.split("/").pop());
    expect(result.document.lines.some((l) => l.kind === "giftCard" && l.account === "acc-6910")).toBe(true);
  });

  it("says when the ledger cannot be reached and falls back to typed accounts", async () => {
    await billy.close();
    const page = await load();
    expect(page.lists.status).toBe("unreachable");
    expect(page.lists.status === "unreachable" && page.lists.message).toMatch(/Billy/);
    expect(page.form.values["accounts.revenue.domestic"]).toBe("acc-1130");
  });

  const refusedWith = async (form: SettingsForm) => {
    const response = await save(form);
    expect(response.status).toBe(422);
    return ((await response.json()) as { errors: Record<string, { key?: string; message: string }> }).errors;
  };

  it("takes numbers only as plain decimals, and stores nothing for any other spelling", async () => {
    const before = await storedSettings();
    for (const spelling of ["0x19", "1e2", " 12 ", "Infinity", "-Infinity", "12abc", "0b11", "1_000", "٣"]) {
      const form = (await load()).form;
      form.values["rounding.toleranceMinorUnits"] = spelling;
      form.values["vat.domesticRate"] = spelling;
      const errors = await refusedWith(form);
      expect(errors["rounding.toleranceMinorUnits"], spelling).toMatchObject({
        key: "settings.error.plainNumber",
      });
      expect(errors["vat.domesticRate"], spelling).toMatchObject({ key: "settings.error.plainNumber" });
      expect(await storedSettings()).toEqual(before);
    }
    // Plain decimals, with a Danish comma too, are still numbers.
    const form = (await load()).form;
    form.values["rounding.toleranceMinorUnits"] = "25";
    form.values["vat.domesticRate"] = "25,00";
    expect((await save(form)).status).toBe(200);
    expect(await storedSettings()).toMatchObject({
      rounding: { toleranceMinorUnits: 25 },
      vat: { domesticRate: 25 },
    });
  });

  it("accepts any gateway name, prototype keys included, and gives each its own account", async () => {
    const names = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
    const form = (await load()).form;
    form.gateways = names.map((gateway, index) => ({ gateway, account: `acc-57${index}` }));
    const response = await save(form);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
    const stored = (await storedSettings()) as { payments: { gateways: Record<string, unknown> } };
    expect(Object.keys(stored.payments.gateways).sort()).toEqual([...names].sort());
    expect(Object.getOwnPropertyDescriptor(stored.payments.gateways, "__proto__")?.value).toBe("acc-571");
    const page = await load();
    // jsonb keeps keys in its own order; the rows are the same.
    const byName = (a: { gateway: string }, b: { gateway: string }) => a.gateway.localeCompare(b.gateway);
    expect([...page.form.gateways].sort(byName)).toEqual(
      names.map((gateway, index) => ({ gateway, account: `acc-57${index}` })).sort(byName),
    );

    // A gateway the merchant did not list gets the default account, whatever it is called.
    const only = (await load()).form;
    only.gateways = [{ gateway: "mobilepay", account: "acc-5730" }];
    expect((await save(only)).status).toBe(200);
    const reloaded = await load();
    expect(reloaded.form.gateways).toEqual([{ gateway: "mobilepay", account: "acc-5730" }]);
  });

  it("bounds the gateway rows with a clear message, in Danish and English, and stores nothing", async () => {
    const before = await storedSettings();
    const form = (await load()).form;
    form.gateways = Array.from({ length: 201 }, (_, index) => ({
      gateway: `gw-${index}`,
      account: "acc-5730",
    }));
    const errors = await refusedWith(form);
    expect(errors._form).toMatchObject({ key: "settings.error.tooManyGateways" });
    expect(await storedSettings()).toEqual(before);
    expect(translate("en", "settings.error.tooManyGateways")).toContain("200");
    expect(translate("da", "settings.error.tooManyGateways")).toContain("200");
    // 200 rows are fine.
    form.gateways = form.gateways.slice(0, 200);
    expect((await save(form)).status).toBe(200);
  });

  it("takes only a home country whose VAT rules the app knows", async () => {
    const before = await storedSettings();
    for (const country of ["US", "XX", "EL", "GB", "ZZ"]) {
      const form = (await load()).form;
      form.values["homeCountry"] = country;
      const errors = await refusedWith(form);
      expect(errors["homeCountry"], country).toMatchObject({ key: "settings.error.unknownCountry" });
      expect(await storedSettings()).toEqual(before);
    }
    expect(translate("da", "settings.error.unknownCountry")).toContain("EU");
    const form = (await load()).form;
    form.values["homeCountry"] = "SE";
    expect((await save(form)).status).toBe(200);
    expect(await storedSettings()).toMatchObject({ homeCountry: "SE" });
  });
});
