import { retryTransfers } from "../../app/transfers/retry-transfers.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";
import { cliActor, selectedJobs } from "./mark-handled";

/**
 * `ledger-bridge retry --shop S (--order ID | --job ID | --all-failed)`: failed and
 * needs-attention transfers back to the queue, through the same use case as the app's Retry
 * (attempts reset, an audit entry naming the operator).
 */
export async function runRetry(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    order: { type: "string" },
    job: { type: "string" },
    "all-failed": { type: "boolean" },
  });
  const given = [values.order, values.job, values["all-failed"]].filter(Boolean).length;
  if (given !== 1) throw new UsageError("give exactly one of --order ID, --job ID or --all-failed");
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const which = values["all-failed"]
    ? ("allFailed" as const)
    : (await selectedJobs(db, shop, values)).map((job) => job.id);
  const { jobIds } = await retryTransfers(db, shop.id, which, cliActor());
  io.stdout(`Re-queued ${jobIds.length} failed or parked transfer(s) of ${shop.domain}.`);
  return jobIds.length === 0 && !values["all-failed"] ? 1 : 0;
}
