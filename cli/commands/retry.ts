import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

/** `ledger-bridge retry --shop S (--order ID | --all-failed)` */
export async function runRetry(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    order: { type: "string" },
    "all-failed": { type: "boolean" },
  });
  if (!values.order === !values["all-failed"])
    throw new UsageError("give exactly one of --order ID or --all-failed");
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  // Failed jobs (of a paused shop) and parked ones (needing attention) alike, with fresh counts.
  const { count } = await db.job.updateMany({
    where: {
      shopId: shop.id,
      status: { in: ["failed", "needsAttention"] },
      ...(values.order ? { orderId: values.order } : {}),
    },
    data: {
      status: "queued",
      runAfter: new Date(),
      finishedAt: null,
      trigger: "manual",
      attempts: 0,
      leaseLosses: 0,
    },
  });
  io.stdout(`Re-queued ${count} failed or parked transfer(s) of ${shop.domain}.`);
  return count === 0 && values.order ? 1 : 0;
}
