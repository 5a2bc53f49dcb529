import { runBackfill, startBackfill } from "../../app/engine/backfill.server";
import { orderSourceFor } from "../../app/sources/order-source-for.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";
import { parseDate } from "./reconcile";

/**
 * `ledger-bridge backfill --shop S --from DATE --to DATE`, or `--since DATE` (from then until
 * now), or `--resume ID`; for a Shopify shop or a WooCommerce store.
 */
export async function runBackfillCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    since: { type: "string" },
    resume: { type: "string" },
  });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  let id = values.resume;
  if (!id) {
    const range = backfillRange(values);
    try {
      id = (await startBackfill(db, shop.id, range)).id;
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  }
  io.stdout(
    `Importing orders for ${shop.domain} (import ${id}); safe to stop and resume with --resume ${id}.`,
  );
  const result = await runBackfill(db, id, await orderSourceFor(shop, { db }));
  io.stdout(
    `${result.status}: ${result.done}/${result.total} order(s) queued for transfer${result.error ? ` — ${result.error}` : ""}.`,
  );
  return result.status === "done" ? 0 : 1;
}

function backfillRange(values: { from?: string; to?: string; since?: string }): { from: Date; to: Date } {
  if (values.since !== undefined) {
    if (values.from !== undefined || values.to !== undefined)
      throw new UsageError("backfill takes either --since DATE or --from DATE --to DATE, not both");
    return { from: parseDate(values.since, "--since"), to: new Date() };
  }
  if (!values.from || !values.to)
    throw new UsageError("backfill needs --from DATE and --to DATE, or --since DATE (or --resume ID)");
  const to = parseDate(values.to, "--to");
  // A date-only --to means the whole day.
  if (/^\d{4}-\d{2}-\d{2}$/.test(values.to)) to.setUTCHours(23, 59, 59, 999);
  return { from: parseDate(values.from, "--from"), to };
}
