import type { PrismaClient } from "@prisma/client";
import { log } from "../app/lib/log.server";
import type { SecretBox } from "../app/lib/secret-box.server";
import { secretBox } from "../app/lib/secrets.server";
import { connectWithKeys } from "../app/sources/woocommerce/connect-store.server";
import type { WooJson } from "../simulators/woocommerce/woo-sim-store";
import { startWooSimulator } from "../simulators/woocommerce/woocommerce-simulator";
import { linkDemoWooLedger } from "./demo-connect.server";
import { demoWooOrder, WOO_PAID_ORDERS } from "./demo-woo-orders";
import type { DemoEnvironment, DemoWooCommerce, DemoWooOrder } from "./demo-types";

/**
 * The demo's WooCommerce: the WooCommerce simulator on a random loopback port holding one store,
 * connected to the app the way `ledger-bridge woocommerce connect` connects a store with keys
 * made by hand (the keys are checked over REST, sealed, the order webhooks registered with the
 * store's secret, the companion plugin's settings written), and booking to the same ledger
 * simulator as the demo shop.
 */

const MAX_ORDERS = 25;

export async function startDemoWooCommerce(): Promise<{ demo: DemoWooCommerce; close: () => Promise<void> }> {
  const simulator = await startWooSimulator({ orders: [], refunds: [] });
  const demo: DemoWooCommerce = {
    url: simulator.url,
    credentials: simulator.credentials,
    shopId: undefined,
    connectError: undefined,
    orders: () =>
      [...simulator.store.orders.values()]
        .reverse()
        .slice(0, MAX_ORDERS)
        .map((order) => orderView(order, (simulator.store.refunds.get(Number(order.id)) ?? []).length > 0)),
    createPaidOrder: async (now) => {
      const spec =
        WOO_PAID_ORDERS[simulator.store.orders.size % WOO_PAID_ORDERS.length] ?? WOO_PAID_ORDERS[0];
      if (!spec) throw new Error("the demo has no WooCommerce order templates");
      const logged = simulator.dispatcher.log.length;
      const created = simulator.store.createOrder(demoWooOrder(spec, now));
      // The store queues the delivery (Action Scheduler) and sends it by itself; wait for it.
      await simulator.drainWebhooks();
      const responses = simulator.dispatcher.log
        .slice(logged)
        .filter((entry) => entry.kind === "delivery" && entry.topic === "order.created")
        .map((entry) => entry.responseCode);
      return { order: orderView(created, false), responses };
    },
  };
  return { demo, close: () => simulator.close() };
}

function orderView(order: WooJson, refunded: boolean): DemoWooOrder {
  const billing = (order.billing ?? {}) as Record<string, unknown>;
  const name = [billing.first_name, billing.last_name].filter(Boolean).join(" ");
  const created = typeof order.date_created_gmt === "string" ? `${order.date_created_gmt}Z` : "";
  return {
    id: String(order.id),
    number: String(order.number ?? order.id),
    status: String(order.status ?? ""),
    customer: String(billing.company || name || billing.email || ""),
    total: String(order.total ?? "0.00"),
    currency: String(order.currency ?? "DKK"),
    createdAt: created,
    refunded: refunded || order.status === "refunded",
  };
}

/**
 * Connects the demo store to the app once the app listens (its webhooks are delivered to
 * `demo.appUrl`), then to the demo shop's ledger simulator. A failure is logged and shown on the
 * demo page; the rest of the demo works without the store.
 */
export async function connectDemoWooStore(
  db: PrismaClient,
  demo: DemoEnvironment,
  demoShopId: string,
  box: SecretBox = secretBox(),
): Promise<boolean> {
  const woo = demo.woocommerce;
  if (!woo || !demo.appUrl) return false;
  try {
    await retireEarlierDemoStores(db, woo.url);
    const outcome = await connectWithKeys(
      // The store runs in this process: it reaches the app on loopback, whatever PUBLIC_APP_URL says.
      { db, box, appUrl: demo.appUrl, allowPrivateStores: true },
      { storeUrl: woo.url, ...woo.credentials },
    );
    if (outcome.status === "failed") {
      woo.connectError = outcome.message;
      log.warn("demo WooCommerce store not connected", { store: woo.url, reason: outcome.message });
      return false;
    }
    woo.shopId = outcome.shopId;
    woo.connectError = undefined;
    const ledger = await linkDemoWooLedger(db, demo, demoShopId, box);
    log.info("demo WooCommerce store connected", { store: woo.url, ledger: ledger ?? "none yet" });
    return true;
  } catch (error) {
    woo.connectError = error instanceof Error ? error.message : String(error);
    log.warn("demo WooCommerce store not connected", { store: woo.url, reason: woo.connectError });
    return false;
  }
}

/**
 * Each start runs the simulator on a new port, so a store an earlier demo run connected is gone
 * for good; its shop is marked uninstalled so the 15-minute poll stops calling it. Only loopback
 * stores that no longer answer at all are retired (a local WordPress that is running is kept; a
 * stopped one comes back by connecting it again).
 */
async function retireEarlierDemoStores(db: PrismaClient, currentUrl: string): Promise<void> {
  const candidates = await db.shop.findMany({
    where: {
      platform: "woocommerce",
      uninstalledAt: null,
      domain: { startsWith: "http://127.0.0.1:", not: currentUrl },
    },
    select: { id: true, domain: true },
  });
  for (const shop of candidates) {
    if (await answers(shop.domain)) continue;
    await db.shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });
    log.info("earlier demo WooCommerce store retired", { store: shop.domain });
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/wp-json/`, { signal: AbortSignal.timeout(1500), redirect: "manual" });
    return true;
  } catch {
    return false;
  }
}
