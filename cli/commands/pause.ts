import { pauseTransfers, resumeTransfers } from "../../app/transfers/retry-transfers.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop } from "../cli-support";
import { cliActor } from "./mark-handled";

/**
 * `ledger-bridge pause --shop S [--reason TEXT]`: the same use case as the app's, so the pause
 * is in the shop's audit with the operator's name.
 */
export async function runPause(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" }, reason: { type: "string" } });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  await pauseTransfers(db, shop.id, values.reason ?? "Paused by an operator", cliActor());
  io.stdout(`Paused automatic transfer for ${shop.domain}; new events keep queuing.`);
  return 0;
}

/** `ledger-bridge resume --shop S`: as the app's Resume, with the operator in the audit. */
export async function runResume(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" } });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const { requeued } = await resumeTransfers(db, shop.id, cliActor());
  io.stdout(`Resumed ${shop.domain}: ${requeued} failed transfer(s) re-queued ahead of the backlog.`);
  return 0;
}
