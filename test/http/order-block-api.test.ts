import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { resetEnvForTests } from "../../app/config/env.server";
import { transferStatusSchema } from "../../extensions/order-transfer-block/src/transfer-status-contract";
import { orderTransferStatus } from "../../app/engine/order-transfer-status.server";
import { action as transferAction } from "../../app/routes/api.orders.$orderId.transfer";
import { loader as statusLoader } from "../../app/routes/api.orders.$orderId.transfer-status";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/** The order-page block's backend in local mode: the same routes, with the demo shop as the session. */
describe("order block API", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const saved = { ...process.env };
  const order = danishOrder(501);
  const encoded = encodeURIComponent(order.orderId);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"]) delete process.env[key];
    resetEnvForTests();
    globalThis.ledgerBridgePrisma = db;
    await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
  });
  afterAll(async () => {
    globalThis.ledgerBridgePrisma = undefined;
    process.env = saved;
    resetEnvForTests();
    await database?.close();
  });

  const status = async () => {
    const response = await statusLoader({
      request: new Request(`http://localhost/api/orders/${encoded}/transfer-status`),
      params: { orderId: order.orderId },
      context: {},
    });
    expect(response.status).toBe(200);
    // The backend answers exactly the block's contract.
    return transferStatusSchema.parse(await response.json());
  };
  const transfer = () =>
    transferAction({
      request: new Request(`http://localhost/api/orders/${encoded}/transfer`, { method: "POST" }),
      params: { orderId: order.orderId },
      context: {},
    });

  it("says 'not transferred' with no way to transfer an order it has never seen", async () => {
    expect(await status()).toMatchObject({ status: "notTransferred", canTransfer: false, preview: null });
    expect((await transfer()).status).toBe(404);
  });

  it("offers Transfer, previewed, for an order no webhook brought, read from the shop itself", async () => {
    const shop = await db.shop.findFirstOrThrow({ where: { domain: LOCAL_SHOP_DOMAIN } });
    const asked: string[] = [];
    const readOrder = async (_shop: unknown, orderId: string) => {
      asked.push(orderId);
      return order.order;
    };
    const seen = await orderTransferStatus(db, shop, order.orderId, readOrder);
    expect(asked).toEqual([order.orderId]);
    expect(seen).toMatchObject({ status: "notTransferred", canTransfer: true });
    // Previewed from what the shop answered (default settings lack the gift card's account).
    expect(seen.message).toContain("giftCardLiability");
    // The shop has no such order either: nothing to transfer.
    const gone = await orderTransferStatus(db, shop, order.orderId, async () => undefined);
    expect(gone).toMatchObject({ status: "notTransferred", canTransfer: false, preview: null });
  });

  it("previews a received order, queues it on Transfer once, and shows a failure with Retry", async () => {
    await db.webhookEvent.create({
      data: {
        platform: "shopify",
        shopDomain: LOCAL_SHOP_DOMAIN,
        topic: "orders/updated",
        deliveryId: "d1",
        body: order.order,
        // Keyed on the order it is, as recordWebhook keys every order webhook.
        orderId: order.orderId,
      },
    });
    const before = await status();
    expect(before.status).toBe("notTransferred");
    expect(before.canTransfer).toBe(true);
    // The gift card needs a liability account that default settings lack: the preview says so.
    expect(before.message).toContain("giftCardLiability");

    const first = await transfer();
    expect(first.status).toBe(202);
    expect((await transfer()).status).toBe(202);
    expect(await db.job.count()).toBe(1);
    expect(await status()).toMatchObject({ status: "queued", canTransfer: false, canRetry: false });

    await db.job.updateMany({
      data: {
        status: "failed",
        lastError: {
          kind: "authentication",
          message: "Reconnect Dinero in Settings.",
          retryable: false,
          at: "x",
        },
      },
    });
    expect(await status()).toMatchObject({
      status: "failed",
      message: "Reconnect Dinero in Settings.",
      canRetry: true,
    });
    expect((await transfer()).status).toBe(202);
    expect((await status()).status).toBe("queued");
  });

  it("shows the ledger's number once transferred, and a change after transfer", async () => {
    await db.job.updateMany({ data: { status: "succeeded", documentNumber: "1042" } });
    expect(await status()).toMatchObject({
      status: "transferred",
      documentNumber: "1042",
      canTransfer: false,
    });
    await db.job.updateMany({ data: { changedAfterTransfer: { differences: ["customer details"] } } });
    expect(await status()).toMatchObject({ status: "changedAfterTransfer", message: "customer details" });
    expect((await transfer()).status).toBe(409);
  });

  it("rejects an order id that is not a Shopify order", async () => {
    const response = await statusLoader({
      request: new Request("http://localhost/api/orders/x/transfer-status"),
      params: { orderId: "../../etc" },
      context: {},
    });
    expect(response.status).toBe(400);
  });
});
