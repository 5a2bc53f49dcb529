import { env } from "../../app/config/env.server";
import { reconcileShop } from "../../app/engine/reconcile.server";
import { secretBox } from "../../app/lib/secrets.server";
import { connectWithKeys } from "../../app/sources/woocommerce/connect-store.server";
import { orderSourceFor } from "../../app/sources/order-source-for.server";
import { normalizeStoreUrl } from "../../app/sources/woocommerce/store-url";
import { findWooStoreByUrl, openStoreSecret } from "../../app/sources/woocommerce/woo-store-repo.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, UsageError } from "../cli-support";
import { parseDate } from "./reconcile";

export const WOOCOMMERCE_USAGE =
  "usage: ledger-bridge woocommerce connect --url STORE_URL --key ck_… --secret cs_… [--app-url URL]\n" +
  "       ledger-bridge woocommerce poll --url STORE_URL [--since DATE]\n" +
  "  connect   checks the keys (Read/Write, from WooCommerce › Settings › Advanced › REST API), stores\n" +
  "            them encrypted, registers the order webhooks and configures the companion plugin\n" +
  "  poll      reads orders modified since DATE (default: 3 days) and queues what no webhook brought\n" +
  "  --app-url where the store reaches this app (default: PUBLIC_APP_URL or SHOPIFY_APP_URL)";

/** `ledger-bridge woocommerce connect|poll`: a store without the Connect button, or a catch-up now. */
export async function runWooCommerce(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = flags(args, {
    url: { type: "string" },
    key: { type: "string" },
    secret: { type: "string" },
    "app-url": { type: "string" },
    since: { type: "string" },
  });
  const sub = positionals[0];
  if (sub !== "connect" && sub !== "poll") throw new UsageError(WOOCOMMERCE_USAGE);
  if (!values.url) throw new UsageError(`--url is required\n${WOOCOMMERCE_USAGE}`);
  return sub === "connect" ? connect(values, io) : poll(values.url, values.since, io);
}

async function connect(
  values: { url?: string; key?: string; secret?: string; "app-url"?: string },
  io: CliIo,
): Promise<number> {
  if (!values.key || !values.secret) {
    throw new UsageError(`--key and --secret are required\n${WOOCOMMERCE_USAGE}`);
  }
  const config = env();
  const appUrl = values["app-url"] ?? config.PUBLIC_APP_URL ?? config.SHOPIFY_APP_URL;
  if (!appUrl) {
    throw new UsageError(
      `--app-url is required when PUBLIC_APP_URL is not set: webhooks need this app's public address\n${WOOCOMMERCE_USAGE}`,
    );
  }
  const db = await openDatabase();
  const box = secretBox();
  const outcome = await connectWithKeys(
    { db, box, appUrl, allowPrivateStores: config.localMode },
    { storeUrl: values.url ?? "", consumerKey: values.key, consumerSecret: values.secret },
  );
  if (outcome.status === "failed") {
    io.stderr(outcome.message);
    return 1;
  }
  io.stdout(
    `Connected ${outcome.storeUrl}; webhooks: ${outcome.webhooks.map((w) => `${w.topic} #${w.id} (${w.status})`).join(", ")}.`,
  );
  if (outcome.pluginConfigured) {
    io.stdout("The Ledger Bridge plugin in the store received its app URL and store secret.");
  } else {
    const store = await findWooStoreByUrl(db, outcome.storeUrl);
    // Shown on the operator's terminal only, for pasting into the plugin's settings tab.
    if (store)
      io.stdout(
        `Plugin not found in the store. Store secret for its settings tab: ${await openStoreSecret(db, box, store)}`,
      );
  }
  return 0;
}

async function poll(url: string, sinceFlag: string | undefined, io: CliIo): Promise<number> {
  const normalized = normalizeStoreUrl(url, { allowPrivate: true });
  if (!normalized.ok) throw new UsageError(`--url ${normalized.reason}`);
  const since = sinceFlag ? parseDate(sinceFlag, "--since") : new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
  const db = await openDatabase();
  const store = await findWooStoreByUrl(db, normalized.url);
  if (!store)
    throw new UsageError(
      `No connected WooCommerce store at ${normalized.url} (see \`ledger-bridge shops list\`)`,
    );
  const result = await reconcileShop(db, store.shop, await orderSourceFor(store.shop, { db }), { since });
  io.stdout(
    `Checked ${result.checked} order(s) modified since ${since.toISOString()}; queued ${result.enqueued} missing transfer(s).`,
  );
  return 0;
}
