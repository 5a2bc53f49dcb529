import { reconcileShop } from "../../app/engine/reconcile.server";
import { orderSourceFor } from "../../app/sources/order-source-for.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

/** `ledger-bridge reconcile --shop S [--since DATE]`: a Shopify shop or a WooCommerce store. */
export async function runReconcile(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" }, since: { type: "string" } });
  const since = values.since
    ? parseDate(values.since, "--since")
    : new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const result = await reconcileShop(db, shop, await orderSourceFor(shop, { db }), { since });
  io.stdout(
    `Checked ${result.checked} order(s) updated since ${since.toISOString()}; queued ${result.enqueued} missing transfer(s).`,
  );
  return 0;
}

export function parseDate(value: string, flag: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`${flag} must be a date such as 2026-01-31, got "${value}"`);
  return date;
}
