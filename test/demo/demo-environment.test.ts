import type { PrismaClient } from "@prisma/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyEnvDefaults, ConfigError, env, parseEnv, resetEnvForTests } from "../../app/config/env.server";
import { connectDemoLedgerIfUnconnected } from "../../demo/demo-connect.server";
import { startDemoEnvironment } from "../../demo/demo-environment.server";
import type { DemoOrderSpec } from "../../demo/demo-order-templates";
import { FAILING_ORDER, PAID_ORDERS } from "../../demo/demo-order-templates";
import { placeOrder } from "../../demo/demo-shop-orders";
import { currentDemo } from "../../demo/demo-registry.server";
import type { DemoEnvironment } from "../../demo/demo-types";
import { isDraftError } from "../../app/domain/draft-errors";
import { buildInvoice } from "../../app/domain/build-invoice";
import { LEDGER_PROVIDER_IDS } from "../../app/ledgers/registry";
import { loadShopSettings } from "../../app/settings/settings-store";
import type { ShopSettingsInput } from "../../app/settings/settings-schema";
import { ShopSettingsSchema } from "../../app/settings/settings-schema";
import { ShopifyStore } from "../../simulators/shopify/shopify-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { mapSourceOrder } from "../../app/sources/map-source";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { randomBytes } from "node:crypto";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const URL_VARIABLES = [
  "SHOPIFY_ADMIN_BASE_URL",
  "DINERO_API_BASE_URL",
  "DINERO_AUTH_BASE_URL",
  "BILLY_API_BASE_URL",
  "ECONOMIC_API_BASE_URL",
  "DYNACCOUNT_API_BASE_URL",
];

/** Reaches a URL over HTTP: any answer at all means a server is listening. */
async function listening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe("the demo environment", () => {
  let demo: DemoEnvironment | undefined;
  const saved = { ...process.env };
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
    process.env = { ...saved };
    resetEnvForTests();
  });

  it("starts the Shopify simulator and all four ledger simulators on loopback, and stops them all", async () => {
    demo = await startDemoEnvironment({ env: {} });
    expect(Object.keys(demo.baseUrls).sort()).toEqual([...URL_VARIABLES].sort());
    for (const url of Object.values(demo.baseUrls)) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(await listening(url), url).toBe(true);
    }
    expect(Object.keys(demo.ledgers).sort()).toEqual([...LEDGER_PROVIDER_IDS].sort());
    expect(currentDemo()).toBe(demo);

    const urls = Object.values(demo.baseUrls);
    await demo.close();
    demo = undefined;
    for (const url of urls) expect(await listening(url), url).toBe(false);
    expect(currentDemo()).toBeUndefined();
  });

  it("leaves alone every service whose base URL the user set, and never overrides it", async () => {
    const explicit = {
      SHOPIFY_ADMIN_BASE_URL: "http://127.0.0.1:9/shopify",
      BILLY_API_BASE_URL: "http://127.0.0.1:9/billy/v2",
      // One of Dinero's two hosts is enough to mean "my own Dinero".
      DINERO_AUTH_BASE_URL: "http://127.0.0.1:9/dinero-auth",
    };
    demo = await startDemoEnvironment({ env: explicit });
    expect(demo.shopify).toBeUndefined();
    expect(Object.keys(demo.ledgers).sort()).toEqual(["dynaccount", "economic"]);
    expect(Object.keys(demo.baseUrls).sort()).toEqual(["DYNACCOUNT_API_BASE_URL", "ECONOMIC_API_BASE_URL"]);

    Object.assign(process.env, explicit, { ECONOMIC_API_BASE_URL: "" });
    const applied = applyEnvDefaults({ ...demo.baseUrls, BILLY_API_BASE_URL: "http://127.0.0.1:1/not-this" });
    expect(applied.sort()).toEqual(["DYNACCOUNT_API_BASE_URL", "ECONOMIC_API_BASE_URL"]);
    expect(env().BILLY_API_BASE_URL).toBe(explicit.BILLY_API_BASE_URL);
    expect(env().ECONOMIC_API_BASE_URL).toBe(demo.baseUrls.ECONOMIC_API_BASE_URL);
  });

  it("seeds paid Danish orders that the app reads from the Shopify simulator and can invoice in every ledger", async () => {
    const now = new Date();
    demo = await startDemoEnvironment({ env: {}, firstOrderNumber: 1201, now });
    const source = shopifyOrderSource(
      new AdminGraphqlClient({ baseUrl: demo.shopify?.url ?? "", accessToken: "shpat_simulator" }),
    );
    const seen = [];
    for await (const summary of source.ordersUpdatedSince(new Date(now.getTime() - 7 * 86_400_000)))
      seen.push(summary);
    expect(seen.map((order) => [order.name, order.paid])).toEqual([
      ["#1201", true],
      ["#1202", true],
      ["#1203", true],
    ]);
    expect([...(demo.shopify?.withheld ?? [])].sort()).toEqual(seen.map((order) => order.id).sort());
    // Ids come from the clock, so a restart on the same database never reuses one.
    expect(BigInt(seen[0]?.id.split("/").pop() ?? "0")).toBeGreaterThan(BigInt(now.getTime()) * 1000n);

    const fetched = await source.fetchOrder(seen[0]?.id ?? "");
    for (const ledger of Object.values(demo.ledgers)) {
      const settings = ShopSettingsSchema.parse(ledger.settings);
      const invoice = buildInvoice({
        order: mapSourceOrder("shopify", fetched?.order, settings),
        settings,
        shop: "ledger-bridge-demo.myshopify.com",
      }).draft;
      // Kaffebaren: 2 × 125.00 + 399.95 − 10 % + 49.00 shipping, moms included.
      expect(invoice.totals.gross, ledger.provider).toBe(63_395);
      expect(invoice.lines.every((line) => [settings.accounts.revenue.domestic].includes(line.account))).toBe(
        true,
      );
    }
  });

  it("builds the failing order into a merchant error that choosing the gift-card account fixes", () => {
    const store = new ShopifyStore();
    const invoiceOf = (spec: DemoOrderSpec, input: ShopSettingsInput) => {
      const settings = ShopSettingsSchema.parse(input);
      const order = mapSourceOrder("shopify", JSON.stringify(placeOrder(store, spec).rest), settings);
      return buildInvoice({ order, settings, shop: "demo" }).draft;
    };
    for (const spec of PAID_ORDERS) expect(invoiceOf(spec, { version: 1 }).totals.gross).toBeGreaterThan(0);

    let failure: unknown;
    try {
      invoiceOf(FAILING_ORDER, { version: 1 });
    } catch (error) {
      failure = error;
    }
    expect(isDraftError(failure)).toBe(true);
    expect(String((failure as Error).message)).toBe(
      "accounts.giftCardLiability: the order sells a gift card; choose the gift-card liability account in Settings",
    );
    const fixed = invoiceOf(FAILING_ORDER, { version: 1, accounts: { giftCardLiability: "63080" } });
    expect(fixed.totals.gross).toBe(12_500 + 50_000 + 4_500);
  });
});

