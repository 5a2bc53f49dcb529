import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { action as ordersPaid } from "../../app/routes/webhooks.orders.paid";
import { resetShopifyForTests, SHOPIFY_API_VERSION } from "../../app/shopify.server";
import { danishOrder } from "../support/order-templates";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/**
 * Webhooks in Shopify mode with Admin API 2026-10: the subscriptions Shopify registers from
 * shopify.app.toml (their version, their routes), and deliveries checked by the Shopify library
 * with the app's secret — recorded when signed, refused and not recorded when not.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "webhook-test-secret";
const SHOP = "webhooks-2026-10.myshopify.com";

function tomlSubscriptions(toml: string): Array<{ topic: string; uri: string }> {
  const blocks = toml.split("[[webhooks.subscriptions]]").slice(1);
  return blocks.flatMap((block) => {
    const topics = /(?:compliance_)?topics\s*=\s*\[([^\]]*)\]/.exec(block)?.[1] ?? "";
    const uri = /uri\s*=\s*"([^"]+)"/.exec(block)?.[1] ?? "";
    return [...topics.matchAll(/"([^"]+)"/g)].map((m) => ({ topic: m[1] ?? "", uri }));
  });
}

describe("Shopify webhooks on Admin API 2026-10", () => {
  const toml = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");

  it("registers every subscription in the app's API version, each at a route that handles its topic", () => {
    expect(/\[webhooks\]\s*\napi_version\s*=\s*"([^"]+)"/.exec(toml)?.[1]).toBe(SHOPIFY_API_VERSION);
    expect(SHOPIFY_API_VERSION).toBe("2026-10");
    const subscriptions = tomlSubscriptions(toml);
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(
      [
        "app/scopes_update",
        "app/uninstalled",
        "customers/data_request",
        "customers/redact",
        "orders/cancelled",
        "orders/fulfilled",
        "orders/paid",
        "orders/updated",
        "refunds/create",
        "shop/redact",
      ].sort(),
    );
    for (const { topic, uri } of subscriptions) {
      expect(uri).toBe(`/webhooks/${topic}`);
      const route = path.join(ROOT, "app/routes", `webhooks.${topic.replace("/", ".")}.tsx`);
      expect(fs.readFileSync(route, "utf8"), route).toContain(`handleShopifyWebhook(request, "${topic}")`);
    }
  });

  describe("deliveries checked by the Shopify library", () => {
    let database: TestDatabase;
    let db: PrismaClient;
    const saved = { ...process.env };

    beforeAll(async () => {
      database = await createTestDatabase();
      db = database.prisma;
      Object.assign(process.env, {
        SHOPIFY_API_KEY: "webhook-test-key",
        SHOPIFY_API_SECRET: SECRET,
        SHOPIFY_APP_URL: "https://ledger-bridge.example",
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      });
      resetEnvForTests();
      resetShopifyForTests();
      globalThis.ledgerBridgeSecretBox = undefined;
      globalThis.ledgerBridgePrisma = db;
    });
    afterAll(async () => {
      globalThis.ledgerBridgePrisma = undefined;
      globalThis.ledgerBridgeSecretBox = undefined;
      process.env = saved;
      resetEnvForTests();
      resetShopifyForTests();
      await database?.close();
    });

    const deliver = (init: RequestInit) =>
      ordersPaid({
        request: new Request("https://ledger-bridge.example/webhooks/orders/paid", init),
        params: {},
        context: {},
      });

    it("records a delivery signed with the app's secret, in 2026-10", async () => {
      const order = danishOrder(1026);
      const init = shopifyWebhookInit({
        topic: "orders/paid",
        shop: SHOP,
        body: order.order,
        secret: SECRET,
      });
      expect(new Headers(init.headers).get("x-shopify-api-version")).toBe("2026-10");
      const webhookId = new Headers(init.headers).get("x-shopify-webhook-id");
      const response = await deliver(init);
      expect(response.status).toBe(200);
      expect(await db.webhookEvent.findMany({ select: { deliveryId: true, shopDomain: true } })).toEqual([
        { deliveryId: webhookId, shopDomain: SHOP },
      ]);
    });

    it("refuses a delivery signed with another secret, or unsigned, and records nothing", async () => {
      const before = await db.webhookEvent.count();
      const body = danishOrder(1027).order;
      const forged = await deliver(
        shopifyWebhookInit({ topic: "orders/paid", shop: SHOP, body, secret: "x" }),
      );
      expect(forged.status).toBe(401);
      const unsigned = await deliver(
        shopifyWebhookInit({ topic: "orders/paid", shop: SHOP, body, secret: SECRET, hmac: null }),
      );
      expect(unsigned.status).toBeGreaterThanOrEqual(400);
      expect(unsigned.status).toBeLessThan(500);
      expect(await db.webhookEvent.count()).toBe(before);
    });
  });
});
