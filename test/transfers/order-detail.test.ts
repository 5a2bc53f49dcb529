import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewDocument } from "../../app/domain/preview";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { orderDetail, transferOrder } from "../../app/transfers/order-detail.server";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

/** The order page's use cases: status, invoice preview, credit notes, audit log, Transfer. */
describe("order detail", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shop: Shop;
  let other: Shop;
  const order = danishOrder(77);
  const numericId = order.orderId.split("/").at(-1) ?? "";
  const settings = { version: 1, accounts: { giftCardLiability: "63080" }, transfer: { trigger: "manual" } };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    shop = await db.shop.create({ data: { platform: "shopify", domain: "detail.myshopify.com" } });
    other = await db.shop.create({ data: { platform: "shopify", domain: "other.myshopify.com" } });
    await saveShopSettings(prismaSettingsStorage(db), shop.id, settings);
    await db.webhookEvent.create({
      data: {
        platform: "shopify",
        shopDomain: shop.domain,
        topic: "orders/paid",
        deliveryId: "detail-1",
        body: order.order,
        // Keyed on the order it is, as recordWebhook keys every order webhook.
        orderId: order.orderId,
      },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("shows a received, untransferred order with its invoice preview and a Transfer button", async () => {
    const detail = await orderDetail(db, shop, numericId);
    expect(detail).toMatchObject({
      orderId: order.orderId,
      orderName: order.name,
      transfer: { status: "notTransferred", canTransfer: true, canRetry: false },
      invoiceProblem: null,
      creditNotes: [],
      audit: [],
    });
    const expected = previewDocument({ source: "shopify", order: order.order, settings, shop: shop.domain });
    expect(detail.invoice?.totals).toEqual(expected.totals);
    expect(detail.invoice?.lines.map((line) => [line.description, line.vatRate, line.net, line.vat])).toEqual(
      expected.lines.map((line) => [line.description, line.vatRate, line.net, line.vat]),
    );
    expect(detail.invoice?.vatByRate).toEqual(expected.vatByRate);
  });

  it("queues the order on Transfer, once, and lists it in the audit log", async () => {
    expect((await transferOrder(db, shop, numericId)).outcome).toBe("queued");
    expect((await transferOrder(db, shop, numericId)).outcome).toBe("inProgress");
    const detail = await orderDetail(db, shop, numericId);
    expect(detail.transfer).toMatchObject({ status: "queued", canTransfer: false });
    expect(detail.audit.map((entry) => [entry.step, entry.level, entry.message])).toEqual([
      ["queue", "info", "Transfer requested by hand"],
    ]);
    expect(await db.job.count({ where: { shopId: shop.id } })).toBe(1);
    expect((await db.job.findFirstOrThrow({ where: { shopId: shop.id } })).orderName).toBe(order.name);
  });

  it("shows the failure message with Retry, then the document number and the credit notes", async () => {
    await db.job.updateMany({
      where: { shopId: shop.id },
      data: {
        status: "failed",
        lastError: { kind: "validation", message: "Account 63080 does not exist.", retryable: false, at: "" },
      },
    });
    expect((await orderDetail(db, shop, numericId)).transfer).toMatchObject({
      status: "failed",
      message: "Account 63080 does not exist.",
      canRetry: true,
    });
    expect((await transferOrder(db, shop, numericId)).outcome).toBe("requeued");
    await db.job.updateMany({
      where: { shopId: shop.id },
      data: { status: "succeeded", documentNumber: "1042", lastError: undefined },
    });
    await db.job.create({
      data: {
        shopId: shop.id,
        kind: "creditNote",
        businessKey: "creditNote:r1",
        orderId: order.orderId,
        orderName: order.name,
        refundId: "gid://shopify/Refund/1",
        status: "succeeded",
        trigger: "paid",
        sourceOrder: order.order,
        sourceRefund: order.refund,
        documentNumber: "7",
      },
    });
    const detail = await orderDetail(db, shop, numericId);
    expect(detail.transfer).toMatchObject({ status: "transferred", documentNumber: "1042" });
    const credit = previewDocument({
      source: "shopify",
      order: order.order,
      refund: order.refund,
      settings,
      shop: shop.domain,
    });
    expect(detail.creditNotes).toHaveLength(1);
    expect(detail.creditNotes[0]).toMatchObject({ status: "succeeded", documentNumber: "7" });
    expect(detail.creditNotes[0]?.document).toMatchObject({ kind: "creditNote", totals: credit.totals });
  });

  it("shows nothing of one shop's order to another shop", async () => {
    const detail = await orderDetail(db, other, numericId);
    expect(detail).toMatchObject({
      orderName: null,
      transfer: { status: "notTransferred", canTransfer: false },
      invoice: null,
      creditNotes: [],
      audit: [],
    });
    expect((await transferOrder(db, other, numericId)).outcome).toBe("unknownOrder");
  });
});
