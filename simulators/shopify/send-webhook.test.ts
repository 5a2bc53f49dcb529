import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterEach, expect, test } from "vitest";
import { isValidShopifySignature } from "../../app/sources/shopify/shopify-webhook-signature";
import { sendWebhook } from "./send-webhook";
import { ShopifyStore } from "./shopify-store";

const SECRET = "local-demo-webhook-secret";
let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function receiver() {
  const received: Array<{ headers: http.IncomingHttpHeaders; raw: Buffer }> = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, received };
}

test("a webhook arrives signed and headed as Shopify sends it, and verifies with the app's check", async () => {
  const { url, received } = await receiver();
  const store = new ShopifyStore();
  const order = store.createOrderFromTemplate(
    JSON.parse(
      readFileSync("test/fixtures/shopify/order-dk-taxes-included.synthetic.json", "utf8"),
    ) as Record<string, unknown>,
  );
  const sent = await sendWebhook({
    topic: "orders/paid",
    shop: "demo.myshopify.com",
    body: order.rest,
    url,
    secret: SECRET,
  });
  expect(sent.status).toBe(200);
  const got = received[0];
  expect(got?.headers["x-shopify-topic"]).toBe("orders/paid");
  expect(got?.headers["x-shopify-shop-domain"]).toBe("demo.myshopify.com");
  expect(got?.headers["x-shopify-webhook-id"]).toBe(sent.webhookId);
  expect(got?.headers["x-shopify-event-id"]).toBe(sent.eventId);
  expect(got?.headers["x-shopify-api-version"]).toBe("2026-10");
  expect(Number.isNaN(Date.parse(String(got?.headers["x-shopify-triggered-at"])))).toBe(false);
  const signature = String(got?.headers["x-shopify-hmac-sha256"]);
  expect(isValidShopifySignature(got!.raw, signature, SECRET)).toBe(true);
  expect(isValidShopifySignature(got!.raw, signature, "another-secret")).toBe(false);
  const body = JSON.parse(got!.raw.toString("utf8")) as { name: string; admin_graphql_api_id: string };
  expect(body.name).toBe("#1001");
  expect(body.admin_graphql_api_id).toBe(order.graphql.id);
});

test("a string body is sent byte for byte, so 64-bit ids survive and the signature covers them", async () => {
  const { url, received } = await receiver();
  const raw = readFileSync("test/fixtures/shopify/orders-paid.sample.json", "utf8");
  await sendWebhook({
    topic: "orders/paid",
    shop: "demo.myshopify.com",
    body: raw,
    url,
    secret: SECRET,
    webhookId: "fixed-id",
  });
  expect(received[0]?.raw.toString("utf8")).toBe(raw);
  expect(received[0]?.raw.toString("utf8")).toContain("820982911946154508");
  expect(received[0]?.headers["x-shopify-webhook-id"]).toBe("fixed-id");
  expect(
    isValidShopifySignature(received[0]!.raw, String(received[0]?.headers["x-shopify-hmac-sha256"]), SECRET),
  ).toBe(true);
});

test("orders made from templates get fresh ids and consecutive names; refunds attach to them", () => {
  const store = new ShopifyStore();
  const template = JSON.parse(
    readFileSync("test/fixtures/shopify/order-dk-taxes-included.synthetic.json", "utf8"),
  ) as Record<string, unknown>;
  const a = store.createOrderFromTemplate(template);
  const b = store.createOrderFromTemplate(template);
  expect([a.graphql.name, b.graphql.name]).toEqual(["#1001", "#1002"]);
  expect(a.graphql.id).not.toBe(b.graphql.id);
  const refund = store.createRefundFromTemplate(
    String(b.graphql.id),
    JSON.parse(
      readFileSync("test/fixtures/shopify/refund-dk-taxes-included.synthetic.json", "utf8"),
    ) as Record<string, unknown>,
  );
  expect(refund.order_id).toBe(b.graphql.legacyResourceId);
  const lineIds = (b.graphql.lineItems as Array<{ id: string }>).map((l) => l.id);
  const refundLine = (refund.refund_line_items as Array<{ line_item: { admin_graphql_api_id: string } }>)[0];
  expect(lineIds).toContain(refundLine?.line_item.admin_graphql_api_id);
  expect(b.graphql.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
  expect(a.graphql.refunds).toEqual([]);
});
