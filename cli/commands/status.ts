import { auditTrail } from "../../app/engine/audit-log.server";
import { PAYOUT_JOB_KIND } from "../../app/engine/payouts/payout-jobs";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, table } from "../cli-support";

/** `ledger-bridge status --shop S [--order ID] [--json]` */
export async function runStatus(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    order: { type: "string" },
    json: { type: "boolean" },
  });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const jobs = await db.job.findMany({
    where: { shopId: shop.id, ...(values.order ? { orderId: values.order } : {}) },
    orderBy: { seq: "asc" },
    take: values.order ? undefined : 50,
  });
  // Payout jobs share the queue; they are listed apart, as payouts, never as an order's transfer.
  const payouts = jobs
    .filter((job) => job.kind === PAYOUT_JOB_KIND)
    .map((job) => ({
      payout: job.businessKey.slice("payout:".length),
      status: job.status,
      voucher: job.documentNumber ?? job.documentId ?? "",
      attempts: job.attempts,
      message: (job.lastError as { message?: string } | null)?.message ?? "",
    }));
  const rows = jobs
    .filter((job) => job.kind !== PAYOUT_JOB_KIND)
    .map((job) => ({
      order: job.orderName ?? job.orderId,
      document: job.kind,
      status: job.status,
      number: job.documentNumber ?? "",
      attempts: job.attempts,
      message: (job.lastError as { message?: string } | null)?.message ?? "",
    }));
  const audit = values.order ? await auditTrail(db, shop.id, values.order) : [];
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          shop: shop.domain,
          paused: shop.paused,
          pausedReason: shop.pausedReason,
          transfers: rows,
          ...(payouts.length > 0 ? { payouts } : {}),
          ...(values.order
            ? {
                audit: audit.map((a) => ({
                  at: a.at.toISOString(),
                  step: a.step,
                  level: a.level,
                  message: a.message,
                })),
              }
            : {}),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.stdout(`${shop.domain}: ${shop.paused ? `PAUSED — ${shop.pausedReason ?? ""}` : "active"}`);
  io.stdout(table(rows));
  if (payouts.length > 0) {
    io.stdout("\nPayouts:");
    io.stdout(table(payouts));
  }
  if (values.order) {
    io.stdout("\nAudit log:");
    io.stdout(
      table(audit.map((a) => ({ at: a.at.toISOString(), step: a.step, level: a.level, message: a.message }))),
    );
  }
  return 0;
}
