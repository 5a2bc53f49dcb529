import type { PrismaClient, Shop } from "@prisma/client";
import { isDraftError } from "../../app/domain/draft-errors";
import { previewDocument, resolveSettings } from "../../app/domain/preview";
import { requestManualTransfer } from "../../app/engine/manual-transfer.server";
import { mapSourceOrder } from "../../app/sources/map-source";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
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
  const orderId = parseOrderId(shop, values.order);
  const source = values.file ? await checkedOrderFile(db, io, shop, orderId, values.file) : undefined;
  const result = await requestManualTransfer(db, shop, orderId, source);
  switch (result.outcome) {
    case "queued":
    case "requeued":
      io.stdout(`Queued the transfer of ${orderId} (job ${result.jobId}); a running worker picks it up.`);
      return 0;
    case "inProgress":
      io.stdout(`${orderId} is already queued or running (job ${result.jobId}).`);
      return 0;
    case "alreadyTransferred":
      io.stdout(
        `${orderId} is already transferred${result.documentNumber ? ` as invoice ${result.documentNumber}` : ""}.`,
      );
      return 0;
    case "handledManually":
      io.stdout(`${values.order} was marked as handled manually; it is not transferred.`);
      return 0;
    case "unknownOrder":
      io.stderr(
        `No order ${orderId} has been received for ${shop.domain}; pass its JSON with --file ORDER.json.`,
      );
      return 1;
  }
}

/**
 * The order id as the shop's jobs are keyed: a Shopify order GID (a bare number is the same
 * order) or a WooCommerce order number. Anything else is refused before the database is asked.
 */
function parseOrderId(shop: Shop, given: string): string {
  if (shop.platform === "shopify") {
    const match = /^(?:gid:\/\/shopify\/Order\/)?([1-9]\d{0,19})$/.exec(given);
    if (match) return `gid://shopify/Order/${match[1]}`;
    throw new UsageError(
      `--order: "${printable(given)}" is not a Shopify order id (gid://shopify/Order/123)`,
    );
  }
  if (/^[1-9]\d{0,19}$/.test(given)) return given;
  throw new UsageError(`--order: "${printable(given)}" is not a WooCommerce order id (a number)`);
}

/**
 * `--file` is checked exactly as `ledger-bridge preview` checks an order — parsed, mapped and
 * built into an invoice with the shop's settings — so a file the worker could never book is
 * refused here (exit 2, one line naming the field) and nothing is stored. It must also be the
 * order `--order` names: a file of another order would be booked under this order's identity.
 */
async function checkedOrderFile(
  db: PrismaClient,
  io: CliIo,
  shop: Shop,
  orderId: string,
  path: string,
): Promise<string> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--file ${path}: cannot read the file${code ? ` (${code})` : ""}`);
  }
  let parsed: unknown;
  try {
    // Big Shopify ids beyond 2^53 stay exact as strings, as in preview and the worker.
    parsed = parseJsonSafely(text);
  } catch (error) {
    throw new UsageError(
      `--file ${path}: not valid JSON (${oneLine(error instanceof Error ? error.message : String(error))})`,
    );
  }
  const stored = await db.shopSettings.findUnique({ where: { shopId: shop.id } });
  try {
    const settings = resolveSettings(stored?.settings);
    const order = mapSourceOrder(shop.platform, parsed, settings);
    if (order.id !== orderId) {
      throw new UsageError(`--file ${path}: the file is order ${order.id}, not --order ${orderId}`);
    }
    previewDocument({ source: shop.platform, order: parsed, settings: stored?.settings, shop: shop.domain });
  } catch (error) {
    if (isDraftError(error)) throw new UsageError(`--file ${path}: ${oneLine(error.message)}`);
    throw error;
  }
  return text;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** An operator's typo may hold anything; the error line shows it without control characters. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
