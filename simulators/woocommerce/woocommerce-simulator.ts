import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { SimRouter } from "../kit/router";
import { startSimulator, type RunningSimulator } from "../kit/simulator-server";
import { generateApiKey, type WooApiKey, type WooKeyPermissions } from "./woo-sim-auth";
import { wooErrorBody } from "./woo-sim-json";
import { registerWooRestRoutes } from "./woo-sim-rest";
import { NO_WEBHOOK_STATUSES, WooSimStore, type WooJson } from "./woo-sim-store";
import { registerWcAuthRoutes, type WcAuthBehaviour } from "./woo-sim-wc-auth";
import { WooWebhookDispatcher, type WooSimWebhook } from "./woo-sim-webhooks";

export interface WooSimulatorOptions {
  /** Behave as if `is_ssl()` (TLS terminated in front): Basic auth and query-string keys are accepted. */
  ssl?: boolean;
  /** Orders (REST v3 JSON) to start with; default: the fixtures under test/fixtures/woocommerce. */
  orders?: WooJson[];
  refunds?: Array<{ orderId: number; refund: WooJson }>;
  siteOffsetMinutes?: number;
  now?: () => Date;
  webhookTimeoutMs?: number;
  maxWebhookFailures?: number;
  wcAuth?: Partial<WcAuthBehaviour>;
  /** Whether the Ledger Bridge companion plugin is active (its settings group exists); default true. */
  companionPlugin?: boolean;
}

export interface WooSimulator {
  url: string;
  /** A read_write key of the shop manager (user 1). */
  credentials: { consumerKey: string; consumerSecret: string };
  sim: RunningSimulator;
  store: WooSimStore;
  webhooks: WooSimWebhook[];
  keys: WooApiKey[];
  dispatcher: WooWebhookDispatcher;
  wcAuth: WcAuthBehaviour;
  /** Settings groups in WooCommerce's settings API, e.g. the plugin's `ledger_bridge` options. */
  settingsGroups: Map<string, Map<string, string>>;
  addApiKey(permissions: WooKeyPermissions): { consumerKey: string; consumerSecret: string };
  /** Wait until queued webhook deliveries (and pings) have run. */
  drainWebhooks(): Promise<void>;
  close(): Promise<void>;
}

/** The settings group the companion plugin registers (extensions/woocommerce, LB_Settings::TAB). */
export const LEDGER_BRIDGE_SETTINGS_GROUP = "ledger_bridge";

