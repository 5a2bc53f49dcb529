import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SettingsForm } from "../../app/settings-page/settings-form";
import { serializeForm } from "../../app/settings-page/settings-form";
import type { SettingsPageModel } from "../../app/settings-page/settings-page-model";
import type { OrderDetail } from "../../app/transfers/order-detail.server";
import type { TransfersPage } from "../../app/transfers/list-transfers.server";
import { settingsToken } from "../../app/sources/woocommerce/plugin-signature";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";
import { newDanishOrder, PAID } from "../woocommerce/woo-harness";

const SETTINGS_DATA = "_data=routes%2Fapp.settings";
const TRANSFERS_DATA = "_data=routes%2Fapp.transfers";
const ORDER_DATA = "_data=routes%2Fapp.orders.%24orderId";
const COOKIE = "lb_woo_admin";

/**
 * A WooCommerce merchant on the app's own pages, over HTTP against the real app (`ledger-bridge
 * start`, local mode) with two simulated stores connected through wc-auth: WordPress's signed
 * link is traded once for a session cookie scoped to one store; Settings, Transfers and the order
 * page then work for that store, and only for it.
 */
describe("WooCommerce admin pages over HTTP", () => {
  let database: AppDatabase;
  let app: AppProcess;
  let storeA: WooSimulator;
  let storeB: WooSimulator;
  const encryptionKey = randomBytes(32).toString("base64");
  /** B's order from before it was connected: no webhook ever told the app about it. */
  let unknownOrderB = 0;
  const now = () => Math.floor(Date.now() / 1000);
  /**
   * Links are deterministic (store and expiry), so two made in the same second are the same
   * single-use link; each fresh link here gets its own expiry (counting down from 14 minutes
   * ahead, within the app's 15-minute bound), as clicks seconds apart would.
   */
  const firstExpiry = now() + 14 * 60;
  let clicks = 0;
  const freshExpiry = () => firstExpiry - clicks++;

  beforeAll(async () => {
    database = await createAppDatabase();
    [storeA, storeB] = await Promise.all([
      startWooSimulator({ orders: [], refunds: [], wcAuth: { allowHttpCallback: true } }),
      startWooSimulator({ orders: [], refunds: [], wcAuth: { allowHttpCallback: true } }),
    ]);
    unknownOrderB = Number(storeB.store.createOrder(newDanishOrder(PAID)).id);
    app = await startAppProcess(
      {
        ...database.env,
        ENCRYPTION_KEY: encryptionKey,
        WORKER_IN_PROCESS: "false",
        DEMO_SIMULATORS: "off",
        LOG_LEVEL: "warn",
      },
      280_000,
    );
    for (const store of [storeA, storeB]) await connect(store);
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await Promise.all([storeA?.close(), storeB?.close()]);
    await database?.close();
  });

  /** The plugin's Connect button: wc-auth round trip, the app writes its URL and the secret back. */
  async function connect(store: WooSimulator) {
    let url = `${app.url}/woocommerce/connect?shop=${encodeURIComponent(`${store.url}/`)}`;
    let response = await fetch(url, { redirect: "manual" });
    for (let hop = 0; response.status === 302 && hop < 4; hop++) {
      url = new URL(response.headers.get("location") ?? "", url).toString();
      response = await fetch(url, { redirect: "manual" });
    }
    expect(response.status, await response.text()).toBe(200);
    await store.drainWebhooks();
  }
  const secretOf = (store: WooSimulator) =>
    store.settingsGroups.get("ledger_bridge")?.get("ledger_bridge_store_secret") ?? "";
  /** What the plugin's "Open Ledger Bridge" button links to. */
  const linkFor = (store: WooSimulator, expires = freshExpiry(), secret = secretOf(store)) =>
    `${app.url}/woocommerce/settings?token=${encodeURIComponent(settingsToken(`${store.url}/`, expires, secret))}`;
  const open = (link: string, headers: Record<string, string> = {}) =>
    fetch(link, { redirect: "manual", headers });
  /** Opens the store's link and returns the cookie pair (name=value) the app set. */
  async function login(store: WooSimulator): Promise<string> {
    const response = await open(linkFor(store));
    expect(response.status).toBe(303);
    const pair = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(pair.startsWith(`${COOKIE}=`)).toBe(true);
    return pair;
  }
  const get = (path: string, cookie?: string) =>
    fetch(`${app.url}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const settingsOf = async (cookie?: string) => {
    const response = await get(`/app/settings?${SETTINGS_DATA}`, cookie);
    expect(response.status).toBe(200);
    return (await response.json()) as SettingsPageModel;
  };
  const saveSettings = (form: SettingsForm, cookie: string) =>
    fetch(`${app.url}/app/settings?${SETTINGS_DATA}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(serializeForm(form)),
    });

  /** A cookie made with the app's key (HKDF of ENCRYPTION_KEY, as the app derives it). */
  const craftCookie = (sessionId: string, expires: number) => {
    const key = Buffer.from(
      hkdfSync(
        "sha256",
        Buffer.from(encryptionKey, "base64"),
        Buffer.alloc(0),
        "ledger-bridge/woo-admin-session/v1",
        32,
      ),
    );
    const mac = createHmac("sha256", key).update(`woo-admin|${sessionId}|${expires}`).digest("base64url");
    return `${COOKIE}=${sessionId}.${expires}.${mac}`;
  };
  const sessionIdOf = (cookie: string) => cookie.slice(COOKIE.length + 1).split(".")[0] ?? "";

  it("trades a valid link for a session cookie and lands on that store's Settings page", async () => {
    const response = await open(linkFor(storeA));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/app/settings?locale=en");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^lb_woo_admin=[\w-]{43}\.\d+\.[\w-]+; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain("Max-Age=7200");
    expect(setCookie).not.toContain("Secure"); // plain http here
    const cookie = setCookie.split(";")[0] ?? "";

    const page = await get(response.headers.get("location") ?? "", cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`WooCommerce store ${storeA.url}`);
    expect(html).toContain("Order statuses that transfer (WooCommerce)");
    expect(html).toContain("Log out");
    expect(html).not.toContain('href="/app/demo"');
    expect(html).not.toContain(storeB.url);
    expect(html).not.toContain(secretOf(storeA));

    // Behind TLS the cookie is Secure.
    const overTls = await open(linkFor(storeA), { "x-forwarded-proto": "https" });
    expect(overTls.status).toBe(303);
    expect(overTls.headers.get("set-cookie")).toContain("; Secure");
  });

  it("accepts a link once; expired, far-future and forged links get the 401 page and no cookie", async () => {
    const link = linkFor(storeA);
    expect((await open(link)).status).toBe(303);
    for (const refused of [
      link,
      linkFor(storeA, now() - 1),
      linkFor(storeA, now() + 24 * 3600),
      linkFor(storeA, freshExpiry(), "guessed-secret"),
      linkFor(storeA, freshExpiry(), secretOf(storeB)),
      `${app.url}/woocommerce/settings?token=garbage`,
    ]) {
      const response = await open(refused);
      expect(response.status, refused).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(await response.text()).toContain("expired, was already used, or is not valid");
    }
  });

  it("saves the trigger statuses through the Settings form for that store only", async () => {
    const cookieA = await login(storeA);
    const cookieB = await login(storeB);
    const before = await settingsOf(cookieA);
    expect(before.saved).toBe(false);
    const form: SettingsForm = {
      ...before.form,
      values: {
        ...before.form.values,
        "transfer.trigger": "statuses",
        "transfer.statuses": "processing, completed, on-hold",
        "texts.header": "Store A {orderName}",
      },
    };
    const saved = await saveSettings(form, cookieA);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ ok: true });

    const afterA = await settingsOf(cookieA);
    expect(afterA.saved).toBe(true);
    expect(afterA.form.values).toMatchObject({
      "transfer.trigger": "statuses",
      "transfer.statuses": "processing, completed, on-hold",
      "texts.header": "Store A {orderName}",
    });
    // Store B and the local demo shop (no cookie) keep their own settings.
    for (const other of [await settingsOf(cookieB), await settingsOf()]) {
      expect(other.saved).toBe(false);
      expect(other.form.values["texts.header"]).not.toBe("Store A {orderName}");
      expect(other.form.values["transfer.statuses"]).not.toBe("processing, completed, on-hold");
    }
    // An invalid save is refused and stores nothing.
    const invalid = await saveSettings(
      { ...form, values: { ...form.values, "rounding.toleranceMinorUnits": "lots" } },
      cookieA,
    );
    expect(invalid.status).toBe(422);
    expect((await settingsOf(cookieA)).form.values["rounding.toleranceMinorUnits"]).toBe(
      afterA.form.values["rounding.toleranceMinorUnits"],
    );
  });

  it("reads a store's order through its WooCommerce source on the order page and transfers it by hand", async () => {
    const cookieB = await login(storeB);
    const detail = await get(`/app/orders/${unknownOrderB}?${ORDER_DATA}`, cookieB);
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as OrderDetail;
    expect(body.orderId).toBe(String(unknownOrderB));
    expect(body.orderName).toBe(`#${unknownOrderB}`);
    expect(body.transfer.canTransfer).toBe(true);
    // The order itself was read: an invoice preview, or the core's reason why there is none yet.
    expect(body.invoice ?? body.invoiceProblem).not.toBeNull();

    const transfer = await fetch(`${app.url}/app/orders/${unknownOrderB}?${ORDER_DATA}`, {
      method: "POST",
      headers: { cookie: cookieB, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=transfer",
    });
    expect(transfer.status).toBe(202);
    expect(await transfer.json()).toEqual({ outcome: "queued" });

    const transfers = await get(`/app/transfers?${TRANSFERS_DATA}`, cookieB);
    expect(transfers.status).toBe(200);
    const page = ((await transfers.json()) as { page: TransfersPage }).page;
    expect(page.rows.map((row) => [row.orderName, row.orderNumericId, row.status])).toEqual([
      [`#${unknownOrderB}`, String(unknownOrderB), "queued"],
    ]);
    const html = await (await get("/app/transfers?locale=en", cookieB)).text();
    expect(html).toContain(`/app/orders/${unknownOrderB}`);
  });

  it("never shows or changes store B with store A's cookie", async () => {
    const cookieA = await login(storeA);
    const transfers = (await (await get(`/app/transfers?${TRANSFERS_DATA}`, cookieA)).json()) as {
      page: TransfersPage;
    };
    expect(transfers.page.rows).toEqual([]);
    const search = (await (
      await get(`/app/transfers?q=${unknownOrderB}&${TRANSFERS_DATA}`, cookieA)
    ).json()) as { page: TransfersPage };
    expect(search.page.rows).toEqual([]);

    // A's store has no such order: nothing of B's is shown, and Transfer finds nothing to queue.
    const detail = (await (
      await get(`/app/orders/${unknownOrderB}?${ORDER_DATA}`, cookieA)
    ).json()) as OrderDetail;
    expect(detail.transfer.status).not.toBe("queued");
    expect(detail.orderName).toBeNull();
    expect(detail.invoice).toBeNull();
    const transfer = await fetch(`${app.url}/app/orders/${unknownOrderB}?${ORDER_DATA}`, {
      method: "POST",
      headers: { cookie: cookieA, "content-type": "application/x-www-form-urlencoded" },
      body: "intent=transfer",
    });
    expect(transfer.status).toBe(404);

    const cookieB = await login(storeB);
    const rowsB = (
      (await (await get(`/app/transfers?${TRANSFERS_DATA}`, cookieB)).json()) as { page: TransfersPage }
    ).page.rows;
    expect(rowsB.map((row) => row.status)).toEqual(["queued"]);
    const connectA = await (await get("/app/connect?locale=en", cookieA)).text();
    expect(connectA).toContain(`WooCommerce store ${storeA.url}`);
    expect(connectA).not.toContain(storeB.url);
  });

  it("treats a forged, tampered, re-pointed or expired cookie as no WooCommerce session", async () => {
    const cookieA = await login(storeA);
    const cookieB = await login(storeB);
    const [, expires = "", mac = ""] = cookieA.slice(COOKIE.length + 1).split(".");
    // The crafted cookie is accepted when it is valid (signed, naming a live session), so the
    // refusals below are the checks'.
    const crafted = craftCookie(sessionIdOf(cookieA), now() + 600);
    expect(await (await get("/app/settings?locale=en", crafted)).text()).toContain(
      `WooCommerce store ${storeA.url}`,
    );

    for (const cookie of [
      `${COOKIE}=${sessionIdOf(cookieB)}.${expires}.${mac}`, // A's signature on B's session
      `${COOKIE}=${sessionIdOf(cookieA)}.${Number(expires) + 3600}.${mac}`, // extended
      `${COOKIE}=${sessionIdOf(cookieA)}.${expires}.${randomBytes(32).toString("base64url")}`,
      `${COOKIE}=${sessionIdOf(cookieA)}`,
      craftCookie(sessionIdOf(cookieA), now() - 1), // expired
      craftCookie(randomBytes(32).toString("base64url"), now() + 600), // signed, but no such session
    ]) {
      const html = await (await get("/app/settings?locale=en", cookie)).text();
      expect(html, cookie).not.toContain("WooCommerce store");
      expect(html, cookie).not.toContain("Log out");
      // Local mode: without a store session this is the demo shop's page.
      const home = await (await get("/app?locale=en", cookie)).text();
      expect(home).toContain("Local demo mode");
    }
  });

  it("keeps the Demo page 404 for a store, and Log out clears the cookie", async () => {
    const cookieA = await login(storeA);
    expect((await get("/app/demo", cookieA)).status).toBe(404);

    const logout = await fetch(`${app.url}/woocommerce/logout?locale=en`, {
      method: "POST",
      headers: { cookie: cookieA },
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.get("set-cookie")).toMatch(
      /^lb_woo_admin=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/,
    );
    expect(await logout.text()).toContain("You are logged out of Ledger Bridge");
  });

  it("remembers used links by hash only, and B's settings are untouched", async () => {
    await app.stop();
    await database.use(async (db) => {
      const uses = await db.wooSettingsTokenUse.findMany();
      expect(uses.length).toBeGreaterThan(0);
      expect(uses.every((use) => /^[0-9a-f]{64}$/.test(use.tokenHash))).toBe(true);
      const shopB = await db.shop.findUniqueOrThrow({
        where: { platform_domain: { platform: "woocommerce", domain: storeB.url } },
      });
      expect(await db.shopSettings.findUnique({ where: { shopId: shopB.id } })).toBeNull();
    });
  });
});
