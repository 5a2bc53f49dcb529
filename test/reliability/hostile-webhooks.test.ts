import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { openWebhookSecret, saveWooStore } from "../../app/sources/woocommerce/woo-store-repo.server";
import { signShopifyWebhook } from "../../app/webhooks/verify-local-webhook.server";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase, ManagedApp } from "../support/reliability-app";
import { createAppDatabase, killAllApps, launchApp, onPostgres } from "../support/reliability-app";
import type { RawResponse } from "../support/reliability-http";
import { rawRequest } from "../support/reliability-http";
import type { RouteFile } from "../support/reliability-routes";
import { routeFiles, routeUrl, shopifySubscriptions } from "../support/reliability-routes";
import { seedShop } from "../support/reliability-shops";

/**
 * The hostile-input suite: every webhook route — Shopify's, read from app/routes and
 * checked against shopify.app.toml, and WooCommerce's per-store route — gets malformed,
 * truncated, oversized, wrongly encoded, unsigned and forged deliveries, in local mode and in
 * Shopify mode (where `authenticate.webhook` and the app secret do the checking). Each answer is
 * a 4xx, nothing reaches the database (every hostile delivery carries a "hostile-" id, and in
 * the end only the control deliveries are stored), and the app keeps serving.
 * Runtime: ~20–30 s (two app starts, ~450 requests, ~90 of them over 5 MB).
 */

const WEBHOOK_ROUTES = routeFiles().filter((route) => route.file.startsWith("webhooks."));
const SHOPIFY_ROUTES = WEBHOOK_ROUTES.filter((route) => !route.file.startsWith("webhooks.woocommerce."));
const WOO_ROUTES = WEBHOOK_ROUTES.filter((route) => route.file.startsWith("webhooks.woocommerce."));
const SHOP = "hostile-shop.myshopify.com";
const OVER_LIMIT = 5 * 1024 * 1024 + 1024;

/** "webhooks.app.scopes_update.tsx" → "app/scopes_update". */
const topicOf = (route: RouteFile) => route.pattern.replace(/^\/webhooks\//, "");

interface HostileCase {
  name: string;
  /** An exact status, or any 4xx. */
  expect: number | "4xx";
  request(signed: (body: Buffer | string) => string): {
    headers: Record<string, string>;
    body?: Buffer | string;
    chunked?: boolean;
    method?: string;
  };
}

/** A body over 5 MB that is otherwise a well-formed order. */
const HUGE = Buffer.from(
  JSON.stringify({ id: 1, admin_graphql_api_id: "gid://shopify/Order/1", pad: "x".repeat(OVER_LIMIT) }),
);
const LATIN1 = Buffer.from(
  '{"id":1,"admin_graphql_api_id":"gid://shopify/Order/1","note":"K\xf8benhavn"}',
  "latin1",
);
const BAD_UTF8 = Buffer.concat([
  Buffer.from('{"id":1,"admin_graphql_api_id":"gid://shopify/Order/1","note":"'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
  Buffer.from('"}'),
]);
const UTF16 = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from('{"id":1,"admin_graphql_api_id":"gid://shopify/Order/1"}', "utf16le"),
]);
const ORDER = danishOrder(77).order;