const FIXTURES = new URL("../../test/fixtures/woocommerce/", import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as WooJson;

export function defaultWooFixtures(): {
  orders: WooJson[];
  refunds: Array<{ orderId: number; refund: WooJson }>;
} {
  return {
    orders: [
      fixture("order-727.docs.json"),
      fixture("order-with-coupon.wc334.json"),
      fixture("order-dk-incl-vat.synthetic.json"),
    ],
    refunds: [{ orderId: 5001, refund: fixture("refund-dk.synthetic.json") }],
  };
}

/**
 * A local WooCommerce: REST v3 orders/refunds/webhooks with WooCommerce's authentication,
 * webhook deliveries signed as `WC_Webhook` signs them, and the wc-auth key exchange.
 * Over plain HTTP (this server) a real store only accepts OAuth 1.0a, which is what
 * `@woocommerce/woocommerce-rest-api` sends for an http:// URL; `ssl: true` pretends TLS
 * is terminated in front so Basic and query-string keys work too.
 */
export async function startWooSimulator(options: WooSimulatorOptions = {}): Promise<WooSimulator> {
  const now = options.now ?? (() => new Date());
  const siteOffset = options.siteOffsetMinutes ?? 0;
  const keys: WooApiKey[] = [];
  const webhooks: WooSimWebhook[] = [];
  let url = "";
  let keyId = 0;
  let webhookId = 0;
  const nextKeyId = () => ++keyId;

  // The store reports hooks to the dispatcher, which reads orders back from the store.
  const store: WooSimStore = new WooSimStore(
    now,
    siteOffset,
    (hook, orderId) => dispatcher.fire(webhooks, hook, orderId),
    () => url,
  );
  const dispatcher = new WooWebhookDispatcher({
    sourceUrl: () => `${url}/`,
    wooVersion: "9.8.5",
    wpVersion: "6.8.1",
    now,
    timeoutMs: options.webhookTimeoutMs ?? 5_000,
    maxFailures: options.maxWebhookFailures ?? 5,
    buildPayload: (webhook, orderId) => {
      if (webhook.topic.startsWith("action.")) {
        return { action: webhook.topic.slice("action.".length), arg: orderId };
      }
      const order = store.orders.get(orderId);
      if (!order || NO_WEBHOOK_STATUSES.has(String(order.status))) return undefined;
      return webhook.topic === "order.deleted" ? { id: orderId } : order;
    },
  });
  const seed = options.orders
    ? { orders: options.orders, refunds: options.refunds ?? [] }
    : defaultWooFixtures();
  for (const order of seed.orders) store.seedOrder(order);
  for (const { orderId, refund } of seed.refunds) store.seedRefund(orderId, refund);

  const wcAuth: WcAuthBehaviour = {
    decision: "approve",
    loggedIn: true,
    canManageWooCommerce: true,
    allowHttpCallback: false,
    ...options.wcAuth,
  };
  const settingsGroups = new Map<string, Map<string, string>>();
  if (options.companionPlugin ?? true) {
    settingsGroups.set(
      LEDGER_BRIDGE_SETTINGS_GROUP,
      new Map([
        ["ledger_bridge_app_url", ""],
        ["ledger_bridge_store_secret", ""],
      ]),
    );
  }
  const router = new SimRouter();
  registerWooRestRoutes(router, {
    settingsGroups,
    store,
    webhooks,
    dispatcher,
    keys,
    auth: {
      ssl: options.ssl ?? false,
      baseUrl: () => url,
      nowSeconds: () => Math.floor(now().getTime() / 1000),
    },
    now,
    siteOffsetMinutes: () => siteOffset,
    nextWebhookId: () => ++webhookId,
    newSecret: () => randomBytes(25).toString("base64url"),
  });
  registerWcAuthRoutes(router, { behaviour: wcAuth, keys, nextKeyId, userId: 1, timeoutMs: 10_000 });

  const sim = await startSimulator({
    name: "woocommerce",
    router,
    errors: {
      notFound: () => ({
        status: 404,
        body: wooErrorBody("rest_no_route", "No route was found matching the URL and request method.", 404),
      }),
      rateLimited: (seconds) => ({
        status: 429,
        headers: { "retry-after": String(seconds) },
        body: wooErrorBody("too_many_requests", "Too many requests.", 429),
      }),
      // PHP fatals and proxies answer 5xx with HTML, not the REST error shape.
      serverError: () => ({
        status: 500,
        headers: { "content-type": "text/html; charset=UTF-8" },
        body: "<p>There has been a critical error on this website.</p>",
      }),
      badJson: () => ({
        status: 400,
        body: wooErrorBody("rest_invalid_json", "Invalid JSON body passed.", 400),
      }),
    },
  });
  url = sim.url;

  const addApiKey = (permissions: WooKeyPermissions) => {
    const key = generateApiKey(nextKeyId(), 1, permissions, "Simulator key");
    keys.push(key);
    return { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret };
  };
  const credentials = addApiKey("read_write");

  return {
    url,
    credentials,
    sim,
    store,
    webhooks,
    keys,
    dispatcher,
    wcAuth,
    settingsGroups,
    addApiKey,
    drainWebhooks: () => dispatcher.drain(),
    close: async () => {
      await dispatcher.drain();
      await sim.close();
    },
  };
}
