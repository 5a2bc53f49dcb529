import type { PrismaClient } from "@prisma/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { connectWithKeys } from "../../app/sources/woocommerce/connect-store.server";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { wooOrderSourceForShop } from "../../app/sources/woocommerce/store-order-source.server";
import { openApiKeys, openStoreSecret } from "../../app/sources/woocommerce/woo-store-repo.server";
import { main } from "../../cli/main";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { newSecretBox, startRouteServer, useAppGlobals, type RouteServer } from "./woo-harness";

/** Connecting a store: wc-auth through the app's routes, manual keys, webhooks, the plugin's secret. */
describe("connecting a WooCommerce store", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let box: SecretBox;
  let app: RouteServer;
  let woo: WooSimulator;
  let restore: () => void;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    box = newSecretBox();
    restore = useAppGlobals(db, box);
    app = await startRouteServer();
  });
  afterAll(async () => {
    await app?.close();
    restore?.();
    await database?.close();
  });
  beforeEach(async () => {
    await db.shop.deleteMany();
    await db.wooAuthRequest.deleteMany();
    woo = await startWooSimulator({ wcAuth: { allowHttpCallback: true } });
  });
  afterEach(async () => {
    await woo?.close();
  });

  /** The merchant's browser: follows redirects by hand so each hop can be checked. */
  async function clickConnect(): Promise<{ hops: Response[]; page: Response }> {
    const hops: Response[] = [];
    let url = `${app.url}/woocommerce/connect?shop=${encodeURIComponent(`${woo.url}/`)}`;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(url, { redirect: "manual" });
      hops.push(response);
      const location = response.headers.get("location");
      if (response.status !== 302 || !location) return { hops, page: response };
      url = new URL(location, url).toString();
    }
    throw new Error("too many redirects");
  }

  it("connects through /wc-auth/v1/authorize: the callback answers 200, keys are sealed, webhooks and plugin set up", async () => {
    const { hops, page } = await clickConnect();
    // app → store's authorize screen (state in user_id) → back to the app's return page.
    const authorize = new URL(hops[0]?.headers.get("location") ?? "");
    expect(authorize.origin + authorize.pathname).toBe(`${woo.url}/wc-auth/v1/authorize`);
    expect(authorize.searchParams.get("scope")).toBe("read_write");
    expect(authorize.searchParams.get("callback_url")).toBe(`${app.url}/woocommerce/callback`);
    const state = authorize.searchParams.get("user_id") ?? "";
    expect(state.length).toBeGreaterThanOrEqual(40);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Your WooCommerce store is connected");

    // WooCommerce keeps the key only when the callback answered exactly 200.
    expect(app.log).toContainEqual({ method: "POST", path: "/woocommerce/callback", status: 200 });
    const issued = woo.keys.find((k) => k.description.startsWith("Ledger Bridge - API"));
    expect(issued?.permissions).toBe("read_write");

    const store = await db.wooStore.findFirstOrThrow({ include: { shop: true } });
    expect(store.shop).toMatchObject({ platform: "woocommerce", domain: woo.url });
    expect(store.storeUrl).toBe(woo.url);
    // Sealed at rest: the raw columns hold neither the key nor the secret.
    expect(store.apiKeys).not.toContain(issued?.consumerKey ?? "ck_");
    expect(store.apiKeys).not.toContain(issued?.consumerSecret ?? "cs_");
    expect(store.apiKeys.startsWith("v1.")).toBe(true);
    expect(await openApiKeys(db, box, store)).toMatchObject({ consumerKey: issued?.consumerKey });
    // Only the state's hash was ever stored, and the attempt is gone once used.
    expect(await db.wooAuthRequest.count()).toBe(0);

    expect(woo.webhooks.map((w) => [w.topic, w.status, w.deliveryUrl])).toEqual(
      ["order.created", "order.updated", "order.deleted", "order.restored"].map((topic) => [
        topic,
        "active",
        `${app.url}/webhooks/woocommerce/${store.shopId}`,
      ]),
    );
    await woo.drainWebhooks();
    // The creation pings (unsigned) were answered 200, so WooCommerce records them as delivered.
    const pings = woo.dispatcher.log.filter((d) => d.kind === "ping");
    expect(pings).toHaveLength(4);
    expect(pings.every((d) => d.responseCode === 200)).toBe(true);
    expect(woo.webhooks.every((w) => !w.pendingDelivery)).toBe(true);

    // The plugin received app URL and store secret through the settings API, not through a browser.
    const plugin = woo.settingsGroups.get("ledger_bridge");
    expect(plugin?.get("ledger_bridge_app_url")).toBe(app.url);
    expect(plugin?.get("ledger_bridge_store_secret")).toBe(await openStoreSecret(db, box, store));
    expect(store.storeSecretDelivered).toBe(true);
    expect(store.storeSecret).not.toContain(plugin?.get("ledger_bridge_store_secret") ?? "x");
  });

  it("shows a denied approval, stores nothing, and refuses a replayed or forged callback", async () => {
    woo.wcAuth.decision = "deny";
    const { page } = await clickConnect();
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("was not approved");
    expect(await db.shop.count()).toBe(0);

    const forged = await fetch(`${app.url}/woocommerce/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        key_id: 9,
        user_id: "a-state-we-never-issued-aaaaaaaaaaaaaaaa",
        consumer_key: `ck_${"a".repeat(40)}`,
        consumer_secret: `cs_${"b".repeat(40)}`,
        key_permissions: "read_write",
      }),
    });
    // Not 200: WooCommerce deletes the key it just made.
    expect(forged.status).toBe(400);
    const replay = await fetch(`${app.url}/woocommerce/connected?success=1&user_id=whatever-state-value`);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("expired or was already used");
    expect(await db.wooStore.count()).toBe(0);
  });

  it("says so in Danish when the browser prefers Danish", async () => {
    const response = await fetch(`${app.url}/woocommerce/connect`, {
      headers: { "accept-language": "da-DK,da;q=0.9" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Åbn denne side fra Ledger Bridge-pluginnet");
  });

  it("connects with manual keys, and explains a wrong or read-only key without storing anything", async () => {
    const ctx = { db, box, appUrl: app.url, allowPrivateStores: true };
    const wrong = await connectWithKeys(ctx, {
      storeUrl: woo.url,
      consumerKey: woo.credentials.consumerKey,
      consumerSecret: `cs_${"0".repeat(40)}`,
    });
    expect(wrong).toMatchObject({ status: "failed", reason: "rejectedKeys" });
    expect(wrong.status === "failed" && wrong.message).toContain("WooCommerce rejected these API keys");
    expect(await db.shop.count()).toBe(0);

    const readOnly = woo.addApiKey("read");
    const limited = await connectWithKeys(ctx, { storeUrl: woo.url, ...readOnly });
    expect(limited).toMatchObject({ status: "failed", reason: "readOnlyKeys" });
    expect(limited.status === "failed" && limited.message).toContain("Read/Write");
    expect(woo.webhooks).toHaveLength(0);

    const ok = await connectWithKeys(ctx, { storeUrl: `${woo.url}/`, ...woo.credentials });
    expect(ok).toMatchObject({ status: "connected", storeUrl: woo.url, pluginConfigured: true });
    expect(woo.webhooks.filter((w) => w.status === "active")).toHaveLength(4);
    // Connecting again is idempotent: same shop, no second set of webhooks.
    await connectWithKeys(ctx, { storeUrl: woo.url, ...woo.credentials });
    expect(await db.shop.count()).toBe(1);
    expect(woo.webhooks).toHaveLength(4);

    // Outside local mode, only public https stores.
    const privateStore = await connectWithKeys(
      { ...ctx, allowPrivateStores: false },
      { storeUrl: woo.url, ...woo.credentials },
    );
    expect(privateStore).toMatchObject({ status: "failed", reason: "invalidUrl" });
  });

  it("re-enables a webhook WooCommerce disabled, on the next poll round", async () => {
    const connected = await connectWithKeys(
      { db, box, appUrl: app.url, allowPrivateStores: true },
      { storeUrl: woo.url, ...woo.credentials },
    );
    if (connected.status !== "connected") throw new Error(connected.message);
    const updated = woo.webhooks.find((w) => w.topic === "order.updated");
    if (!updated) throw new Error("order.updated webhook missing");
    updated.status = "disabled";
    updated.failureCount = 6;
    await woo.drainWebhooks();

    const shop = await db.shop.findUniqueOrThrow({ where: { id: connected.shopId } });
    await wooOrderSourceForShop(db, shop, { box });
    expect(updated.status).toBe("active");
    expect(woo.webhooks).toHaveLength(4);
    const stored = await db.wooStore.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(stored.webhooks).toContainEqual({ topic: "order.updated", id: updated.id, status: "active" });
  });

  it("without the plugin: connects, and the CLI prints the store secret for pasting", async () => {
    await woo.close();
    woo = await startWooSimulator({ companionPlugin: false });
    // The CLI opens (and migrates) the process-wide database: this test's, never data/pglite.
    if (database.kind === "postgres") process.env.DATABASE_URL = database.url;
    else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = (database.target as { dataDir: string }).dataDir;
    }
    resetEnvForTests();
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      readFile: async () => "",
    };

    expect(
      await main(["woocommerce", "connect", "--url", woo.url, "--key", "ck_x", "--secret", "cs_y"], io),
    ).toBe(2);
    expect(err.join("\n")).toContain("--app-url is required");

    const code = await main(
      [
        "woocommerce",
        "connect",
        "--url",
        woo.url,
        "--key",
        woo.credentials.consumerKey,
        "--secret",
        "cs_wrong",
        "--app-url",
        app.url,
      ],
      io,
    );
    expect(code).toBe(1);
    expect(err.join("\n")).toContain("WooCommerce rejected these API keys");

    expect(
      await main(
        [
          "woocommerce",
          "connect",
          "--url",
          woo.url,
          "--key",
          woo.credentials.consumerKey,
          "--secret",
          woo.credentials.consumerSecret,
          "--app-url",
          app.url,
        ],
        io,
      ),
    ).toBe(0);
    const store = await db.wooStore.findFirstOrThrow();
    expect(store.storeSecretDelivered).toBe(false);
    expect(out.join("\n")).toContain(
      `Store secret for its settings tab: ${await openStoreSecret(db, box, store)}`,
    );
    expect(out.join("\n")).toContain("order.updated");
  });
});
