import type { LedgerProviderId } from "../app/ledgers/ledger-contract";
import { LEDGER_PROVIDER_IDS } from "../app/ledgers/registry";
import { startShopifyAdminSimulator } from "../simulators/shopify/shopify-admin-simulator";
import type { PaymentsAccount } from "../simulators/shopify/payments-account";
import { ShopifyStore } from "../simulators/shopify/shopify-store";
import { demoOrderTemplate, PAID_ORDERS } from "./demo-order-templates";
import { LEDGER_URL_VARIABLES, startDemoLedger } from "./demo-ledgers.server";
import { registerDemo } from "./demo-registry.server";
import type { DemoEnvironment, DemoLedger, DemoShopify } from "./demo-types";
import { startDemoWooCommerce } from "./demo-woocommerce.server";

export interface DemoEnvironmentOptions {
  /** The environment as the user set it: a simulator whose base URL is set here is not started. */
  env?: Record<string, string | undefined>;
  /** Continue numbering after the orders the app already knows (#1001 on an empty database). */
  firstOrderNumber?: number;
  /** How many paid orders the shop already has when the demo starts (their webhooks never came). */
  seededOrders?: number;
  /** Start the WooCommerce simulator too (default true). */
  woocommerce?: boolean;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const isSet = (env: Record<string, string | undefined>, key: string) => (env[key] ?? "").trim() !== "";

/**
 * Starts the local demo in this process: the Shopify Admin simulator with a few paid Danish
 * orders, the WooCommerce simulator (an empty store), and a simulator for every ledger, each on a
 * random 127.0.0.1 port. Only what the user did not point elsewhere is started; `baseUrls` are
 * the variables to set for the rest. The WooCommerce store has no base-URL variable to respect:
 * the app finds a store by the URL it was connected with, so the demo connects it once the app
 * listens (`connectDemoWooStore`), and only to a ledger simulator the demo started.
 */
export async function startDemoEnvironment(options: DemoEnvironmentOptions = {}): Promise<DemoEnvironment> {
  const env = options.env ?? process.env;
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    await Promise.allSettled(closers.splice(0).map((close) => close()));
  };
  try {
    const baseUrls: Record<string, string> = {};
    const shopify = isSet(env, "SHOPIFY_ADMIN_BASE_URL") ? undefined : await startDemoShopify(options);
    if (shopify) {
      closers.push(shopify.close);
      baseUrls.SHOPIFY_ADMIN_BASE_URL = shopify.demo.url;
    }
    const woocommerce = options.woocommerce === false ? undefined : await startDemoWooCommerce();
    if (woocommerce) closers.push(woocommerce.close);
    const wanted = LEDGER_PROVIDER_IDS.filter(
      (provider) => !LEDGER_URL_VARIABLES[provider].some((key) => isSet(env, key)),
    );
    const ledgers: Partial<Record<LedgerProviderId, DemoLedger>> = {};
    const started = await Promise.allSettled(wanted.map((provider) => startDemoLedger(provider)));
    for (const result of started) {
      if (result.status === "fulfilled") {
        closers.push(result.value.ledger.close);
        ledgers[result.value.ledger.provider] = result.value.ledger;
        Object.assign(baseUrls, result.value.env);
      }
    }
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;

    const demo: DemoEnvironment = {
      shopify: shopify?.demo,
      woocommerce: woocommerce?.demo,
      ledgers,
      baseUrls,
      appUrl: undefined,
      close: async () => {
        registerDemo(undefined);
        await closeAll();
      },
    };
    registerDemo(demo);
    return demo;
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function startDemoShopify(
  options: DemoEnvironmentOptions,
): Promise<{ demo: DemoShopify; close: () => Promise<void> }> {
  const now = options.now ?? new Date();
  // Ids from the clock: a restarted demo on the same database never reuses an order id.
  const store = new ShopifyStore({
    firstOrderNumber: options.firstOrderNumber ?? 1001,
    firstId: BigInt(now.getTime()) * 1000n,
  });
  const withheld = new Set<string>();
  const count = options.seededOrders ?? 3;
  for (let i = 0; i < count; i++) {
    const spec = PAID_ORDERS[i % PAID_ORDERS.length];
    if (!spec) continue;
    const order = store.createOrderFromTemplate(demoOrderTemplate(spec), {
      now: new Date(now.getTime() - (count - i) * DAY_MS),
    });
    withheld.add(String(order.graphql.id));
  }
  const payments: PaymentsAccount = { currency: "DKK", payouts: [], balanceTransactions: [] };
  const simulator = await startShopifyAdminSimulator({ store, payments });
  return { demo: { url: simulator.url, store, withheld, payments }, close: () => simulator.close() };
}
