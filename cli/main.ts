import { ConfigError } from "../app/config/env.server";
import { DatabaseInUseError } from "../app/db/pglite-lock.server";
import type { CliIo } from "./cli-io";
import { processIo } from "./cli-io";
import { UsageError } from "./usage-error";

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded lazily so `preview` never touches the database or the server code.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  start: {
    summary: "start [--dev]            run the app (builds first when needed)",
    load: async () => (await import("./commands/start")).runStart,
  },
  migrate: {
    summary: "migrate                  apply database migrations",
    load: async () => (await import("./commands/migrate")).runMigrate,
  },
  shops: {
    summary: "shops list [--json]",
    load: async () => (await import("./commands/shops")).runShops,
  },
  settings: {
    summary: "settings get|set --shop S [--file F]",
    load: async () => (await import("./commands/settings")).runSettings,
  },
  status: {
    summary: "status --shop S [--order ID] [--json]",
    load: async () => (await import("./commands/status")).runStatus,
  },
  retry: {
    summary: "retry --shop S (--order ID | --job ID | --all-failed)",
    load: async () => (await import("./commands/retry")).runRetry,
  },
  "mark-handled": {
    summary: "mark-handled --shop S (--order ID | --job ID)   booked by hand: never sent to the ledger",
    load: async () => (await import("./commands/mark-handled")).runMarkHandled,
  },
  transfer: {
    summary: "transfer --shop S --order ID [--file ORDER.json]",
    load: async () => (await import("./commands/transfer")).runTransfer,
  },
  reconcile: {
    summary: "reconcile --shop S [--since DATE]",
    load: async () => (await import("./commands/reconcile")).runReconcile,
  },
  backfill: {
    summary: "backfill --shop S (--from DATE --to DATE | --since DATE | --resume ID)",
    load: async () => (await import("./commands/backfill")).runBackfillCommand,
  },
  payouts: {
    summary:
      "payouts preview PAYOUT_ID --shop S [--since DATE] | sync --shop S [--since DATE] [--until DATE] | list --shop S",
    load: async () => (await import("./commands/payouts")).runPayouts,
  },
  worker: {
    summary: "worker [--until-idle]    run transfer workers without the web server",
    load: async () => (await import("./commands/worker")).runWorker,
  },
  pause: {
    summary: "pause --shop S [--reason TEXT]",
    load: async () => (await import("./commands/pause")).runPause,
  },
  resume: { summary: "resume --shop S", load: async () => (await import("./commands/pause")).runResume },
  connect: {
    summary:
      "connect --shop S --provider P (--credentials-file F | --demo) [--organisation ID]   connect a ledger",
    load: async () => (await import("./commands/connect")).runConnect,
  },
  woocommerce: {
    summary: "woocommerce connect --url U --key K --secret S | poll --url U   a WooCommerce store",
    load: async () => (await import("./commands/woocommerce")).runWooCommerce,
  },
  preview: {
    summary:
      "preview --source shopify|woocommerce --order ORDER.json [--refund REFUND.json] [--settings SETTINGS.json]",
    load: async () => (await import("./commands/preview")).runPreview,
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(
      `${name && name !== "help" && name !== "--help" ? `Unknown command "${name}".\n` : ""}Usage: ledger-bridge <command>\n\n${Object.values(
        COMMANDS,
      )
        .map((c) => `  ledger-bridge ${c.summary}`)
        .join("\n")}`,
    );
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  try {
    return await (
      await command.load()
    )(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(error.message);
      return 78; // EX_CONFIG: the operator must fix the environment.
    }
    if (error instanceof DatabaseInUseError) {
      io.stderr(error.message);
      return 75; // EX_TEMPFAIL: works once the other process has stopped.
    }
    throw error;
  }
}