describe("connecting the demo shop to a ledger simulator", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let demo: DemoEnvironment;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    demo = await startDemoEnvironment({ env: { SHOPIFY_ADMIN_BASE_URL: "http://127.0.0.1:9" } });
  });
  afterAll(async () => {
    await demo?.close();
    await database?.close();
  });

  it.each([...LEDGER_PROVIDER_IDS])(
    "%s: seals the simulator's keys and saves settings booking to its accounts, once",
    async (provider) => {
      const shop = await db.shop.create({
        data: { platform: "shopify", domain: `demo-${provider}.myshopify.com` },
      });
      const ledger = demo.ledgers[provider];
      if (!ledger) throw new Error(`no ${provider} simulator`);
      expect(await connectDemoLedgerIfUnconnected(db, shop.id, ledger, box)).toBe(true);
      const connection = await db.ledgerConnection.findUniqueOrThrow({ where: { shopId: shop.id } });
      expect(connection.provider).toBe(provider);
      expect(connection.organisationName).toBe(ledger.organisationName);
      for (const value of Object.values(ledger.credentials))
        if (value.length > 8) expect(connection.credentials).not.toContain(value);
      expect(box.openJson(connection.credentials)).toMatchObject(
        Object.fromEntries(Object.entries(ledger.credentials)),
      );
      const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
      expect(settings.payments.defaultDepositAccount).toBe(
        (ledger.settings.payments as { defaultDepositAccount: string }).defaultDepositAccount,
      );
      expect(settings.accounts.giftCardLiability).toBeUndefined();
      // A shop that is connected already keeps its connection.
      expect(await connectDemoLedgerIfUnconnected(db, shop.id, ledger, box)).toBe(false);
    },
  );
});

describe("the demo's configuration", () => {
  const problems = (source: Record<string, string>): string[] => {
    try {
      parseEnv(source);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it("runs the simulators by default, and DEMO_SIMULATORS=off turns them off", () => {
    expect(parseEnv({}).DEMO_SIMULATORS).toBe(true);
    expect(parseEnv({ DEMO_SIMULATORS: "off" }).DEMO_SIMULATORS).toBe(false);
    expect(parseEnv({ DEMO_SIMULATORS: "OFF" }).DEMO_SIMULATORS).toBe(false);
    expect(parseEnv({ DEMO_SIMULATORS: "" }).DEMO_SIMULATORS).toBe(true);
    expect(problems({ DEMO_SIMULATORS: "maybe" })[0]).toMatch(/^DEMO_SIMULATORS/);
  });

  it("takes one of the four ledgers as DEMO_LEDGER, and refuses it together with Shopify credentials", () => {
    expect(parseEnv({ DEMO_LEDGER: "economic" }).DEMO_LEDGER).toBe("economic");
    expect(parseEnv({ DEMO_LEDGER: "Billy" }).DEMO_LEDGER).toBe("billy");
    expect(problems({ DEMO_LEDGER: "quickbooks" })[0]).toMatch(/^DEMO_LEDGER/);
    const shopify = {
      SHOPIFY_API_KEY: "key",
      SHOPIFY_API_SECRET: "secret",
      SHOPIFY_APP_URL: "https://app.example.com",
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    expect(problems({ ...shopify, DEMO_LEDGER: "billy" })).toEqual([
      "DEMO_LEDGER connects the local demo shop only; unset it when Shopify credentials are configured",
    ]);
    expect(problems(shopify)).toEqual([]);
  });
});
