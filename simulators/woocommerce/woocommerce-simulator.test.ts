import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WooCommerceClient } from "../../app/sources/woocommerce/woocommerce-client";
import { verifyWooWebhook, type WooWebhookVerdict } from "../../app/sources/woocommerce/woocommerce-webhook";
import { startWooSimulator, type WooSimulator } from "./woocommerce-simulator";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  verdict: WooWebhookVerdict;
}

const secret = "0123456789abcdef0123456789abcdef";
let shop: WooSimulator;
let client: WooCommerceClient;
let receiver: http.Server;
let receiverUrl = "";
let answer = 200;
const received: Received[] = [];

beforeAll(async () => {
  shop = await startWooSimulator();
  client = new WooCommerceClient({ storeUrl: shop.url, ...shop.credentials });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      received.push({
        headers: req.headers,
        body,
        verdict: verifyWooWebhook({ rawBody: body, headers: req.headers, secret }),
      });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/woocommerce`;
});
afterEach(async () => {
  await shop.drainWebhooks();
  for (const w of [...shop.webhooks]) shop.webhooks.splice(shop.webhooks.indexOf(w), 1);
  received.length = 0;
  answer = 200;
});
afterAll(async () => {
  await shop.close();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe("WooCommerce simulator webhooks", () => {
  it("pings on creation, then delivers signed order payloads that verify", async () => {
    const { webhook } = await client.ensureWebhook({
      name: "LB",
      topic: "order.updated",
      deliveryUrl: receiverUrl,
      secret,
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.body.toString()).toBe(`webhook_id=${webhook.id}`);
    expect(received[0]?.headers["x-wc-webhook-signature"]).toBeUndefined();
    expect(received[0]?.verdict).toEqual({ kind: "ping", webhookId: String(webhook.id) });

    shop.store.updateOrder(5001, { customer_note: "Levér til døren / bagdør" });
    await shop.drainWebhooks();
    expect(received).toHaveLength(2);
    const delivery = received[1];
    expect(delivery?.headers).toMatchObject({
      "content-type": "application/json",
      "x-wc-webhook-source": `${shop.url}/`,
      "x-wc-webhook-topic": "order.updated",
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": "updated",
      "x-wc-webhook-id": String(webhook.id),
    });
    expect(delivery?.headers["user-agent"]).toMatch(/^WooCommerce\/[\d.]+ Hookshot \(WordPress\/[\d.]+\)$/);
    expect(delivery?.headers["x-wc-webhook-delivery-id"]).toMatch(/^[0-9a-f]{32}$/);
    // PHP-style escaping: the raw bytes differ from JSON.stringify of the same data.
    expect(delivery?.body.toString()).toContain("Lev\\u00e9r til d\\u00f8ren \\/ bagd\\u00f8r");
    expect(delivery?.verdict).toMatchObject({ kind: "delivery", topic: "order.updated", resourceId: "5001" });
    expect(
      verifyWooWebhook({
        rawBody: delivery?.body ?? Buffer.alloc(0),
        headers: delivery?.headers ?? {},
        secret: "wrong",
      }).kind,
    ).toBe("rejected");
  });

  it("a refund fires order.updated and the refunded action; deletion sends only the id", async () => {
    for (const topic of ["order.updated", "action.woocommerce_order_refunded", "order.deleted"]) {
      await client.createWebhook({ name: topic, topic, deliveryUrl: receiverUrl, secret });
    }
    received.length = 0;
    shop.store.createRefund(963, { amount: "10.00", reason: "Late" });
    await shop.drainWebhooks();
    const bodies = received.map(
      (r) =>
        [r.headers["x-wc-webhook-topic"], JSON.parse(r.body.toString()) as Record<string, unknown>] as const,
    );
    expect(bodies.map(([topic]) => topic).sort()).toEqual([
      "action.woocommerce_order_refunded",
      "order.updated",
    ]);
    expect(bodies.find(([t]) => t === "action.woocommerce_order_refunded")?.[1]).toEqual({
      action: "woocommerce_order_refunded",
      arg: 963,
    });
    expect(bodies.find(([t]) => t === "order.updated")?.[1]).toMatchObject({
      id: 963,
      refunds: [{ total: "-10.00", reason: "Late" }],
    });

    received.length = 0;
    shop.store.trashOrder(963);
    await shop.drainWebhooks();
    expect(received.map((r) => [r.headers["x-wc-webhook-topic"], r.body.toString()])).toEqual([
      ["order.deleted", '{"id":963}'],
    ]);
    expect(received.every((r) => r.verdict.kind === "delivery")).toBe(true);
  });

  it("coalesces a burst into one delivery built from the latest state", async () => {
    await client.createWebhook({ name: "burst", topic: "order.updated", deliveryUrl: receiverUrl, secret });
    received.length = 0;
    shop.store.updateOrder(727, { status: "on-hold" });
    shop.store.updateOrder(727, { status: "completed" });
    await shop.drainWebhooks();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body.toString() ?? "{}")).toMatchObject({ id: 727, status: "completed" });
  });

  it("disables the webhook on the 7th consecutive failure; re-enabling via REST resumes delivery", async () => {
    answer = 500;
    const webhook = await client.createWebhook({
      name: "flaky",
      topic: "order.updated",
      deliveryUrl: receiverUrl,
      secret,
    });
    expect(shop.webhooks[0]?.pendingDelivery).toBe(true); // the ping got 500
    received.length = 0;
    for (let i = 1; i <= 6; i++) {
      shop.store.updateOrder(727, { customer_note: `try ${i}` });
      await shop.drainWebhooks();
    }
    expect((await client.listWebhooks("active")).map((w) => w.id)).toEqual([webhook.id]);
    shop.store.updateOrder(727, { customer_note: "try 7" });
    await shop.drainWebhooks();
    expect(received).toHaveLength(7);
    expect((await client.listWebhooks("disabled")).map((w) => w.id)).toEqual([webhook.id]);

    shop.store.updateOrder(727, { customer_note: "lost" });
    await shop.drainWebhooks();
    expect(received).toHaveLength(7);

    answer = 200;
    const { action } = await client.ensureWebhook({
      name: "flaky",
      topic: "order.updated",
      deliveryUrl: receiverUrl,
      secret,
    });
    expect(action).toBe("reactivated");
    expect(received.at(-1)?.verdict.kind).toBe("ping"); // still pending, so re-activation pings
    shop.store.updateOrder(727, { customer_note: "back" });
    await shop.drainWebhooks();
    expect(received.at(-1)?.verdict).toMatchObject({ kind: "delivery", resourceId: "727" });
  });
});

describe("WooCommerce simulator authentication", () => {
  const auth = (credentials: { consumerKey: string; consumerSecret: string }) =>
    `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString("base64")}`;

  it("over plain HTTP ignores Basic auth, as WooCommerce does without is_ssl()", async () => {
    const response = await fetch(`${shop.url}/wp-json/wc/v3/orders`, {
      headers: { authorization: auth(shop.credentials) },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: "woocommerce_rest_cannot_view",
      message: "Sorry, you cannot list resources.",
      data: { status: 401 },
    });
  });

  it("with ssl: Basic and query-string keys work and X-WP-Total headers are sent", async () => {
    const tls = await startWooSimulator({ ssl: true });
    try {
      const basic = await fetch(`${tls.url}/wp-json/wc/v3/orders?per_page=2`, {
        headers: { authorization: auth(tls.credentials) },
      });
      expect(basic.status).toBe(200);
      expect(basic.headers.get("x-wp-total")).toBe("3");
      expect(basic.headers.get("x-wp-totalpages")).toBe("2");
      expect(basic.headers.get("link")).toMatch(/page=2>; rel="next"/);
      const query = new URLSearchParams({
        consumer_key: tls.credentials.consumerKey,
        consumer_secret: tls.credentials.consumerSecret,
      });
      expect((await fetch(`${tls.url}/wp-json/wc/v3/orders/727?${query}`)).status).toBe(200);
      const wrong = await fetch(
        `${tls.url}/wp-json/wc/v3/orders/727?consumer_key=${tls.credentials.consumerKey}&consumer_secret=cs_bad`,
      );
      expect(wrong.status).toBe(401);
      const perPage = await fetch(`${tls.url}/wp-json/wc/v3/orders?per_page=101`, {
        headers: { authorization: auth(tls.credentials) },
      });
      expect(perPage.status).toBe(400);
      expect(((await perPage.json()) as { code: string }).code).toBe("rest_invalid_param");
    } finally {
      await tls.close();
    }
  });

  // An independent OAuth 1.0a one-legged signer (RFC 5849, HMAC-SHA256, key = secret + "&").
  const signedUrl = (path: string, params: Record<string, string>, nonce: string, timestamp: number) => {
    const all: Record<string, string> = {
      ...params,
      oauth_consumer_key: shop.credentials.consumerKey,
      oauth_nonce: nonce,
      oauth_signature_method: "HMAC-SHA256",
      oauth_timestamp: String(timestamp),
    };
    const enc = (v: string) =>
      encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const paramString = Object.keys(all)
      .sort()
      .map((k) => `${enc(k)}=${enc(all[k] ?? "")}`)
      .join("&");
    const base = `GET&${enc(shop.url + path)}&${enc(paramString)}`;
    const signature = createHmac("sha256", `${shop.credentials.consumerSecret}&`)
      .update(base)
      .digest("base64");
    return `${shop.url}${path}?${new URLSearchParams({ ...all, oauth_signature: signature }).toString()}`;
  };

  it("accepts an independently signed OAuth request once; a replayed nonce or stale timestamp is refused", async () => {
    const now = Math.floor(Date.now() / 1000);
    const url = signedUrl("/wp-json/wc/v3/orders", { per_page: "1", status: "processing" }, "nonce-1", now);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-wp-total")).toBe(
      String((await client.listOrdersModifiedAfter(new Date(0), { statuses: ["processing"] })).orders.length),
    );
    const replay = await fetch(url);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toBe(
      "Invalid nonce - nonce has already been used.",
    );

    const stale = await fetch(signedUrl("/wp-json/wc/v3/orders/727", {}, "nonce-2", now - 16 * 60));
    expect(((await stale.json()) as { message: string }).message).toBe("Invalid timestamp.");
    const tampered = signedUrl("/wp-json/wc/v3/orders", { per_page: "1" }, "nonce-3", now).replace(
      "per_page=1",
      "per_page=2",
    );
    expect(((await (await fetch(tampered)).json()) as { message: string }).message).toMatch(
      /^Invalid signature/,
    );
  });
});
