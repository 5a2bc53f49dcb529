import { env } from "../../app/config/env.server";
import { disconnectDatabase, prepareDatabase } from "../../app/db/prisma.server";
import { startWorker } from "../../server/start-worker";
import type { CliIo } from "../cli-io";

/** `ledger-bridge worker`: runs transfer workers without the web server, for scaling out. */
export async function runWorker(_args: string[], io: CliIo): Promise<number> {
  await prepareDatabase();
  const stop = startWorker(env().WORKER_CONCURRENCY);
  io.stdout("Transfer worker running; stop with Ctrl-C (jobs in flight finish first).");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await stop();
  await disconnectDatabase();
  return 0;
}
