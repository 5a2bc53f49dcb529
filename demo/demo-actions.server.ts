import type { PrismaClient, Shop } from "@prisma/client";
import { resumeShop } from "../app/engine/job-queue.server";
import type { OrderSource } from "../app/sources/source-contract";
import { reconcileShop } from "../app/engine/reconcile.server";
import type { DemoResultKey } from "../app/i18n/pages/demo";
import { loadShopSettings, saveShopSettings } from "../app/settings/settings-store";
import { prismaSettingsStorage } from "../app/shops/shop-settings-storage.server";
import type { Json } from "../simulators/shopify/rest-to-graphql";
import { sendWebhook } from "../simulators/shopify/send-webhook";
import { connectDemoLedger, linkDemoWooLedger } from "./demo-connect.server";
import { FAILING_ORDER, PAID_ORDERS } from "./demo-order-templates";
import type { DemoIntent } from "./demo-params.server";
import { createTodaysPayout } from "./demo-payouts.server";
import { DemoOrderError, findRestOrder, fulfilOrder, placeOrder, refundOrder } from "./demo-shop-orders";
import type { DemoEnvironment, DemoShopify } from "./demo-types";

/**
 * The demo page's buttons. Each changes the demo shop in the Shopify simulator and then does
 * what Shopify does: POSTs the signed webhook to the app's own webhook route over HTTP, so the
 * order travels the real path (verify → record → job → worker → ledger).
 */

export interface DemoActionResult {
  ok: boolean;
  message: DemoResultKey;
  vars: Record<string, string>;
}

export interface DemoActionDeps {
  db: PrismaClient;
  shop: Shop;
  demo: DemoEnvironment;
  /** LOCAL_WEBHOOK_SECRET: what the app verifies local webhooks with. */
  webhookSecret: string;
  wake: () => void;
  sourceFor: (shop: Shop) => Promise<OrderSource>;
  now?: () => Date;
}

const RECONCILE_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

const result = (
  ok: boolean,
  message: DemoResultKey,
  vars: Record<string, string> = {},
): DemoActionResult => ({
  ok,
  message,
  vars,
});

export async function runDemoAction(deps: DemoActionDeps, action: DemoIntent): Promise<DemoActionResult> {
  try {
    return await run(deps, action);
  } catch (error) {
    if (error instanceof DemoOrderError) return result(false, `demo.result.${error.reason}`);
    throw error;
  }
}

async function run(deps: DemoActionDeps, action: DemoIntent): Promise<DemoActionResult> {
  const { db, shop, demo } = deps;
  const now = deps.now?.() ?? new Date();
  switch (action.intent) {
    case "connect": {
      const ledger = demo.ledgers[action.provider];
      if (!ledger) return result(false, "demo.result.noSimulator");
      await connectDemoLedger(db, shop.id, ledger);
      // The demo's WooCommerce store books to the same ledger.
      await linkDemoWooLedger(db, demo, shop.id);
      return result(true, "demo.result.connected", { ledger: action.provider });
    }
    case "fixGiftCard": {
      const connection = await db.ledgerConnection.findUnique({ where: { shopId: shop.id } });
      const ledger = connection
        ? demo.ledgers[connection.provider as keyof DemoEnvironment["ledgers"]]
        : undefined;
      if (!ledger) return result(false, "demo.result.noSimulator");
      const storage = prismaSettingsStorage(db);
      const settings = await loadShopSettings(storage, shop.id);
      const account = ledger.giftCardLiabilityAccount;
      await saveShopSettings(storage, shop.id, {
        ...settings,
        accounts: { ...settings.accounts, giftCardLiability: account },
      });
      return result(true, "demo.result.fixed", { account });
    }
    case "resume": {
      const { requeued } = await resumeShop(db, shop.id);
      deps.wake();
      return result(true, "demo.result.resumed", { count: String(requeued) });
    }
    case "reconcile": {
      const source = await deps.sourceFor(shop);
      const outcome = await reconcileShop(db, shop, source, {
        since: new Date(now.getTime() - RECONCILE_LOOKBACK_MS),
        now,
      });
      if (outcome.enqueued > 0) deps.wake();
      return result(true, "demo.result.reconciled", {
        checked: String(outcome.checked),
        enqueued: String(outcome.enqueued),
      });
    }
    case "createWooOrder":
      return createWooOrder(deps, now);
    case "createPayout": {
      const outcome = await createTodaysPayout(db, shop, demo, now);
      if (!outcome.ok) return result(false, `demo.result.payout.${outcome.reason}`);
      if (outcome.enqueued > 0) deps.wake();
      return result(true, "demo.result.payoutCreated", {
        payout: outcome.payoutId,
        orders: String(outcome.orders),
      });
    }
    default:
      return runShopAction(deps, demo.shopify, action, now);
  }
}

