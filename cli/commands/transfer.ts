import { requestManualTransfer } from "../../app/engine/manual-transfer.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, UsageError } from "../cli-support";

/** `ledger-bridge transfer --shop S --order ID [--file ORDER.json]` */
export async function runTransfer(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    order: { type: "string" },
    file: { type: "string" },
  });
  if (!values.order) throw new UsageError("--order is required (the order id, e.g. gid://shopify/Order/123)");
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const source = values.file ? await io.readFile(values.file) : undefined;
  const result = await requestManualTransfer(db, shop, values.order, source);
  switch (result.outcome) {
    case "queued":
    case "requeued":
      io.stdout(
        `Queued the transfer of ${values.order} (job ${result.jobId}); a running worker picks it up.`,
      );
      return 0;
    case "inProgress":
      io.stdout(`${values.order} is already queued or running (job ${result.jobId}).`);
      return 0;
    case "alreadyTransferred":
      io.stdout(
        `${values.order} is already transferred${result.documentNumber ? ` as invoice ${result.documentNumber}` : ""}.`,
      );
      return 0;
    case "handledManually":
      io.stdout(`${values.order} was marked as handled manually; it is not transferred.`);
      return 0;
    case "unknownOrder":
      io.stderr(
        `No order ${values.order} has been received for ${shop.domain}; pass its JSON with --file ORDER.json.`,
      );
      return 1;
  }
}
