import { resumeShop } from "../../app/engine/job-queue.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop } from "../cli-support";

/** `ledger-bridge pause --shop S [--reason TEXT]` */
export async function runPause(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" }, reason: { type: "string" } });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  await db.shop.update({
    where: { id: shop.id },
    data: { paused: true, pausedAt: new Date(), pausedReason: values.reason ?? "Paused by an operator" },
  });
  io.stdout(`Paused automatic transfer for ${shop.domain}; new events keep queuing.`);
  return 0;
}

/** `ledger-bridge resume --shop S` */
export async function runResume(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" } });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const { requeued } = await resumeShop(db, shop.id);
  io.stdout(`Resumed ${shop.domain}: ${requeued} failed transfer(s) re-queued ahead of the backlog.`);
  return 0;
}
