import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase } from "../support/test-database";

const DEMO_SHOP = "ledger-bridge-demo.myshopify.com";
const onPostgres = Boolean(process.env.DATABASE_URL?.startsWith("postgres"));

/** The real start path (`ledger-bridge start`) in local mode, over HTTP. */
describe(`npm start in local mode (${onPostgres ? "PostgreSQL" : "embedded PGlite"})`, () => {
  let app: AppProcess;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    postgres = onPostgres ? await createPostgresDatabase({ migrate: false }) : undefined;
    app = await startAppProcess(
      postgres ? { DATABASE_URL: postgres.url } : { PGLITE_DATA_DIR: "memory://app-server-test" },
    );
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
    await postgres?.close();
  });

  const webhookCount = async () => {
    const html = await (await fetch(`${app.url}/app`)).text();
    const match = /Webhooks received(?:<!-- -->)?: (?:<!-- -->)?(\d+)/.exec(html);
    if (!match) throw new Error(`webhook count not found in page:\n${html.slice(0, 500)}`);
    return Number(match[1]);
  };

  it("serves /healthz with the database status", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { ok: true, kind: onPostgres ? "postgres" : "pglite" },
    });
  });

  it("serves the app's own page for the local demo shop, in English and Danish", async () => {
    const english = await (await fetch(`${app.url}/app?locale=en`)).text();
    expect(english).toContain(DEMO_SHOP);
    expect(english).toContain("Local demo mode");
    const danish = await (await fetch(`${app.url}/app?locale=da`)).text();
    expect(danish).toContain("Lokal demotilstand");
    await fetch(`${app.url}/app?locale=en`);
  });

  it("records a signed webhook once, however often it is delivered", async () => {
    const before = await webhookCount();
    const init = shopifyWebhookInit({
      topic: "orders/paid",
      shop: DEMO_SHOP,
      body: { id: 1, admin_graphql_api_id: "gid://shopify/Order/1" },
    });
    for (let delivery = 0; delivery < 3; delivery++) {
      const response = await fetch(`${app.url}/webhooks/orders/paid`, init);
      expect(response.status).toBe(200);
    }
    expect(await webhookCount()).toBe(before + 1);
  });

  it("rejects forged, unsigned, malformed and misrouted webhooks and records nothing", async () => {
    const before = await webhookCount();
    const body = { id: 2 };
    const forged = await fetch(
      `${app.url}/webhooks/orders/paid`,
      shopifyWebhookInit({ topic: "orders/paid", shop: DEMO_SHOP, body, secret: "not-the-secret-at-all" }),
    );
    expect(forged.status).toBe(401);
    const unsigned = await fetch(
      `${app.url}/webhooks/orders/paid`,
      shopifyWebhookInit({ topic: "orders/paid", shop: DEMO_SHOP, body, hmac: null }),
    );
    expect(unsigned.status).toBe(401);
    const malformed = await fetch(
      `${app.url}/webhooks/orders/paid`,
      shopifyWebhookInit({ topic: "orders/paid", shop: DEMO_SHOP, body: '{"id": 3,' }),
    );
    expect(malformed.status).toBe(400);
    const misrouted = await fetch(
      `${app.url}/webhooks/orders/paid`,
      shopifyWebhookInit({ topic: "refunds/create", shop: DEMO_SHOP, body }),
    );
    expect(misrouted.status).toBe(400);
    expect(await webhookCount()).toBe(before);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("accepts every topic declared in shopify.app.toml at its route", async () => {
    const topics = [
      "orders/paid",
      "orders/fulfilled",
      "refunds/create",
      "orders/cancelled",
      "orders/updated",
      "app/scopes_update",
      "customers/data_request",
      "customers/redact",
      "shop/redact",
      "app/uninstalled",
    ];
    for (const topic of topics) {
      const response = await fetch(
        `${app.url}/webhooks/${topic}`,
        shopifyWebhookInit({
          topic,
          shop: "other-shop.myshopify.com",
          body: { shop_domain: "other-shop.myshopify.com" },
        }),
      );
      expect(response.status, topic).toBe(200);
    }
  });
});
