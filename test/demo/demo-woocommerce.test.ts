import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { connectDemoLedger, linkDemoWooLedger } from "../../demo/demo-connect.server";
import { startDemoEnvironment } from "../../demo/demo-environment.server";
import type { DemoOverview } from "../../demo/demo-overview.server";
import type { DemoEnvironment } from "../../demo/demo-types";
import { connectDemoWooStore } from "../../demo/demo-woocommerce.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import type { AppProcess } from "../support/app-process";
import type { DemoApp } from "../support/demo-app";
import { demoOnPostgres as onPostgres, startDemoApp } from "../support/demo-app";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/** Every wait polls its condition and gives up after this long (a loaded 2-core CI is slow). */
const WAIT_MS = 60_000;
const TEST_MS = 90_000;

/**
 * The demo's WooCommerce store, end to end against a real `ledger-bridge start` in local mode:
 * the app starts the WooCommerce simulator, connects its store with REST keys (webhooks
 * registered to the app's own `/webhooks/woocommerce/<store>` route) and to the demo shop's
 * ledger (DEMO_LEDGER); "Create paid WooCommerce order" places an order in the simulator, the
 * store delivers its signed webhook, and the worker books the invoice in the ledger simulator.
 */
describe(`the demo's WooCommerce store (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  let demo: DemoApp;
  let app: AppProcess;

  beforeAll(async () => {
    demo = await startDemoApp({ DEMO_LEDGER: "billy" });
    app = demo.app;
  }, 320_000);
  afterAll(async () => {
    await demo?.close();
  });

  const overview = () => demo.overview();
  const press = (fields: Record<string, string>) => demo.press(fields);
  /** Polls the page until `pick` finds what it waits for; never a fixed sleep. */
  const waitFor = async <T>(
    what: string,
    pick: (page: DemoOverview) => T | undefined | false,
  ): Promise<T> => {
    const deadline = Date.now() + WAIT_MS;
    let last: DemoOverview | undefined;
    while (Date.now() < deadline) {
      last = await overview();
      const found = pick(last);
      if (found !== undefined && found !== false) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}:\n${JSON.stringify(last, null, 2)}\n${app.output()}`);
  };

  it(
    "starts the WooCommerce simulator, connects its store to the app and the demo's ledger, and lists its keys",
    async () => {
      const woo = await waitFor("the store's connection", (page) =>
        page.woocommerce?.connected ? page.woocommerce : undefined,
      );
      expect(woo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(woo.consumerKey).toMatch(/^ck_/);
      expect(woo.consumerSecret).toMatch(/^cs_/);
      expect(woo.connectError).toBeNull();
      expect(woo.orders).toEqual([]);
      // Linked to the demo shop's ledger (DEMO_LEDGER) right after connecting.
      const deadline = Date.now() + WAIT_MS;
      while (!app.output().includes("demo WooCommerce store connected") && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(app.output()).toMatch(/demo WooCommerce store connected[^\n]*"ledger":"billy"/);

      const english = await (await fetch(`${app.url}/app/demo?locale=en`)).text();
      expect(english).toContain("Create paid WooCommerce order");
      expect(english).toContain(woo.consumerKey);
      expect(english).toContain(woo.url);
      const danish = await (await fetch(`${app.url}/app/demo?locale=da`)).text();
      expect(danish).toContain("Opret betalt WooCommerce-ordre");
    },
    TEST_MS,
  );

  it(
    "turns a created paid WooCommerce order into a booked, paid invoice through the store's signed webhook",
    async () => {
      const { status, result } = await press({ intent: "createWooOrder" });
      expect(status, JSON.stringify(result)).toBe(200);
      expect(result).toMatchObject({ ok: true, message: "demo.result.wooCreated" });
      const name = result.vars.name ?? "";
      expect(name).toMatch(/^#\d+$/);

      const row = await waitFor("the WooCommerce order's invoice", (page) => {
        const found = page.woocommerce?.orders.find((order) => order.name === name);
        return found?.invoice?.status === "succeeded" ? found : undefined;
      });
      expect(row.customer).toBe("Nordlys Keramik ApS");
      const number = row.invoice?.documentNumber;
      expect(number).toBeTruthy();
      // The Ledger panel reads the simulator the demo shop and the store both book to.
      const document = await waitFor("the invoice in the ledger", (page) =>
        page.ledgerDocuments?.find((doc) => doc.kind === "invoice" && doc.number === number),
      );
      // 2 × 125.00 + 49.00 shipping, moms included.
      expect(document).toMatchObject({ booked: true, paid: true, totalMinor: 29_900, currency: "DKK" });
      expect(document.customer).toMatch(/Nordlys Keramik|Sofie Lund/);
      // The Shopify demo shop's orders are untouched.
      expect((await overview()).orders.every((order) => order.invoice === null)).toBe(true);

      const page = await (await fetch(`${app.url}/app/demo?locale=en`)).text();
      expect(page).toContain(`data-testid="demo-woo-order-${name}"`);
    },
    TEST_MS,
  );
});

describe("the demo's WooCommerce store without DEMO_LEDGER", () => {
  let demo: DemoApp;

  beforeAll(async () => {
    demo = await startDemoApp({});
  }, 320_000);
  afterAll(async () => {
    await demo?.close();
  });

  const overview = () => demo.overview();
  const press = (fields: Record<string, string>) => demo.press(fields);
  const until = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}:\n${demo.app.output()}`);
  };

  it(
    "asks for a ledger first, then books to the simulator the demo shop was connected to with one click",
    async () => {
      await until("the store's connection", async () =>
        (await overview()).woocommerce?.connected ? true : undefined,
      );
      const refused = await press({ intent: "createWooOrder" });
      expect(refused.status).toBe(409);
      expect(refused.result).toMatchObject({ ok: false, message: "demo.result.wooNoLedger" });
      // Nothing was created in the store.
      expect((await overview()).woocommerce?.orders).toEqual([]);

      expect((await press({ intent: "connect", provider: "economic" })).status).toBe(200);
      const created = await press({ intent: "createWooOrder" });
      expect(created.status, JSON.stringify(created.result)).toBe(200);
      const name = created.result.vars.name ?? "";
      const number = await until("the invoice", async () => {
        const row = (await overview()).woocommerce?.orders.find((order) => order.name === name);
        return row?.invoice?.status === "succeeded" ? (row.invoice.documentNumber ?? undefined) : undefined;
      });
      const document = (await overview()).ledgerDocuments?.find(
        (doc) => doc.kind === "invoice" && doc.number === number,
      );
      expect(document).toMatchObject({ booked: true, totalMinor: 29_900 });
    },
    TEST_MS,
  );
});

/** Reaches a URL over HTTP: any answer at all means a server is listening. */
async function listening(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe("the demo's WooCommerce store in process", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
  const started: DemoEnvironment[] = [];

  const savedLogLevel = process.env.LOG_LEVEL;

  beforeAll(async () => {
    process.env.LOG_LEVEL = "silent";
    resetEnvForTests();
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    for (const demo of started) await demo.close();
    await database?.close();
    if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLogLevel;
    resetEnvForTests();
  });

  const startDemo = async () => {
    // Only the WooCommerce simulator and Billy matter here; the app is "listening" nowhere, so
    // the store's pings fail (WooCommerce ignores that) and no order is created.
    const demo = await startDemoEnvironment({
      env: {
        SHOPIFY_ADMIN_BASE_URL: "http://127.0.0.1:9",
        DINERO_API_BASE_URL: "http://127.0.0.1:9",
        ECONOMIC_API_BASE_URL: "http://127.0.0.1:9",
        DYNACCOUNT_API_BASE_URL: "http://127.0.0.1:9",
      },
    });
    started.push(demo);
    demo.appUrl = "http://127.0.0.1:9";
    return demo;
  };

  it("connects the store with its keys to the demo shop's ledger, and retires the store of an earlier run", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "demo-woo.myshopify.com" } });
    const first = await startDemo();
    const woo = first.woocommerce;
    if (!woo) throw new Error("the WooCommerce simulator did not start");
    expect(await listening(`${woo.url}/wp-json/`)).toBe(true);
    // No ledger on the demo shop yet: the store is connected, but linked to nothing.
    expect(await connectDemoWooStore(db, first, shop.id, box)).toBe(true);
    const storeShop = await db.shop.findUniqueOrThrow({ where: { id: woo.shopId } });
    expect(storeShop).toMatchObject({ platform: "woocommerce", domain: woo.url, uninstalledAt: null });
    const stored = await db.wooStore.findUniqueOrThrow({ where: { shopId: storeShop.id } });
    expect(stored.appUrl).toBe("http://127.0.0.1:9");
    expect(box.openJson(stored.apiKeys)).toMatchObject(woo.credentials);
    expect(await db.ledgerConnection.count({ where: { shopId: storeShop.id } })).toBe(0);

    // The demo shop connects Billy: the store follows, with the same simulator's keys and settings.
    const billy = first.ledgers.billy;
    if (!billy) throw new Error("no Billy simulator");
    await connectDemoLedger(db, shop.id, billy, box);
    expect(await linkDemoWooLedger(db, first, shop.id, box)).toBe("billy");
    const connection = await db.ledgerConnection.findUniqueOrThrow({ where: { shopId: storeShop.id } });
    expect(connection.provider).toBe("billy");
    expect(box.openJson(connection.credentials)).toMatchObject(billy.credentials);

    // A restart: the old simulator is gone, the new store is a new shop, the old one is retired.
    await first.close();
    started.splice(started.indexOf(first), 1);
    const second = await startDemo();
    expect(await connectDemoWooStore(db, second, shop.id, box)).toBe(true);
    expect(second.woocommerce?.shopId).not.toBe(storeShop.id);
    expect((await db.shop.findUniqueOrThrow({ where: { id: storeShop.id } })).uninstalledAt).not.toBeNull();
    const active = await db.shop.findMany({ where: { platform: "woocommerce", uninstalledAt: null } });
    expect(active.map((row) => row.domain)).toEqual([second.woocommerce?.url]);
    expect(
      (await db.ledgerConnection.findUniqueOrThrow({ where: { shopId: second.woocommerce?.shopId } }))
        .provider,
    ).toBe("billy");
  });
});