/**
 * A paid order in the demo's WooCommerce store. The store itself delivers its signed
 * `order.created` webhook to the app's `/webhooks/woocommerce/<store>` route (as WooCommerce
 * does from its queue); the app re-reads the order over REST and the worker transfers it.
 */
async function createWooOrder(deps: DemoActionDeps, now: Date): Promise<DemoActionResult> {
  const woo = deps.demo.woocommerce;
  if (!woo) return result(false, "demo.result.noWooCommerce");
  if (!woo.shopId) return result(false, "demo.result.wooNotConnected");
  if (!(await linkDemoWooLedger(deps.db, deps.demo, deps.shop.id)))
    return result(false, "demo.result.wooNoLedger");
  const { order, responses } = await woo.createPaidOrder(now);
  const name = `#${order.number}`;
  const status = responses.at(-1);
  if (status === undefined) return result(false, "demo.result.wooNoWebhook", { name });
  if (status !== 200)
    return result(false, "demo.result.wooWebhookRejected", { name, status: String(status) });
  return result(true, "demo.result.wooCreated", { name });
}

async function runShopAction(
  deps: DemoActionDeps,
  shopify: DemoShopify | undefined,
  action: Exclude<
    DemoIntent,
    { intent: "connect" | "fixGiftCard" | "resume" | "reconcile" | "createWooOrder" | "createPayout" }
  >,
  now: Date,
): Promise<DemoActionResult> {
  if (!shopify) return result(false, "demo.result.noShopify");
  const { store, withheld } = shopify;
  switch (action.intent) {
    case "createPaid":
    case "createWithoutWebhook":
    case "createFailing": {
      const spec =
        action.intent === "createFailing"
          ? FAILING_ORDER
          : (PAID_ORDERS[store.orders.length % PAID_ORDERS.length] ?? FAILING_ORDER);
      const order = placeOrder(store, spec, now);
      const name = String(order.graphql.name);
      if (action.intent === "createWithoutWebhook") {
        withheld.add(String(order.graphql.id));
        return result(true, "demo.result.createdWithoutWebhook", { name });
      }
      const sent = await deliver(deps, "orders/paid", order.rest ?? {});
      if (!sent.ok) return sent;
      return result(
        true,
        action.intent === "createFailing" ? "demo.result.createdFailing" : "demo.result.created",
        {
          name,
        },
      );
    }
    case "deliver": {
      const order = findRestOrder(store, action.orderId);
      const sent = await deliver(deps, "orders/paid", order.rest);
      if (!sent.ok) return sent;
      withheld.delete(action.orderId);
      return result(true, "demo.result.delivered", { name: String(order.rest.name) });
    }
    case "fulfil": {
      const body = fulfilOrder(store, action.orderId, now);
      const sent = await deliver(deps, "orders/fulfilled", body);
      return sent.ok ? result(true, "demo.result.fulfilled", { name: String(body.name) }) : sent;
    }
    case "refund": {
      const refund = refundOrder(store, action.orderId, now);
      const sent = await deliver(deps, "refunds/create", refund);
      const name = String(store.find(action.orderId)?.graphql.name ?? "");
      return sent.ok ? result(true, "demo.result.refunded", { name }) : sent;
    }
  }
}

/** Shopify's delivery of one webhook to the app's own route, signed with the local secret. */
async function deliver(deps: DemoActionDeps, topic: string, body: Json): Promise<DemoActionResult> {
  if (!deps.demo.appUrl) return result(false, "demo.result.notListening");
  const response = await sendWebhook({
    topic,
    shop: deps.shop.domain,
    body,
    url: `${deps.demo.appUrl}/webhooks/${topic}`,
    secret: deps.webhookSecret,
  });
  if (response.status !== 200)
    return result(false, "demo.result.webhookRejected", { topic, status: String(response.status) });
  return result(true, "demo.result.delivered", { topic });
}
