import { env } from "../app/config/env.server";
import { prisma } from "../app/db/prisma.server";
import type { TransferWorkerOptions } from "../app/engine/transfer-engine.server";
import { createTransferWorker } from "../app/engine/transfer-engine.server";
import { startReconciliation } from "../app/engine/reconcile-scheduler.server";
import { registerWorker } from "../app/engine/worker-registry.server";
import { orderSourceForShop } from "../app/sources/shopify/shop-order-source.server";
import { wooOrderSourceForShop } from "../app/sources/woocommerce/store-order-source.server";
import { log } from "../app/lib/log.server";

/** Starts a transfer worker in this process; returns a function that stops it gracefully. */
/** The worker settings from the environment (lease, poll interval, request budget). */
export function workerOptionsFromEnv(): TransferWorkerOptions {
  const config = env();
  const perMinute = config.LEDGER_REQUESTS_PER_MINUTE;
  return {
    concurrency: config.WORKER_CONCURRENCY,
    leaseMs: config.WORKER_LEASE_MS,
    pollMs: config.WORKER_POLL_MS,
    ...(perMinute ? { rateLimit: { perMinute, burst: Math.max(1, Math.ceil(perMinute / 10)) } } : {}),
  };
}

export function startWorker(concurrency: number): () => Promise<void> {
  const config = env();
  const worker = createTransferWorker(prisma(), { ...workerOptionsFromEnv(), concurrency });
  const unregister = registerWorker(worker);
  worker.start();
  // Daily reconciliation needs a way to read the shops' orders: Shopify, or the demo's simulator.
  const stopReconciliation =
    !config.localMode || config.SHOPIFY_ADMIN_BASE_URL
      ? startReconciliation(prisma(), orderSourceForShop, undefined, { platforms: ["shopify"] })
      : undefined;
  // WooCommerce never retries a failed delivery: its stores are polled every 15 minutes.
  const stopWooPolling = startReconciliation(
    prisma(),
    (shop) => wooOrderSourceForShop(prisma(), shop),
    5 * 60 * 1000,
    { platforms: ["woocommerce"], everyMs: 15 * 60 * 1000 },
  );
  log.info("transfer worker started", { workerId: worker.workerId, concurrency });
  return async () => {
    unregister();
    stopReconciliation?.();
    stopWooPolling();
    await worker.stop();
  };
}
