import { env } from "../app/config/env.server";
import { prisma } from "../app/db/prisma.server";
import { createTransferWorker } from "../app/engine/transfer-engine.server";
import { registerWorker } from "../app/engine/worker-registry.server";
import { log } from "../app/lib/log.server";

/** Starts a transfer worker in this process; returns a function that stops it gracefully. */
export function startWorker(concurrency: number): () => Promise<void> {
  const config = env();
  const perMinute = config.LEDGER_REQUESTS_PER_MINUTE;
  const worker = createTransferWorker(prisma(), {
    concurrency,
    leaseMs: config.WORKER_LEASE_MS,
    pollMs: config.WORKER_POLL_MS,
    ...(perMinute ? { rateLimit: { perMinute, burst: Math.max(1, Math.ceil(perMinute / 10)) } } : {}),
  });
  const unregister = registerWorker(worker);
  worker.start();
  log.info("transfer worker started", { workerId: worker.workerId, concurrency });
  return async () => {
    unregister();
    await worker.stop();
  };
}
