import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireAdmin } from "../../app/auth/admin-context.server";
import { wooAdminSessionCookie } from "../../app/auth/woo-admin-session.server";
import { env, resetEnvForTests } from "../../app/config/env.server";
import { dineroOAuthClient, dineroRedirectUri } from "../../app/onboarding/dinero-connect.server";
import { action as ordersPaid } from "../../app/routes/webhooks.orders.paid";
import { connectContext } from "../../app/sources/woocommerce/request-support.server";
import { signShopifyWebhook } from "../../app/webhooks/verify-local-webhook.server";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * WOOCOMMERCE_ONLY=true: a deployment that serves WooCommerce stores and nothing else. Without
 * it, an app with no Shopify credentials is the local demo — no login, simulator clients, private
 * store addresses — which must never be what a public WooCommerce deployment runs as.
 */
describe("the WooCommerce-only deployment", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL", "DEMO_LEDGER"]) {
      delete process.env[key];
    }
    Object.assign(process.env, {
      WOOCOMMERCE_ONLY: "true",
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
      PUBLIC_APP_URL: "https://ledger-bridge.example.dk",
      DINERO_CLIENT_ID: "",
      DINERO_CLIENT_SECRET: "",
    });
    resetEnvForTests();
    globalThis.ledgerBridgePrisma = db;
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    process.env = saved;
    resetEnvForTests();
    await database?.close();
  });

  it("lets nobody in without the link WordPress signs, and tells them where to go", async () => {
    expect(env().mode).toBe("woocommerce");
    const refused = await requireAdmin(
      new Request("https://ledger-bridge.example.dk/app/settings", {
        headers: { "accept-language": "da-DK" },
      }),
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Response);
    const page = refused as Response;
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("WooCommerce › Indstillinger › Ledger Bridge");
    // No demo shop was created on the way.
    expect(await db.shop.count()).toBe(0);
  });

  it("opens the pages for a store whose session cookie is valid", async () => {
    const shop = await db.shop.create({ data: { platform: "woocommerce", domain: "butik.example.dk" } });
    const cookie = (
      await wooAdminSessionCookie(db, new Request("https://ledger-bridge.example.dk/"), shop.id)
    ).split(";")[0];
    const context = await requireAdmin(
      new Request("https://ledger-bridge.example.dk/app/settings", { headers: { cookie: cookie ?? "" } }),
    );
    expect(context).toMatchObject({ mode: "woocommerce", shop: { id: shop.id } });
  });

  it("answers Shopify webhooks with 404 and stores nothing, even signed with the demo's default secret", async () => {
    const body = danishOrder(1).order;
    const response = await ordersPaid({
      request: new Request("https://ledger-bridge.example.dk/webhooks/orders/paid", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": "orders/paid",
          "x-shopify-shop-domain": "ledger-bridge-demo.myshopify.com",
          "x-shopify-webhook-id": "wh-1",
          "x-shopify-hmac-sha256": signShopifyWebhook(body, env().LOCAL_WEBHOOK_SECRET),
        },
        body,
      }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(404);
    expect(await db.webhookEvent.count()).toBe(0);
    expect(await db.job.count()).toBe(0);
  });

  it("uses no simulator client and no private store addresses, and sends people back to the public URL", () => {
    const request = new Request("http://10.0.0.5:3000/woocommerce/connect");
    expect(connectContext(request).allowPrivateStores).toBe(false);
    expect(dineroOAuthClient()).toBeNull();
    expect(dineroRedirectUri(request.url)).toMatch(/^https:\/\/ledger-bridge\.example\.dk\//);
  });
});