function shopifyCases(topic: string): HostileCase[] {
  const headers = (extra: Record<string, string | null> = {}) => {
    const all: Record<string, string | null> = {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-shop-domain": SHOP,
      "x-shopify-webhook-id": `hostile-${randomUUID()}`,
      "x-shopify-api-version": "2026-10",
      "x-shopify-triggered-at": new Date().toISOString(),
      ...extra,
    };
    return Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
    );
  };
  const signedWith = (body: Buffer | string, hmac: string, extra: Record<string, string | null> = {}) => ({
    headers: headers({ "x-shopify-hmac-sha256": hmac, ...extra }),
    body,
  });
  return [
    {
      name: "malformed JSON",
      expect: 400,
      request: (sign) => signedWith('{"id": 1,,}', sign('{"id": 1,,}')),
    },
    {
      name: "truncated JSON (signed as sent)",
      expect: 400,
      request: (sign) => signedWith(ORDER.slice(0, 200), sign(ORDER.slice(0, 200))),
    },
    {
      name: "truncated in transit (signature of the whole body)",
      expect: 401,
      request: (sign) => signedWith(ORDER.slice(0, ORDER.length / 2), sign(ORDER)),
    },
    { name: "over 5 MB with Content-Length", expect: 413, request: (sign) => signedWith(HUGE, sign(HUGE)) },
    {
      name: "over 5 MB, chunked without Content-Length",
      expect: 413,
      request: (sign) => ({ ...signedWith(HUGE, sign(HUGE)), chunked: true }),
    },
    { name: "invalid UTF-8", expect: 400, request: (sign) => signedWith(BAD_UTF8, sign(BAD_UTF8)) },
    {
      name: "Latin-1 declared as charset=iso-8859-1",
      expect: 400,
      request: (sign) =>
        signedWith(LATIN1, sign(LATIN1), { "content-type": "application/json; charset=iso-8859-1" }),
    },
    { name: "UTF-16 with a byte-order mark", expect: 400, request: (sign) => signedWith(UTF16, sign(UTF16)) },
    { name: "no signature", expect: 401, request: () => ({ headers: headers(), body: ORDER }) },
    {
      name: "signed with another secret",
      expect: 401,
      request: () => signedWith(ORDER, signShopifyWebhook(ORDER, "an-attackers-guess-of-the-secret")),
    },
    { name: "garbage signature", expect: 401, request: () => signedWith(ORDER, "not-base64-at-all!") },
    {
      name: "valid signature over a different body",
      expect: 401,
      request: (sign) => signedWith(ORDER.replace('"#2077"', '"#9999"'), sign(ORDER)),
    },
    {
      name: "shop domain that is not a myshopify domain",
      expect: 400,
      request: (sign) => signedWith(ORDER, sign(ORDER), { "x-shopify-shop-domain": "evil.example.com" }),
    },
    {
      name: "shop domain with a path",
      expect: 400,
      request: (sign) =>
        signedWith(ORDER, sign(ORDER), { "x-shopify-shop-domain": "../../other.myshopify.com" }),
    },
    {
      name: "signed body naming another shop than the header (shop_domain)",
      expect: 400,
      request: (sign) => {
        const body = JSON.stringify({ shop_id: 1, shop_domain: "someone-else.myshopify.com" });
        return signedWith(body, sign(body));
      },
    },
    {
      name: "signed body naming another shop than the header (myshopify_domain)",
      expect: 400,
      request: (sign) => {
        const body = JSON.stringify({ id: 1, myshopify_domain: "someone-else.myshopify.com" });
        return signedWith(body, sign(body));
      },
    },
    {
      name: "no shop domain",
      expect: 400,
      request: (sign) => signedWith(ORDER, sign(ORDER), { "x-shopify-shop-domain": null }),
    },
    { name: "empty body", expect: 400, request: (sign) => signedWith("", sign("")) },
    { name: "JSON array", expect: 400, request: (sign) => signedWith("[1,2]", sign("[1,2]")) },
    { name: "JSON null", expect: 400, request: (sign) => signedWith("null", sign("null")) },
    {
      name: "another route's topic",
      expect: 400,
      request: (sign) =>
        signedWith(ORDER, sign(ORDER), {
          "x-shopify-topic": topic === "shop/redact" ? "orders/paid" : "shop/redact",
        }),
    },
    {
      name: "no webhook id",
      expect: 400,
      request: (sign) => signedWith(ORDER, sign(ORDER), { "x-shopify-webhook-id": null }),
    },
    { name: "GET instead of POST", expect: "4xx", request: () => ({ headers: headers(), method: "GET" }) },
  ];
}

