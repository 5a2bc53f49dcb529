import { runBackfill, startBackfill } from "../../app/engine/backfill.server";
import { orderSourceForShop } from "../../app/sources/shopify/shop-order-source.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";
import { parseDate } from "./reconcile";

/** `ledger-bridge backfill --shop S --from DATE --to DATE` (or `--resume ID`) */
export async function runBackfillCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    resume: { type: "string" },
  });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  let id = values.resume;
  if (!id) {
    if (!values.from || !values.to)
      throw new UsageError("backfill needs --from DATE and --to DATE (or --resume ID)");
    const to = parseDate(values.to, "--to");
    // A date-only --to means the whole day.
    if (/^\d{4}-\d{2}-\d{2}$/.test(values.to)) to.setUTCHours(23, 59, 59, 999);
    try {
      id = (await startBackfill(db, shop.id, { from: parseDate(values.from, "--from"), to })).id;
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  }
  io.stdout(
    `Importing orders for ${shop.domain} (import ${id}); safe to stop and resume with --resume ${id}.`,
  );
  const result = await runBackfill(db, id, await orderSourceForShop(shop));
  io.stdout(
    `${result.status}: ${result.done}/${result.total} order(s) queued for transfer${result.error ? ` — ${result.error}` : ""}.`,
  );
  return result.status === "done" ? 0 : 1;
}
