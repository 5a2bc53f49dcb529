import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import type { PayoutDetail, PayoutSummary } from "../../app/engine/payouts/payout-view.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import {
  startShopifyAdminSimulator,
  type ShopifyAdminSimulator,
} from "../../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../../simulators/shopify/shopify-store";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";
import { seedJobs } from "../transfers/seed-jobs";
import { orderGid, workedExamplePayments } from "../payouts/payout-test-kit";

const LIST_DATA = "_data=routes%2Fapp.payouts";
const DETAIL_DATA = "_data=routes%2Fapp.payouts.%24id";

/**
 * The Payouts pages of the real app (local mode) over HTTP, reading Shopify Payments from the
 * Shopify simulator: Fetch queues each payout once, the detail shows the entry before booking and
 * each order's match, Retry requeues only a parked payout. Workers are off, so nothing is booked.
 */
describe("payouts routes over HTTP", () => {
  let database: AppDatabase;
  let app: AppProcess;
  let shopify: ShopifyAdminSimulator;

  beforeAll(async () => {
    shopify = await startShopifyAdminSimulator({
      store: new ShopifyStore(),
      payments: workedExamplePayments(),
    });
    database = await createAppDatabase();
    await database.use(async (db) => {
      const shop = await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
      const saved = await saveShopSettings(prismaSettingsStorage(db), shop.id, {
        version: 1,
        accounts: { giftCardLiability: "63080" },
        payments: { gateways: { shopify_payments: "5820" } },
        payouts: {
          enabled: true,
          bankAccount: "5810",
          feeAccount: "7220",
          disputesAccount: "7230",
          reservesAccount: "5830",
          adjustmentsAccount: "7240",
        },
      });
      expect(saved.ok).toBe(true);
      await seedJobs(db, shop.id, 2, new Date(), (i) => ({
        status: "succeeded",
        kind: "invoice",
        orderName: `#${1001 + i}`,
        orderNumber: 1001 + i,
        documentNumber: `F${1001 + i}`,
      }));
      // A payout parked earlier because it did not add up by one øre.
      await db.job.create({
        data: {
          shopId: shop.id,
          kind: "payout",
          businessKey: "payout:90099",
          orderId: "payout:90099",
          orderName: "90099",
          trigger: "reconcile",
          status: "needsAttention",
          sourceOrder: JSON.stringify({
            source: "shopifyPayments",
            id: "90099",
            issuedAt: "2026-11-30T06:00:00Z",
            status: "paid",
            direction: "deposit",
            currency: "DKK",
            net: 1001,
            transactions: [
              {
                id: "t",
                category: "sale",
                providerType: "CHARGE",
                amount: 1000,
                fee: 0,
                net: 1000,
                date: "2026-11-29",
              },
            ],
          }),
          lastError: {
            kind: "payoutNotBookable",
            message: "Payout 90099 does not add up",
            messageKey: "payoutError.doesNotAddUp",
            params: { payout: "90099", expected: "10.00", net: "10.01", currency: "DKK", difference: 1 },
            retryable: false,
            at: new Date().toISOString(),
          },
        },
      });
    });
    app = await startAppProcess(
      {
        ...database.env,
        WORKER_IN_PROCESS: "false",
        DEMO_SIMULATORS: "off",
        SHOPIFY_ADMIN_BASE_URL: shopify.url,
        LOG_LEVEL: "warn",
      },
      280_000,
    );
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
    await shopify?.close();
  });

  const list = async () => {
    const response = await fetch(`${app.url}/app/payouts?${LIST_DATA}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { enabled: boolean; payouts: PayoutSummary[] };
  };
  const post = async (path: string, data: string, fields: Record<string, string>) => {
    const response = await fetch(`${app.url}${path}?${data}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("fetches new payouts once and lists them with their totals and matches", async () => {
    expect((await list()).payouts.map((p) => p.payoutId)).toEqual(["90099"]);
    expect(await post("/app/payouts", LIST_DATA, { intent: "sync" })).toEqual({
      status: 200,
      body: { ok: true, enqueued: 1 },
    });
    expect((await post("/app/payouts", LIST_DATA, { intent: "sync" })).body).toEqual({
      ok: true,
      enqueued: 0,
    });
    const { payouts } = await list();
    expect(payouts.find((p) => p.payoutId === "90061")).toMatchObject({
      net: 53_611,
      fees: 8_189,
      matchedOrders: 2,
      orders: 3,
      status: "queued",
      voucherNumber: null,
    });
    const html = await (await fetch(`${app.url}/app/payouts?locale=da`)).text();
    for (const text of ["Udbetalinger", "90061", "2/3"]) expect(html).toContain(text);
  });

  it("shows the entry before booking and the orders the app never transferred", async () => {
    const response = await fetch(`${app.url}/app/payouts/90061?${DETAIL_DATA}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as PayoutDetail;
    expect(detail.booked).toBe(false);
    expect(detail.entry?.lines.map((l) => [l.account, l.amount])).toEqual([
      ["5810", 53_611],
      ["7220", 8_189],
      ["5820", -76_800],
      ["7230", 15_000],
    ]);
    expect(detail.unmatchedOrders).toEqual([{ id: orderGid(1003), name: "#1003" }]);
    const html = await (await fetch(`${app.url}/app/payouts/90061?locale=en`)).text();
    for (const text of ["Payout 90061", "Card fees", "Transfer", "Transferred as F1001"])
      expect(html).toContain(text);
    expect((await fetch(`${app.url}/app/payouts/not-a-payout?${DETAIL_DATA}`)).status).toBe(404);
  });

  it("Retry requeues only a parked payout; Transfer takes only the payout's own orders", async () => {
    const parked = await (await fetch(`${app.url}/app/payouts/90099?locale=en`)).text();
    expect(parked).toContain("a difference of 1 øre");
    expect(await post("/app/payouts/90099", DETAIL_DATA, { intent: "retry" })).toEqual({
      status: 200,
      body: { outcome: "retried" },
    });
    expect(await post("/app/payouts/90061", DETAIL_DATA, { intent: "retry" })).toEqual({
      status: 409,
      body: { outcome: "notParked" },
    });
    expect(
      await post("/app/payouts/90061", DETAIL_DATA, { intent: "transfer", orderId: orderGid(4242) }),
    ).toEqual({
      status: 409,
      body: { outcome: "notInPayout" },
    });
    expect((await post("/app/payouts/90061", DETAIL_DATA, { intent: "nonsense" })).status).toBe(400);
  });
});