function wooCases(): HostileCase[] {
  const ORDER_BODY = '{"id":4711,"status":"processing"}';
  const headers = (extra: Record<string, string | null> = {}) => {
    const all: Record<string, string | null> = {
      "content-type": "application/json",
      "x-wc-webhook-topic": "order.updated",
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": "updated",
      "x-wc-webhook-id": "17",
      "x-wc-webhook-delivery-id": `hostile-${randomUUID()}`,
      "x-wc-webhook-source": "https://woo.example/",
      ...extra,
    };
    return Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null),
    );
  };
  const signedWith = (
    body: Buffer | string,
    signature: string,
    extra: Record<string, string | null> = {},
  ) => ({
    headers: headers({ "x-wc-webhook-signature": signature, ...extra }),
    body,
  });
  return [
    {
      name: "malformed JSON",
      expect: 400,
      request: (sign) => signedWith('{"id": 4711,,', sign('{"id": 4711,,')),
    },
    {
      name: "truncated in transit (signature of the whole body)",
      expect: 401,
      request: (sign) => signedWith(ORDER_BODY.slice(0, 10), sign(ORDER_BODY)),
    },
    { name: "over 5 MB with Content-Length", expect: 413, request: (sign) => signedWith(HUGE, sign(HUGE)) },
    {
      name: "over 5 MB, chunked without Content-Length",
      expect: 413,
      request: (sign) => ({ ...signedWith(HUGE, sign(HUGE)), chunked: true }),
    },
    { name: "invalid UTF-8", expect: 400, request: (sign) => signedWith(BAD_UTF8, sign(BAD_UTF8)) },
    { name: "UTF-16 with a byte-order mark", expect: 400, request: (sign) => signedWith(UTF16, sign(UTF16)) },
    { name: "no signature", expect: 401, request: () => ({ headers: headers(), body: ORDER_BODY }) },
    {
      name: "signed with another secret",
      expect: 401,
      request: () =>
        signedWith(ORDER_BODY, createHmac("sha256", "guessed").update(ORDER_BODY).digest("base64")),
    },
    {
      name: "valid signature over a different body",
      expect: 401,
      request: (sign) => signedWith('{"id":4712,"status":"processing"}', sign(ORDER_BODY)),
    },
    { name: "empty body", expect: 400, request: (sign) => signedWith("", sign("")) },
    {
      name: "no order id",
      expect: 400,
      request: (sign) => signedWith('{"status":"x"}', sign('{"status":"x"}')),
    },
    {
      name: "no topic",
      expect: 400,
      request: (sign) => signedWith(ORDER_BODY, sign(ORDER_BODY), { "x-wc-webhook-topic": null }),
    },
    { name: "GET instead of POST", expect: "4xx", request: () => ({ headers: headers(), method: "GET" }) },
  ];
}

const MODES = [
  { mode: "local", shopifyMode: false },
  { mode: "Shopify", shopifyMode: true },
] as const;

