import os from "node:os";
import type { PrismaClient, Shop } from "@prisma/client";
import type { MerchantActor } from "../../app/transfers/merchant-actor";
import { markHandledManually, PARKED_STATUSES } from "../../app/transfers/parked-jobs.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

/** The operator, for the audit log: the OS user running the command. */
export function cliActor(): MerchantActor {
  let osUser: string;
  try {
    osUser = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the best we have.
    osUser = process.env.USER ?? process.env.LOGNAME ?? "unknown";
  }
  return { kind: "cli", osUser };
}

/** The jobs `--job` or `--order` names, of this shop only; for an order, those still parked. */
export async function selectedJobs(
  db: PrismaClient,
  shop: Shop,
  values: { order?: string | undefined; job?: string | undefined },
) {
  if (!values.order === !values.job) throw new UsageError("give exactly one of --order ID or --job ID");
  return db.job.findMany({
    where: values.job
      ? { shopId: shop.id, id: values.job }
      : { shopId: shop.id, orderId: values.order ?? "", status: { in: [...PARKED_STATUSES] } },
    orderBy: { seq: "asc" },
    select: { id: true, kind: true, orderId: true, orderName: true, status: true },
  });
}

/**
 * `ledger-bridge mark-handled --shop S (--order ID | --job ID)`: the order's documents that need
 * attention (or failed) were booked by hand; nothing is sent to the ledger. Exit 0 when at least
 * one was marked, 1 when there was nothing to mark.
 */
export async function runMarkHandled(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    order: { type: "string" },
    job: { type: "string" },
  });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const jobs = await selectedJobs(db, shop, values);
  const actor = cliActor();
  let marked = 0;
  for (const job of jobs) {
    const result = await markHandledManually(db, { shopId: shop.id, jobId: job.id, actor });
    const what = `${job.kind === "invoice" ? "invoice" : "credit note"} of ${job.orderName ?? job.orderId} (job ${job.id})`;
    if (result.outcome !== "handled") {
      io.stderr(`Not marked: the ${what} is ${job.status}, not waiting for attention.`);
      continue;
    }
    marked++;
    io.stdout(`Marked the ${what} as handled manually; nothing was sent to the ledger.`);
    if (result.parkedCreditNotes.length > 0) {
      io.stdout(
        `${result.parkedCreditNotes.length} credit note(s) of this order now need attention: book them by hand too (${result.parkedCreditNotes.join(", ")}).`,
      );
    }
  }
  if (jobs.length === 0) {
    io.stderr(
      `Nothing to mark: ${values.job ? `no job ${values.job}` : `no transfer of ${values.order} needs attention`} in ${shop.domain}.`,
    );
  }
  return marked > 0 ? 0 : 1;
}
