import { env } from "../../app/config/env.server";
import { disconnectDatabase, prepareDatabase, prisma } from "../../app/db/prisma.server";
import { drainQueue } from "../../app/engine/drain-queue.server";
import { startWorker, workerOptionsFromEnv } from "../../server/start-worker";
import type { CliIo } from "../cli-io";
import { flags } from "../cli-support";

/**
 * `ledger-bridge worker [--until-idle]`: runs transfer workers without the web server, for
 * scaling out; with --until-idle it works the queue until nothing is left and exits (batch runs).
 */
export async function runWorker(args: string[], io: CliIo): Promise<number> {
  const { values } = flags(args, { "until-idle": { type: "boolean" } });
  await prepareDatabase();
  if (values["until-idle"]) {
    const { processed } = await drainQueue(prisma(), workerOptionsFromEnv());
    io.stdout(`Queue drained: ${processed} job(s) run.`);
    await disconnectDatabase();
    return 0;
  }
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
