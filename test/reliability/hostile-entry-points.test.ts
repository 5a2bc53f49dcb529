import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { settingsToken } from "../../app/sources/woocommerce/plugin-signature";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { danishOrder } from "../support/order-templates";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";

/**
 * Issue 13, classes 4–6, through the real app (`ledger-bridge start`, local mode) over HTTP:
 * the verified shop header is the tenant of every Shopify webhook; settings links are single-use
 * in any spelling and Log out ends the session on the server; odd input on unauthenticated routes
 * gets a 4xx; anonymous Connect calls are bounded per client.
 */
const SHOP_A = "tenant-a.myshopify.com";
const SHOP_B = "tenant-b.myshopify.com";
const EMAIL_B = "kunde-b@tenant-b.example";
const COOKIE = "lb_woo_admin";

describe("hostile input at the app's entry points", () => {
  let database: AppDatabase;
  let app: AppProcess;
  let store: WooSimulator;
  const orderA = danishOrder(501);
  const orderB = danishOrder(502);
  const bodyB = orderB.order.replaceAll(/"email":\s*"[^"]*"/g, `"email":"${EMAIL_B}"`);

  beforeAll(async () => {
    database = await createAppDatabase();
    await database.use(async (db) => {
      for (const [domain, body] of [
        [SHOP_A, orderA.order],
        [SHOP_B, bodyB],
      ] as const) {
        await db.shop.create({ data: { platform: "shopify", domain } });
        await ingestShopifyEvent(db, { shopDomain: domain, topic: "orders/paid", rawBody: body });
        await db.webhookEvent.create({
          data: {
            platform: "shopify",
            shopDomain: domain,
            topic: "orders/paid",
            deliveryId: randomUUID(),
            body,
          },
        });
        await db.session.create({
          data: { id: `offline_${domain}`, shop: domain, state: "x", accessToken: "t" },
        });
      }
    });
    store = await startWooSimulator({ orders: [], refunds: [], wcAuth: { allowHttpCallback: true } });
    app = await startAppProcess(
      {
        ...database.env,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        WORKER_IN_PROCESS: "false",
        DEMO_SIMULATORS: "off",
        LOG_LEVEL: "warn",
      },
      280_000,
    );
    await connect(store);
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await database?.close();
  });

  async function connect(woo: WooSimulator) {
    let url = `${app.url}/woocommerce/connect?shop=${encodeURIComponent(`${woo.url}/`)}`;
    let response = await fetch(url, { redirect: "manual" });
    for (let hop = 0; response.status === 302 && hop < 4; hop++) {
      url = new URL(response.headers.get("location") ?? "", url).toString();
      response = await fetch(url, { redirect: "manual" });
    }
    expect(response.status, await response.text()).toBe(200);
    await woo.drainWebhooks();
  }
  const webhook = (topic: string, shop: string, body: unknown) =>
    fetch(`${app.url}/webhooks/${topic}`, shopifyWebhookInit({ topic, shop, body }));

  describe("the verified shop header is the tenant", () => {
    it("refuses a signed body that names another shop, on every topic, and does nothing", async () => {
      const customer = (domain: string) => ({
        shop_id: 1,
        shop_domain: domain,
        customer: { id: 1, email: EMAIL_B, phone: null },
        orders_to_redact: [orderB.orderId.split("/").pop()],
        orders_requested: [orderB.orderId.split("/").pop()],
      });
      const cases: Array<[string, unknown]> = [
        ["shop/redact", { shop_id: 1, shop_domain: SHOP_B }],
        ["shop/redact", { shop_id: 1, shop_domain: SHOP_B.toUpperCase() }],
        ["customers/redact", customer(SHOP_B)],
        ["customers/data_request", customer(SHOP_B)],
        ["app/uninstalled", { id: 1, domain: "tenant-b.example", myshopify_domain: SHOP_B }],
        ["app/uninstalled", { id: 1, domain: SHOP_B }],
        ["shop/redact", { shop_id: 1 }],
        ["shop/redact", { shop_id: 1, shop_domain: null }],
      ];
      for (const [topic, body] of cases) {
        const response = await webhook(topic, SHOP_A, body);
        expect(response.status, `${topic} ${JSON.stringify(body)}`).toBe(400);
      }
    });

    it("takes an upper-case shop header as the lower-case shop, and refuses a header that is no shop domain", async () => {
      const paid = await webhook("orders/paid", SHOP_A.toUpperCase(), orderA.order);
      expect(paid.status, await paid.text()).toBe(200);
      const redact = await webhook("customers/redact", "Tenant-A.MyShopify.com", {
        shop_id: 1,
        shop_domain: SHOP_A,
        customer: { id: 1, email: "nobody@tenant-a.example", phone: null },
        orders_to_redact: [],
      });
      expect(redact.status, await redact.text()).toBe(200);
      for (const header of [
        "tenant_a.myshopify.com",
        "tenant-a.myshopify.com.evil.example",
        "x".repeat(300),
      ]) {
        const response = await webhook("orders/paid", header, orderA.order);
        expect(response.status, header).toBe(400);
      }
    });
  });

  describe("single-use links and sessions", () => {
    const secret = () => store.settingsGroups.get("ledger_bridge")?.get("ledger_bridge_store_secret") ?? "";
    let expiryOffset = 0;
    const freshToken = () =>
      settingsToken(`${store.url}/`, Math.floor(Date.now() / 1000) + 240 - expiryOffset++, secret());
    const open = (token: string) =>
      fetch(`${app.url}/woocommerce/settings?token=${encodeURIComponent(token)}`, { redirect: "manual" });
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** The same bytes, spelled with the last character's unused low bit set. */
    const unusedBitFlipped = (part: string) => {
      const last = ALPHABET.indexOf(part.at(-1) ?? "A");
      return `${part.slice(0, -1)}${ALPHABET[last ^ 1]}`;
    };

    it("accepts a link once, in any spelling of the same token", async () => {
      const token = freshToken();
      const [payload = "", mac = ""] = token.split(".");
      expect(Buffer.from(unusedBitFlipped(mac), "base64url")).toEqual(Buffer.from(mac, "base64url"));
      const first = await open(token);
      expect(first.status).toBe(303);
      for (const respelled of [
        token,
        `${token}=`,
        `${payload}.${mac}==`,
        `${payload}=.${mac}`,
        `${token} `,
        ` ${token}`,
        `${payload}.${mac.slice(0, 10)} ${mac.slice(10)}`,
        `${payload}.${unusedBitFlipped(mac)}`,
        `${payload}.${mac.replaceAll("-", "+").replaceAll("_", "/")}`,
        `${payload}.${mac}\n`,
      ]) {
        const again = await open(respelled);
        expect(again.status, JSON.stringify(respelled)).toBe(401);
        expect(again.headers.get("set-cookie")).toBeNull();
      }
    });

    it("refuses a non-canonical spelling even of a fresh token", async () => {
      const [payload = "", mac = ""] = freshToken().split(".");
      expect((await open(`${payload}.${unusedBitFlipped(mac)}`)).status).toBe(401);
      expect((await open(`${payload}.${mac}=`)).status).toBe(401);
      // The canonical spelling of that same token still works once.
      expect((await open(`${payload}.${mac}`)).status).toBe(303);
    });

    it("ends the session on the server at Log out: a copy of the cookie opens nothing", async () => {
      const login = await open(freshToken());
      expect(login.status).toBe(303);
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect(cookie.startsWith(`${COOKIE}=`)).toBe(true);
      const settings = (c: string) =>
        fetch(`${app.url}/app/settings?locale=en`, { headers: { cookie: c } }).then((r) => r.text());
      expect(await settings(cookie)).toContain(`WooCommerce store ${store.url}`);

      const logout = await fetch(`${app.url}/woocommerce/logout?locale=da`, {
        method: "POST",
        headers: { cookie },
      });
      expect(logout.status).toBe(200);
      expect(logout.headers.get("set-cookie")).toMatch(/^lb_woo_admin=; Max-Age=0/);
      const after = await settings(cookie);
      expect(after).not.toContain("WooCommerce store");
      expect(after).not.toContain("Log out");
    });
  });

  describe("odd input on unauthenticated routes", () => {
    it("answers 4xx, never 5xx, and keeps serving", async () => {
      const requests: Array<[string, string]> = [
        ["POST", "/webhooks/woocommerce/%00"],
        ["POST", "/webhooks/woocommerce/%ED%A0%80"],
        ["POST", "/webhooks/woocommerce/%C0%80"],
        ["POST", `/webhooks/woocommerce/${"a".repeat(9000)}`],
        ["POST", "/webhooks/woocommerce/abc%"],
        ["GET", "/app/transfers?q=%00"],
        ["GET", "/app/transfers?q=%ED%A0%80"],
        ["GET", "/app/transfers?q=%E0%A4"],
        ["GET", `/app/transfers?q=${"x".repeat(9000)}`],
        ["GET", "/woocommerce/connect?shop=%00"],
        ["GET", "/woocommerce/connect?shop=http%3A%2F%2Fa%01b"],
        ["GET", "/woocommerce/settings?token=%00"],
        ["GET", "/woocommerce/settings?token=%ED%A0%80.%ED%A0%80"],
        ["GET", "/woocommerce/connected?success=1&user_id=%00"],
        ["POST", "/woocommerce/callback?x=%00"],
        ["GET", "/app/orders/%00"],
        ["GET", "/app/orders/%ED%A0%80"],
        ["GET", "/api/orders/%00/transfer-status"],
        ["POST", "/webhooks/orders/paid?%00=1"],
      ];
      for (const [method, path] of requests) {
        const response = await fetch(`${app.url}${path}`, { method, redirect: "manual" });
        expect(response.status, `${method} ${path.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
      }
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });

  describe("anonymous Connect", () => {
    it("bounds pending requests per client with a clear 429, in Danish and English", async () => {
      const start = (locale: string, localAddress?: string) =>
        new Promise<{ status: number; body: string; retryAfter: string | undefined }>((resolve, reject) => {
          const url = new URL(
            `${app.url}/woocommerce/connect?locale=${locale}&shop=${encodeURIComponent(store.url)}`,
          );
          const request = http.get(url, localAddress ? { localAddress } : {}, (response) => {
            let body = "";
            response.on("data", (chunk: Buffer) => (body += chunk.toString()));
            response.on("end", () =>
              resolve({
                status: response.statusCode ?? 0,
                body,
                retryAfter: response.headers["retry-after"] as string | undefined,
              }),
            );
          });
          request.on("error", reject);
        });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await start("en")).status);
      expect(statuses).toEqual(Array(10).fill(302));
      const refused = await start("en");
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toMatch(/^\d+$/);
      expect(refused.body).toContain("Too many connection attempts");
      const refusedDa = await start("da");
      expect(refusedDa.status).toBe(429);
      expect(refusedDa.body).toContain("For mange forbindelsesforsøg");
      // Another client is not held back by this one.
      expect((await start("en", "127.0.0.2")).status).toBe(302);
    });
  });

  it("did nothing to the other shop, and keyed the upper-case delivery to the lower-case shop", async () => {
    await app.stop();
    await database.use(async (db) => {
      const shopB = await db.shop.findFirstOrThrow({ where: { domain: SHOP_B } });
      const jobB = await db.job.findFirstOrThrow({ where: { shopId: shopB.id } });
      expect(jobB.sourceOrder).toContain(EMAIL_B);
      expect(await db.webhookEvent.count({ where: { shopDomain: SHOP_B } })).toBe(1);
      expect(
        (await db.webhookEvent.findMany({ where: { shopDomain: SHOP_B } })).every((e) =>
          e.body.includes(EMAIL_B),
        ),
      ).toBe(true);
      expect(await db.session.count({ where: { shop: SHOP_B } })).toBe(1);
      expect(await db.auditEntry.count({ where: { orderId: "customers/data_request" } })).toBe(0);
      const shopA = await db.shop.findFirstOrThrow({ where: { domain: SHOP_A } });
      expect(shopA.uninstalledAt).toBeNull();
      // The upper-case deliveries were recorded for the lower-case shop; no second shop appeared.
      expect(await db.webhookEvent.count({ where: { shopDomain: SHOP_A } })).toBe(3);
      const odd = [SHOP_A.toUpperCase(), "Tenant-A.MyShopify.com"];
      expect(await db.webhookEvent.count({ where: { shopDomain: { in: odd } } })).toBe(0);
      expect(await db.shop.count({ where: { domain: { in: odd } } })).toBe(0);
    });
  });
});
