import { formatMinor } from "../../app/domain/money";
import { previewPayout } from "../../app/engine/payouts/payout-actions.server";
import { PAYOUT_LOOKBACK_MS } from "../../app/engine/payouts/payout-poll.server";
import { syncPayouts } from "../../app/engine/payouts/payout-sync.server";
import { listPayouts } from "../../app/engine/payouts/payout-view.server";
import { translate, type MessageKey } from "../../app/i18n/messages";
import { payoutSourceForShop } from "../../app/sources/shopify/shop-payout-source.server";
import type { CliIo } from "../cli-io";
import { flags, openDatabase, requireShop, table, UsageError } from "../cli-support";
import { parseDate } from "./reconcile";

const USAGE =
  "payouts preview PAYOUT_ID --shop S [--since DATE] | sync --shop S [--since DATE] [--until DATE] | list --shop S [--json]";

/**
 * `ledger-bridge payouts …`: Shopify Payments payouts through the same use cases as the Payouts
 * page — preview the entry before it is booked, queue new payouts, list them.
 */
export async function runPayouts(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "preview") return preview(rest, io);
  if (sub === "sync") return sync(rest, io);
  if (sub === "list") return list(rest, io);
  throw new UsageError(`Usage: ledger-bridge ${USAGE}`);
}

async function preview(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = flags(args, { shop: { type: "string" }, since: { type: "string" } });
  const payoutId = positionals[0];
  if (!payoutId) throw new UsageError(`Usage: ledger-bridge ${USAGE}`);
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const since = values.since ? parseDate(values.since, "--since") : new Date(Date.now() - PAYOUT_LOOKBACK_MS);
  const result = await previewPayout(db, shop.id, payoutId, {
    source: await payoutSourceForShop(shop),
    since,
  });
  if ("notFound" in result) {
    io.stderr(`No payout ${payoutId} issued since ${since.toISOString().slice(0, 10)} (try --since).`);
    return 1;
  }
  if (!result.ok) {
    io.stderr(translate("en", result.messageKey as MessageKey, result.params));
    return 1;
  }
  const { entry, payout } = result;
  const money = (minor: number) => formatMinor(minor, entry.currency);
  io.stdout(
    `Payout ${payout.id} of ${entry.date}, ${entry.currency}: ${result.booked ? `booked as voucher ${result.voucherNumber ?? "?"}` : "not booked yet"}`,
  );
  io.stdout(
    table(
      entry.lines.map((line) => ({
        line: line.role,
        account: line.account,
        debit: line.amount > 0 ? money(line.amount) : "",
        credit: line.amount < 0 ? money(-line.amount) : "",
        vat: line.vatCode ?? "none",
      })),
    ),
  );
  const debits = entry.lines.filter((l) => l.amount > 0).reduce((sum, l) => sum + l.amount, 0);
  io.stdout(`Total: debit ${money(debits)} = credit ${money(debits)}`);
  return 0;
}

async function sync(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, {
    shop: { type: "string" },
    since: { type: "string" },
    until: { type: "string" },
  });
  const since = values.since ? parseDate(values.since, "--since") : new Date(Date.now() - PAYOUT_LOOKBACK_MS);
  const until = values.until ? parseDate(values.until, "--until") : undefined;
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const result = await syncPayouts(db, shop, await payoutSourceForShop(shop), {
    since,
    ...(until ? { until } : {}),
    trigger: values.since ? "backfill" : "manual",
  });
  io.stdout(
    `Checked ${result.checked} payout(s) issued since ${since.toISOString().slice(0, 10)}; queued ${result.enqueued} new; ${result.pending} not paid yet.`,
  );
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { shop: { type: "string" }, json: { type: "boolean" } });
  const db = await openDatabase();
  const shop = await requireShop(db, values.shop);
  const payouts = await listPayouts(db, shop.id);
  if (values.json) {
    io.stdout(JSON.stringify(payouts, null, 2));
    return 0;
  }
  if (payouts.length === 0) {
    io.stdout("No payouts.");
    return 0;
  }
  io.stdout(
    table(
      payouts.map((p) => ({
        payout: p.payoutId,
        date: p.date,
        gross: `${formatMinor(p.gross, p.currency)} ${p.currency}`,
        fees: formatMinor(p.fees, p.currency),
        net: formatMinor(p.net, p.currency),
        orders: `${p.matchedOrders}/${p.orders}`,
        voucher: p.voucherNumber ?? "-",
        status: p.status,
      })),
    ),
  );
  return 0;
}
