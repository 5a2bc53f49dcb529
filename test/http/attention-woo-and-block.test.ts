import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transferStatusSchema } from "../../extensions/order-transfer-block/src/transfer-status-contract";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { wooAdminSessionCookie } from "../../app/auth/woo-admin-session.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { action as transferAction } from "../../app/routes/api.orders.$orderId.transfer";
import { loader as statusLoader } from "../../app/routes/api.orders.$orderId.transfer-status";
import { action as orderAction, loader as orderLoader } from "../../app/routes/app.orders.$orderId";
import { action as transfersAction, loader as transfersLoader } from "../../app/routes/app.transfers";
import type { TransfersPage } from "../../app/transfers/list-transfers.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const REASON = "Tax line 'EU-OSS 25 %' has no VAT code in the ledger";

async function parkedJob(db: PrismaClient, shop: Shop, orderId: string, status = "needsAttention") {
  return db.job.create({
    data: {
      shopId: shop.id,
      kind: "invoice",
      businessKey: `invoice:${orderId}`,
      orderId,
      orderName: `#${orderId.split("/").at(-1)}`,
      status,
      trigger: "paid",
      sourceOrder: "{}",
      attempts: 2,
      lastError: { kind: "mapping", message: REASON, retryable: false, at: new Date().toISOString() },
    },
  });
}

/**
 * The same routes in the app's other two ways in: a WooCommerce store admin (session cookie from
 * the WordPress link) acting on its store's parked orders, and the Shopify order-page block's API
 * (local mode) reporting needsAttention and handled in the block's own contract.
 */
describe("needs attention for WooCommerce stores and the order block", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const saved = { ...process.env };
  let woo: Shop;
  let otherWoo: Shop;
  let local: Shop;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) delete process.env[key];
    resetEnvForTests();
    globalThis.ledgerBridgePrisma = db;
    woo = await db.shop.create({ data: { platform: "woocommerce", domain: "https://store-a.example" } });
    otherWoo = await db.shop.create({ data: { platform: "woocommerce", domain: "https://store-b.example" } });
    local = await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    process.env = saved;
    resetEnvForTests();
    await database?.close();
  });

  describe("a WooCommerce store admin", () => {
    const cookieFor = async (shop: Shop) =>
      (
        (await wooAdminSessionCookie(db, new Request("http://localhost/"), shop.id)).split(";")[0] ?? ""
      ).trim();
    const request = async (shop: Shop, path: string, form?: Record<string, string>) =>
      new Request(`http://localhost${path}`, {
        headers: { cookie: await cookieFor(shop) },
        ...(form ? { method: "POST", body: new URLSearchParams(form) } : {}),
      });

    it("sees the parked order with its reason and can mark it handled, naming the store admin", async () => {
      const job = await parkedJob(db, woo, "4101");
      const listed = await transfersLoader({
        request: await request(woo, "/app/transfers?tab=needsAttention"),
        params: {},
        context: {},
      });
      const { page } = (await listed.json()) as { page: TransfersPage };
      expect(page.rows.map((row) => [row.orderId, row.orderNumericId, row.lastError])).toEqual([
        ["4101", "4101", REASON],
      ]);
      const detail = await orderLoader({
        request: await request(woo, "/app/orders/4101"),
        params: { orderId: "4101" },
        context: {},
      });
      expect(await detail.json()).toMatchObject({
        invoiceJobId: job.id,
        transfer: { status: "needsAttention", message: REASON },
      });

      // Store B's admin cannot touch store A's job, whichever page it posts to.
      const fromB = await orderAction({
        request: await request(otherWoo, "/app/orders/4101", { intent: "markHandled", jobId: job.id }),
        params: { orderId: "4101" },
        context: {},
      });
      expect(fromB.status).toBe(404);
      const fromBList = await transfersAction({
        request: await request(otherWoo, "/app/transfers", { intent: "markHandled", id: job.id }),
        params: {},
        context: {},
      });
      expect(await fromBList.json()).toEqual({ ok: false, message: "transfers.result.notFound" });
      expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("needsAttention");

      const marked = await transfersAction({
        request: await request(woo, "/app/transfers", { intent: "markHandled", id: job.id }),
        params: {},
        context: {},
      });
      expect(marked.status).toBe(200);
      expect(await marked.json()).toEqual({
        ok: true,
        message: "transfers.result.handled",
        values: { count: 0 },
      });
      const again = await transfersAction({
        request: await request(woo, "/app/transfers", { intent: "markHandled", id: job.id }),
        params: {},
        context: {},
      });
      expect(again.status).toBe(409);
      const audit = await db.auditEntry.findMany({ where: { jobId: job.id } });
      expect(audit.map((entry) => entry.message)).toEqual([
        "Marked as handled manually by the WooCommerce store admin of https://store-a.example; nothing was sent to the ledger",
      ]);
      expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("handled");
    });

    it("retries a parked order from the order page", async () => {
      const job = await parkedJob(db, woo, "4102");
      const response = await orderAction({
        request: await request(woo, "/app/orders/4102", { intent: "retry", jobId: job.id }),
        params: { orderId: "4102" },
        context: {},
      });
      expect(response.status).toBe(202);
      expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        status: "queued",
        attempts: 0,
      });
      const audit = await db.auditEntry.findMany({ where: { jobId: job.id } });
      expect(audit.map((entry) => entry.message)).toEqual([
        "Retry requested by the WooCommerce store admin of https://store-a.example",
      ]);
    });
  });

  describe("the order block's API", () => {
    const orderId = "gid://shopify/Order/7400001";
    const encoded = encodeURIComponent(orderId);
    const status = async () => {
      const response = await statusLoader({
        request: new Request(`http://localhost/api/orders/${encoded}/transfer-status`),
        params: { orderId },
        context: {},
      });
      expect(response.status).toBe(200);
      // Exactly the block's contract, or the block would show an error instead of the order.
      return transferStatusSchema.parse(await response.json());
    };
    const transfer = () =>
      transferAction({
        request: new Request(`http://localhost/api/orders/${encoded}/transfer`, { method: "POST" }),
        params: { orderId },
        context: {},
      });

    it("reports a parked order with its reason and Retry, and a handled one as final", async () => {
      const job = await parkedJob(db, local, orderId);
      expect(await status()).toMatchObject({
        status: "needsAttention",
        message: REASON,
        canRetry: true,
        canTransfer: false,
      });
      // The block's Retry re-queues it, attempts starting over.
      expect((await transfer()).status).toBe(202);
      expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        status: "queued",
        attempts: 0,
      });
      await db.job.update({ where: { id: job.id }, data: { status: "handled" } });
      expect(await status()).toMatchObject({ status: "handled", canRetry: false, canTransfer: false });
      const refused = await transfer();
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ outcome: "handledManually" });
      expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("handled");
    });
  });
});
