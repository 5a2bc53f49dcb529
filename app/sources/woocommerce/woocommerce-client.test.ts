import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currency } from "../../domain/money";
import { mapWooCommerceOrder } from "./map-woocommerce-order";
import { mapWooCommerceRefund } from "./map-woocommerce-refund";
import { startWooSimulator, type WooSimulator } from "../../../simulators/woocommerce/woocommerce-simulator";
import { WooCommerceClient } from "./woocommerce-client";
import { SourceError } from "../source-error";

let shop: WooSimulator;
let client: WooCommerceClient;

beforeAll(async () => {
  shop = await startWooSimulator();
  client = new WooCommerceClient({ storeUrl: shop.url, ...shop.credentials, timeoutMs: 2_000 });
});
afterAll(async () => {
  await shop.close();
});

async function caught(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe("WooCommerceClient against the simulator (OAuth 1.0a over http://)", () => {
  it("gets one order as JSON the mapper accepts", async () => {
    const fetched = await client.getOrder(727);
    expect(fetched.summary).toMatchObject({ id: 727, status: "processing" });
    expect(mapWooCommerceOrder(fetched.json).totals.total).toBe(2935);
  });

  it("lists orders created in a range that includes both ends, to the second", async () => {
    const created = JSON.parse((await client.getOrder(727)).json) as { date_created_gmt: string };
    const at = new Date(`${created.date_created_gmt}Z`);
    const ids: number[] = [];
    // `to` within the same second as the order's creation: the order is in the range.
    for await (const page of client.ordersCreatedBetween(at, new Date(at.getTime() + 500))) {
      ids.push(...page.orders.map((order) => order.summary.id));
    }
    expect(ids).toContain(727);
  });

  it("pages through orders modified after a time, following X-WP-TotalPages", async () => {
    const before = await client.listOrdersModifiedAfter(new Date("2000-01-01T00:00:00Z"), { perPage: 2 });
    const created = [];
    for (let i = 0; i < 3; i++) {
      created.push(shop.store.createOrder({ status: "processing", currency: "DKK", total: `${100 + i}.00` }));
    }
    const all = await client.listOrdersModifiedAfter(new Date("2000-01-01T00:00:00Z"), { perPage: 2 });
    expect(all.orders).toHaveLength(before.orders.length + 3);
    expect(all.pages).toBe(Math.ceil(all.orders.length / 2));
    const ids = all.orders.map((o) => o.summary.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([727, 963, 5001, ...created.map((o) => Number(o.id))]));
    expect(all.highWaterMarkGmt).toBe(String(created[2]?.date_modified_gmt));
  });

  it("filters by modified_after (exclusive, GMT) and by status", async () => {
    const recent = await client.listOrdersModifiedAfter(new Date("2018-01-01T00:00:00Z"));
    const ids = recent.orders.map((o) => o.summary.id);
    expect(ids).not.toContain(727); // modified 2017-03-22
    expect(ids).toContain(963);
    expect(ids).toContain(5001);

    const exact = await client.listOrdersModifiedAfter(new Date("2025-03-05T13:02:11Z"));
    expect(exact.orders.map((o) => o.summary.id)).not.toContain(5001);

    const completed = await client.listOrdersModifiedAfter(new Date("2000-01-01T00:00:00Z"), {
      statuses: ["completed", "refunded"],
    });
    expect(completed.orders.map((o) => o.summary.id)).toEqual([5001]);
  });

  it("lists refunds of an order; each maps to a refund", async () => {
    const refunds = await client.listRefunds(5001);
    expect(refunds.map((r) => r.summary)).toMatchObject([{ id: 5010, amount: "112.50" }]);
    const mapped = mapWooCommerceRefund(refunds[0]?.json, {
      currency: currency("DKK"),
      pricesIncludeTax: true,
    });
    expect(mapped.id).toBe("5010");

    shop.store.createRefund(727, { amount: "5.00", reason: "Scratched" });
    const after = await client.listRefunds(727);
    expect(after.map((r) => [r.summary.amount, JSON.parse(r.json).reason])).toEqual([["5.00", "Scratched"]]);
    expect((await client.listRefunds(963)).length).toBe(0);
  });

  it("404 for an unknown order is notFound and not retryable", async () => {
    const error = await caught(client.getOrder(999_999));
    expect(error).toMatchObject({
      kind: "notFound",
      httpStatus: 404,
      providerCode: "woocommerce_rest_shop_order_invalid_id",
      retryable: false,
    });
  });

  it("revoked keys are an authentication error telling the merchant to reconnect", async () => {
    const revoked = new WooCommerceClient({
      storeUrl: shop.url,
      consumerKey: shop.credentials.consumerKey,
      consumerSecret: "cs_wrong",
    });
    const error = await caught(revoked.getOrder(727));
    expect(error).toMatchObject({ kind: "authentication", httpStatus: 401, retryable: false });
    expect(error.message).toMatch(/Invalid signature/);
    expect(error.merchantMessage).toMatch(/revoked/);

    const unknown = new WooCommerceClient({
      storeUrl: shop.url,
      consumerKey: "ck_unknown",
      consumerSecret: "cs_x",
    });
    expect((await caught(unknown.getOrder(727))).providerCode).toBe("woocommerce_rest_authentication_error");
  });

  it("a read-only key cannot create webhooks", async () => {
    const readOnly = new WooCommerceClient({ storeUrl: shop.url, ...shop.addApiKey("read") });
    expect((await readOnly.getOrder(963)).summary.id).toBe(963);
    const error = await caught(
      readOnly.createWebhook({
        name: "x",
        topic: "order.updated",
        deliveryUrl: "https://app.example/wc",
        secret: "s",
      }),
    );
    expect(error.kind).toBe("authentication");
    expect(error.message).toMatch(/write permissions/);
  });

  it("5xx and timeouts are retryable", async () => {
    shop.sim.faults.next("5xx");
    expect(await caught(client.getOrder(727))).toMatchObject({
      kind: "unavailable",
      httpStatus: 500,
      retryable: true,
    });

    const impatient = new WooCommerceClient({ storeUrl: shop.url, ...shop.credentials, timeoutMs: 200 });
    shop.sim.faults.next("timeout");
    expect(await caught(impatient.getOrder(727))).toMatchObject({ kind: "unavailable", retryable: true });
  });

  it("creates, lists, and re-enables webhooks", async () => {
    const spec = {
      name: "LB orders",
      topic: "order.updated",
      deliveryUrl: "http://127.0.0.1:9/hook",
      secret: "a".repeat(32),
    };
    const first = await client.ensureWebhook(spec);
    expect(first.action).toBe("created");
    expect(first.webhook).toMatchObject({
      topic: "order.updated",
      status: "active",
      delivery_url: spec.deliveryUrl,
    });
    expect(first.webhook).not.toHaveProperty("secret");

    expect((await client.ensureWebhook(spec)).action).toBe("unchanged");
    const stored = shop.webhooks.find((w) => w.id === first.webhook.id);
    if (!stored) throw new Error("webhook not stored");
    stored.status = "disabled";
    expect((await client.listWebhooks("disabled")).map((w) => w.id)).toEqual([first.webhook.id]);
    const again = await client.ensureWebhook(spec);
    expect(again).toMatchObject({ action: "reactivated", webhook: { status: "active" } });
    expect((await client.updateWebhook(first.webhook.id, { status: "paused" })).status).toBe("paused");

    const invalid = await caught(client.createWebhook({ ...spec, topic: "order.exploded" }));
    expect(invalid).toMatchObject({
      kind: "validation",
      providerCode: "woocommerce_rest_webhook_invalid_topic",
    });
  });
});
