import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { databaseTarget } from "../../app/db/driver-adapter.server";
import { disconnectDatabase, prepareDatabase, prisma } from "../../app/db/prisma.server";
import type { RawRunner } from "../../app/db/raw-sql.server";
import { rawRunner } from "../../app/db/raw-sql.server";
import { transitionJob } from "../../app/engine/job-state.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { shopifyWebhookFastPath } from "../../app/webhooks/fast-path/shopify-fast-path.server";
import { danishOrder } from "../support/order-templates";
import { rawRequest } from "../support/reliability-http";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase } from "../support/test-database";

/**
 * The webhook fast path (app/webhooks/fast-path) on the bare node request, against the test
 * database: one round trip per delivery, once per delivery id and business key, the trigger
 * and refund rules, nothing recorded for a forged or oversized delivery, and the framework
 * (`next`) reached only by what the fast path does not serve.
 */

const SECRET = "fast-path-test-secret";
const SHOP = "fast-path-shop.myshopify.com";
const onPostgres = Boolean(
  process.env.DATABASE_URL?.startsWith("postgres") && !process.env.DATABASE_URL.includes("pglite"),
);

describe(`the webhook fast path (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  let postgres: TestDatabase | undefined;
  let db: PrismaClient;
  let server: http.Server;
  let url = "";
  let roundTrips = 0;
  let frameworkHits = 0;
  let shopId = "";

  beforeAll(async () => {
    if (onPostgres) {
      postgres = await createPostgresDatabase({ migrate: false });
      process.env.DATABASE_URL = postgres.url;
    } else {
      process.env.PGLITE_DATA_DIR = `memory://fast-path-${randomUUID()}`;
    }
    process.env.LOCAL_WEBHOOK_SECRET = SECRET;
    process.env.LOG_LEVEL = "error";
    resetEnvForTests();
    await prepareDatabase();
    db = prisma();
    const direct = rawRunner(databaseTarget());
    const counting: RawRunner = (statement, values) => {
      roundTrips++;
      return direct(statement, values);
    };
    const fastPath = shopifyWebhookFastPath({ run: counting });
    server = http.createServer((req, res) =>
      fastPath(req, res, () => {
        frameworkHits++;
        res.writeHead(418).end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    shopId = (await db.shop.create({ data: { platform: "shopify", domain: SHOP } })).id;
  }, 120_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await disconnectDatabase();
    await postgres?.close();
    resetEnvForTests();
  });

  beforeEach(async () => {
    await setTrigger("paid");
    roundTrips = 0;
    frameworkHits = 0;
  });

  async function setTrigger(trigger: "paid" | "fulfilled" | "manual") {
    const saved = await saveShopSettings(prismaSettingsStorage(db), shopId, {
      version: 1,
      transfer: { trigger },
    });
    expect(saved.ok).toBe(true);
  }

  const send = (
    topic: string,
    body: string,
    extra: { webhookId?: string; secret?: string; shop?: string } = {},
  ) =>
    fetch(
      `${url}/webhooks/${topic}`,
      shopifyWebhookInit({ topic, shop: extra.shop ?? SHOP, body, secret: extra.secret ?? SECRET, ...extra }),
    );

  const jobsOf = (orderId: string) =>
    db.job.findMany({ where: { shopId, orderId }, orderBy: { seq: "asc" } });
  const deliveries = (deliveryId: string) => db.webhookEvent.count({ where: { deliveryId } });

  it("records an orders/paid delivery, its invoice job and audit entry in one round trip, past the framework", async () => {
    const order = danishOrder(501);
    const webhookId = randomUUID();
    const response = await send("orders/paid", order.order, { webhookId });
    expect(response.status).toBe(200);
    expect(roundTrips).toBe(1);
    expect(frameworkHits).toBe(0);
    const [job, ...others] = await jobsOf(order.orderId);
    expect(others).toEqual([]);
    expect(job).toMatchObject({
      kind: "invoice",
      status: "queued",
      trigger: "paid",
      sourceOrder: order.order,
    });
    expect(job?.orderName).toBe(JSON.parse(order.order).name);
    const event = await db.webhookEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
    expect(event).toMatchObject({
      topic: "orders/paid",
      shopDomain: SHOP,
      orderId: order.orderId,
      body: order.order,
    });
    const audit = await db.auditEntry.findMany({ where: { jobId: job?.id } });
    expect(audit.map((entry) => entry.message)).toEqual(["Queued the invoice (order paid)"]);
  });

  it("answers a duplicate delivery id 200 and keeps one delivery, one job and one audit entry", async () => {
    const order = danishOrder(502);
    const webhookId = randomUUID();
    for (let i = 0; i < 3; i++)
      expect((await send("orders/paid", order.order, { webhookId })).status).toBe(200);
    expect(await deliveries(webhookId)).toBe(1);
    const jobs = await jobsOf(order.orderId);
    expect(jobs).toHaveLength(1);
    expect(await db.auditEntry.count({ where: { jobId: jobs[0]?.id } })).toBe(1);
    expect(roundTrips).toBe(3);
  });

  it("keeps one job for the same order delivered twice and through two topics", async () => {
    const order = danishOrder(503);
    expect((await send("orders/paid", order.order)).status).toBe(200);
    expect((await send("orders/paid", order.order)).status).toBe(200);
    // orders/updated needs the order's job read first: served here too, by the general ingest.
    const edited = `${order.order.trim().slice(0, -1)},"x_edited":true}`;
    expect((await send("orders/updated", edited)).status).toBe(200);
    expect(frameworkHits).toBe(0);
    const jobs = await jobsOf(order.orderId);
    expect(jobs).toHaveLength(1);
    expect(await db.webhookEvent.count({ where: { orderId: order.orderId } })).toBe(3);
  });

  it("queues on the shop's trigger only: fulfilled, then manual", async () => {
    await setTrigger("fulfilled");
    const order = danishOrder(504);
    expect((await send("orders/paid", order.order)).status).toBe(200);
    expect(await jobsOf(order.orderId)).toHaveLength(0);
    expect((await send("orders/fulfilled", order.order)).status).toBe(200);
    expect((await send("orders/fulfilled", order.order)).status).toBe(200);
    const jobs = await jobsOf(order.orderId);
    expect(jobs.map((job) => [job.kind, job.trigger])).toEqual([["invoice", "fulfilled"]]);
    await setTrigger("manual");
    const manual = danishOrder(505);
    expect((await send("orders/paid", manual.order)).status).toBe(200);
    expect(await jobsOf(manual.orderId)).toHaveLength(0);
    // Recorded all the same: the delivery log keeps what arrived.
    expect(await db.webhookEvent.count({ where: { orderId: manual.orderId } })).toBe(1);
  });

  it("lets a refund's credit note wait for its invoice, and queues it once the invoice is booked", async () => {
    const order = danishOrder(506);
    // The order id as Shopify sends it: a bare number, here beyond 2^53 (read exactly).
    const refundBody = (refundId: number) =>
      `{"id":${refundId},"order_id":${order.orderId.split("/").pop()},"refund_line_items":[]}`;
    expect((await send("refunds/create", refundBody(9001))).status).toBe(200);
    const [early] = await db.job.findMany({ where: { shopId, refundId: "gid://shopify/Refund/9001" } });
    expect(early).toMatchObject({
      kind: "creditNote",
      status: "waiting",
      orderId: order.orderId,
      sourceOrder: "",
    });
    expect((await db.auditEntry.findFirstOrThrow({ where: { jobId: early?.id } })).message).toBe(
      "Refund gid://shopify/Refund/9001 received: the credit note waits for the order's invoice",
    );
    expect((await send("orders/paid", order.order)).status).toBe(200);
    const invoice = (await jobsOf(order.orderId)).find((job) => job.kind === "invoice");
    expect(invoice?.status).toBe("queued");
    await transitionJob(db, {
      job: invoice!,
      event: "claim",
      audit: { step: "queue", level: "info", message: "test claim" },
    });
    await transitionJob(db, {
      job: invoice!,
      event: "succeed",
      audit: { step: "queue", level: "info", message: "test booked" },
    });
    expect((await send("refunds/create", refundBody(9002))).status).toBe(200);
    const [late] = await db.job.findMany({ where: { shopId, refundId: "gid://shopify/Refund/9002" } });
    expect(late).toMatchObject({ status: "queued", orderName: invoice?.orderName, sourceOrder: order.order });
  });

  it("records a delivery for a shop that is not installed, with no job", async () => {
    const order = danishOrder(507);
    const response = await send("orders/paid", order.order, { shop: "not-installed.myshopify.com" });
    expect(response.status).toBe(200);
    expect(await db.job.count({ where: { orderId: order.orderId } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it("answers a bad HMAC 401 and records nothing", async () => {
    const order = danishOrder(508);
    const webhookId = randomUUID();
    const response = await send("orders/paid", order.order, { webhookId, secret: "not-the-secret" });
    expect(response.status).toBe(401);
    expect(roundTrips).toBe(0);
    expect(await deliveries(webhookId)).toBe(0);
    expect(await db.job.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it("answers a body over 5 MB 413, with or without Content-Length, and records nothing", async () => {
    const huge = JSON.stringify({
      id: 509,
      admin_graphql_api_id: "gid://shopify/Order/509",
      pad: "x".repeat(5.3e6),
    });
    const init = shopifyWebhookInit({ topic: "orders/paid", shop: SHOP, body: huge, secret: SECRET });
    const headers = init.headers as Record<string, string>;
    for (const chunked of [false, true]) {
      const response = await rawRequest(`${url}/webhooks/orders/paid`, { headers, body: huge, chunked });
      expect(response.status).toBe(413);
    }
    expect(roundTrips).toBe(0);
    expect(await deliveries(headers["x-shopify-webhook-id"] as string)).toBe(0);
  });

  it("answers a misrouted topic 400 and leaves other topics and methods to the framework", async () => {
    const order = danishOrder(510);
    const init = shopifyWebhookInit({ topic: "orders/paid", shop: SHOP, body: order.order, secret: SECRET });
    expect((await fetch(`${url}/webhooks/orders/fulfilled`, init)).status).toBe(400);
    expect((await send("app/uninstalled", "{}")).status).toBe(418);
    expect((await fetch(`${url}/webhooks/orders/paid`)).status).toBe(418);
    expect(frameworkHits).toBe(2);
    expect(roundTrips).toBe(0);
  });
});
