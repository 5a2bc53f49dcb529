import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryPayout, transferPayoutOrder } from "../../app/engine/payouts/payout-actions.server";
import { pollPayouts } from "../../app/engine/payouts/payout-poll.server";
import { listPayouts, payoutDetail } from "../../app/engine/payouts/payout-view.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { shopifyPayoutSource } from "../../app/sources/shopify/shopify-payout-source";
import { seedJobs } from "../transfers/seed-jobs";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { orderGid, workedExamplePayments } from "./payout-test-kit";

/**
 * The poll queues each payout once, only for shops that turned payouts on; each settled charge is
 * matched to the invoice the app transferred for its order (by the order's id), and the orders it
 * never transferred are offered for transfer through the manual-transfer use case.
 */
const startShopify = shopifySimulatorPerTest();
const PAYOUTS_ON = {
  enabled: true,
  bankAccount: "5810",
  feeAccount: "7220",
  disputesAccount: "7230",
  reservesAccount: "5830",
  adjustmentsAccount: "7240",
};

describe("payout poll and matching", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shop: Shop;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    shop = await db.shop.create({ data: { platform: "shopify", domain: "matching.myshopify.com" } });
    const off = await db.shop.create({ data: { platform: "shopify", domain: "payouts-off.myshopify.com" } });
    for (const [id, payouts] of [
      [shop.id, PAYOUTS_ON],
      [off.id, { enabled: false }],
    ] as const) {
      const saved = await saveShopSettings(prismaSettingsStorage(db), id, {
        version: 1,
        accounts: { giftCardLiability: "63080" },
        payments: { gateways: { shopify_payments: "5820" } },
        payouts,
      });
      expect(saved.ok).toBe(true);
    }
    // #1001 and #1002 were transferred, #0998's refund was credited; #1003 never reached the app.
    const numbers = [1001, 1002, 998];
    await seedJobs(db, shop.id, 3, new Date("2026-12-01T10:00:00Z"), (i) => ({
      status: "succeeded",
      kind: "invoice",
      orderName: `#${numbers[i]}`,
      orderNumber: numbers[i],
      documentNumber: `F${numbers[i]}`,
    }));
    await seedJobs(db, shop.id, 1, new Date("2026-12-02T10:00:00Z"), () => ({
      status: "succeeded",
      kind: "creditNote",
      orderName: "#998",
      orderNumber: 998,
      documentNumber: "K1",
    }));
  });
  afterAll(async () => {
    await database?.close();
  });

  it("queues each payout once, only where payouts are on", async () => {
    const { client } = await startShopify({ payments: workedExamplePayments() });
    const asked: string[] = [];
    const sourceFor = async (s: Shop) => {
      asked.push(s.domain);
      return shopifyPayoutSource(client);
    };
    const now = new Date("2026-12-10T00:00:00Z");
    expect(await pollPayouts(db, sourceFor, now)).toEqual({ shops: 1, enqueued: 1 });
    expect(await pollPayouts(db, sourceFor, now)).toEqual({ shops: 1, enqueued: 0 });
    expect(asked).toEqual([shop.domain, shop.domain]);
    expect(await db.job.count({ where: { kind: "payout" } })).toBe(1);
  });

  it("matches the settled charges to the app's transfers by order id", async () => {
    const [summary] = await listPayouts(db, shop.id);
    expect(summary).toMatchObject({
      payoutId: "90061",
      matchedOrders: 2,
      orders: 3,
      net: 53_611,
      fees: 8_189,
    });
    const detail = await payoutDetail(db, shop.id, "90061");
    if (!detail) throw new Error("payout 90061 is queued");
    expect(detail.transactions.map((t) => [t.order?.name, t.category, t.match.status])).toEqual([
      ["#1001", "sale", "transferred"],
      ["#1002", "sale", "transferred"],
      ["#1003", "sale", "notTransferred"],
      ["#998", "refund", "transferred"],
      ["#995", "dispute", "notAnOrder"],
    ]);
    expect(detail.transactions[0]?.match).toMatchObject({ documentNumber: "F1001" });
    expect(detail.unmatchedOrders).toEqual([{ id: orderGid(1003), name: "#1003" }]);
    expect(detail.booked).toBe(false);
    expect(detail.entry?.lines.map((l) => [l.account, l.amount])).toEqual([
      ["5810", 53_611],
      ["7220", 8_189],
      ["5820", -76_800],
      ["7230", 15_000],
    ]);
  });

  it("transfers an unmatched order through the manual-transfer use case, and only the payout's own orders", async () => {
    const body = JSON.stringify({ id: 1003, admin_graphql_api_id: orderGid(1003), name: "#1003" });
    const read = async (_shop: Shop, orderId: string) => (orderId === orderGid(1003) ? body : undefined);
    expect(await transferPayoutOrder(db, shop, "90061", orderGid(1003), read)).toMatchObject({
      outcome: "queued",
    });
    expect(await transferPayoutOrder(db, shop, "90061", orderGid(1001), read)).toMatchObject({
      outcome: "alreadyTransferred",
      documentNumber: "F1001",
    });
    expect(await transferPayoutOrder(db, shop, "90061", orderGid(4242), read)).toEqual({
      outcome: "notInPayout",
    });
    const job = await db.job.findUniqueOrThrow({
      where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${orderGid(1003)}` } },
    });
    expect([job.status, job.trigger]).toEqual(["queued", "manual"]);
  });

  it("Retry only requeues a parked payout", async () => {
    expect(await retryPayout(db, shop.id, "90061")).toBe(false);
    expect(await retryPayout(db, shop.id, "nope")).toBe(false);
  });
});
