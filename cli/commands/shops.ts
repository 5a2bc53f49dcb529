import { PAYOUT_JOB_KIND } from "../../app/engine/payouts/payout-jobs";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, table, UsageError } from "../cli-support";

/** `ledger-bridge shops list [--json]` */
export async function runShops(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = flags(args, { json: { type: "boolean" } });
  if (positionals[0] !== "list") throw new UsageError("usage: ledger-bridge shops list [--json]");
  const db = await openDatabase();
  const shops = await db.shop.findMany({ orderBy: { domain: "asc" }, include: { connection: true } });
  // Transfers only: payout jobs share the queue but are no order's transfer.
  const counts = await db.job.groupBy({
    by: ["shopId", "status"],
    where: { kind: { not: PAYOUT_JOB_KIND } },
    _count: true,
  });
  const rows = shops.map((shop) => {
    const of = (status: string) =>
      counts.find((c) => c.shopId === shop.id && c.status === status)?._count ?? 0;
    return {
      domain: shop.domain,
      platform: shop.platform,
      state: shop.uninstalledAt ? "uninstalled" : shop.paused ? "paused" : "active",
      ledger: shop.connection?.provider ?? "-",
      transferred: of("succeeded"),
      queued: of("queued") + of("waiting") + of("running"),
      failed: of("failed"),
    };
  });
  io.stdout(values.json ? JSON.stringify(rows, null, 2) : table(rows));
  return 0;
}