describe("webhook routes under test", () => {
  it("are every webhook route in app/routes and every subscription in shopify.app.toml", () => {
    const subscriptions = shopifySubscriptions();
    expect(SHOPIFY_ROUTES.length).toBeGreaterThanOrEqual(10);
    // Each subscription is served by a route this suite attacks, and each Shopify route is subscribed.
    expect(subscriptions.map((s) => s.uri).sort()).toEqual(SHOPIFY_ROUTES.map((r) => r.pattern).sort());
    for (const subscription of subscriptions) {
      expect(subscription.topics).toEqual([subscription.uri.replace(/^\/webhooks\//, "")]);
    }
    // Every webhook route is a Shopify topic route or a WooCommerce per-store route.
    expect(SHOPIFY_ROUTES.length + WOO_ROUTES.length).toBe(WEBHOOK_ROUTES.length);
    for (const route of WOO_ROUTES) expect(route.params).toEqual(["storeId"]);
  });
});

describe.each(MODES)(
  `hostile webhooks in $mode mode (${onPostgres ? "PostgreSQL" : "PGlite"})`,
  ({ shopifyMode }) => {
    let database: AppDatabase;
    let app: ManagedApp;
    const secret = `hostile-suite-secret-${randomBytes(12).toString("hex")}`;
    const key = randomBytes(32).toString("base64");
    const box = new SecretBox(secretKeyFromBase64(key));
    /** "topic shop id" of every valid delivery sent. */
    const controls: string[] = [];
    let storeId = "";
    let wooSecret = "";
    const outcomes: string[] = [];

    beforeAll(async () => {
      database = await createAppDatabase();
      await database.use(async (db) => {
        await seedShop(db, { domain: SHOP, box });
        if (WOO_ROUTES.length > 0) {
          const store = await saveWooStore(db, box, {
            // Unreachable on purpose: no valid delivery in this suite needs the store's API.
            storeUrl: "http://127.0.0.1:9/",
            appUrl: "http://127.0.0.1/",
            keys: { consumerKey: "ck_hostile", consumerSecret: "cs_hostile" },
          });
          storeId = store.shopId;
          wooSecret = await openWebhookSecret(db, box, store);
        }
      });
      app = await launchApp({
        ...database.env,
        ENCRYPTION_KEY: key,
        WORKER_IN_PROCESS: "false",
        LOG_LEVEL: "warn",
        ...(shopifyMode
          ? {
              SHOPIFY_API_KEY: "hostile-suite-api-key",
              SHOPIFY_API_SECRET: secret,
              SHOPIFY_APP_URL: "https://ledger-bridge.example",
            }
          : { LOCAL_WEBHOOK_SECRET: secret }),
      });
    }, 300_000);
    afterAll(async () => {
      await killAllApps();
      await database?.close();
    });

    const control = async (topic: string, shop: string, body: string) => {
      const webhookId = `control-${randomUUID()}`;
      // The header's shop in lower case is the tenant (Shopify sends lower case; we normalise).
      controls.push(`${topic} ${shop.toLowerCase()} ${webhookId}`);
      const response = await fetch(`${app.url}/webhooks/${topic}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": topic,
          "x-shopify-shop-domain": shop,
          "x-shopify-webhook-id": webhookId,
          "x-shopify-api-version": "2026-10",
          "x-shopify-hmac-sha256": signShopifyWebhook(body, secret),
        },
        body,
      });
      return response.status;
    };

    async function attack(route: RouteFile, cases: HostileCase[], sign: (body: Buffer | string) => string) {
      const url = `${app.url}${routeUrl(route, { storeId })}`;
      for (const hostile of cases) {
        const { headers, body, chunked, method } = hostile.request(sign);
        const response: RawResponse = await rawRequest(url, {
          headers,
          ...(body === undefined ? {} : { body }),
          ...(chunked ? { chunked } : {}),
          ...(method ? { method } : {}),
        });
        outcomes.push(`${route.pattern} ${hostile.name}: ${response.status}`);
        const label = `${route.pattern}: ${hostile.name} → ${response.status} ${response.body.slice(0, 120)}`;
        if (hostile.expect === "4xx") {
          expect(response.status, label).toBeGreaterThanOrEqual(400);
          expect(response.status, label).toBeLessThan(500);
        } else {
          expect(response.status, label).toBe(hostile.expect);
        }
      }
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status, `${route.pattern}: the app still serves`).toBe(200);
    }

    it("accepts a valid delivery before the barrage", async () => {
      expect(await control("orders/paid", SHOP, danishOrder(1).order)).toBe(200);
    });

    it.each(SHOPIFY_ROUTES.map((route) => [route.pattern, route] as const))(
      "%s answers every hostile delivery with a 4xx",
      async (_pattern, route) => {
        await attack(route, shopifyCases(topicOf(route)), (body) =>
          signShopifyWebhook(Buffer.from(body), secret),
        );
      },
    );

    it.each(WOO_ROUTES.map((route) => [route.pattern, route] as const))(
      "%s (WooCommerce, per store) answers every hostile delivery with a 4xx",
      async (_pattern, route) => {
        await attack(route, wooCases(), (body) =>
          createHmac("sha256", wooSecret).update(Buffer.from(body)).digest("base64"),
        );
        const unknownStore = await rawRequest(`${app.url}${routeUrl(route, { storeId: randomUUID() })}`, {
          headers: { "content-type": "application/json", "x-wc-webhook-topic": "order.updated" },
          body: '{"id":1}',
        });
        expect(unknownStore.status).toBe(404);
        // WooCommerce's unsigned creation ping is the one unsigned request it accepts; it stores nothing.
        const ping = await rawRequest(`${app.url}${routeUrl(route, { storeId })}`, {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "webhook_id=17",
        });
        expect(ping.status).toBe(200);
      },
    );

    it("still accepts a valid delivery on every route, and stored nothing but the valid ones", async () => {
      expect(await control("orders/paid", SHOP, danishOrder(2).order)).toBe(200);
      // An upper-case shop header is the same shop, not a 500 or a second tenant.
      expect(await control("orders/paid", SHOP.toUpperCase(), danishOrder(3).order)).toBe(200);
      // Topics with lasting effects (uninstall, redaction) go to a shop that holds no data.
      for (const [index, route] of SHOPIFY_ROUTES.entries()) {
        const topic = topicOf(route);
        // One bystander per topic: shop/redact deletes everything its shop was ever sent.
        const bystander = `bystander-${index}.myshopify.com`;
        expect(await control(topic, bystander, JSON.stringify({ shop_domain: bystander })), topic).toBe(200);
      }
      await app.kill("SIGTERM");
      const stored = await database.use(async (db) => ({
        deliveries: (await db.webhookEvent.findMany()).map(
          (event) => `${event.topic} ${event.shopDomain} ${event.deliveryId}`,
        ),
        jobs: await db.job.findMany({ select: { orderId: true, shop: { select: { domain: true } } } }),
      }));
      expect(stored.deliveries.sort()).toEqual([...controls].sort());
      expect(stored.jobs.map((job) => `${job.shop.domain} ${job.orderId}`).sort()).toEqual(
        [danishOrder(1).orderId, danishOrder(2).orderId, danishOrder(3).orderId]
          .map((orderId) => `${SHOP} ${orderId}`)
          .sort(),
      );
      expect(outcomes.length).toBeGreaterThan(SHOPIFY_ROUTES.length * 20);
    });
  },
);
