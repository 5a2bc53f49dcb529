import { env } from "../app/config/env.server";
import { prisma } from "../app/db/prisma.server";
import { DEFAULT_BACKOFF } from "../app/engine/backoff";
import type { TransferWorkerOptions } from "../app/engine/transfer-engine.server";
import { createTransferWorker } from "../app/engine/transfer-engine.server";
import { startReconciliation } from "../app/engine/reconcile-scheduler.server";
import { registerWorker } from "../app/engine/worker-registry.server";
import { orderSourceFor } from "../app/sources/order-source-for.server";
import { storedPayoutScope } from "../app/auth/payout-scope.server";
import { startPayoutPolling } from "../app/engine/payouts/payout-poll.server";
import { payoutSourceForShop } from "../app/sources/shopify/shop-payout-source.server";
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
    writeMarginMs: config.WORKER_WRITE_MARGIN_MS,
    backoff: {
      ...DEFAULT_BACKOFF,
      baseMs: config.WORKER_RETRY_BASE_MS,
      maxMs: Math.max(config.WORKER_RETRY_BASE_MS, config.WORKER_RETRY_MAX_MS),
    },
    ...(perMinute ? { rateLimit: { perMinute, burst: Math.max(1, Math.ceil(perMinute / 10)) } } : {}),
  };
}

export function startWorker(concurrency: number): () => Promise<void> {
  const config = env();
  const worker = createTransferWorker(prisma(), { ...workerOptionsFromEnv(), concurrency });
  const unregister = registerWorker(worker);
  worker.start();
  // The daily reconciliation covers every platform. A WooCommerce store is included on purpose,
  // as a safety net rather than a second schedule: its 15-minute poll below moves the same
  // `lastReconciledAt`, so the daily round only finds a store due when the poll has not managed to
  // read it for a whole day (then it tries once more, from where the last success left off).
  // Both claim a shop by moving `lastReconciledAt` conditionally, so they never read one store at
  // the same time, and jobs are keyed on shop + order + document: nothing is queued twice.
  // Shopify's shops need a way to read their orders: Shopify, or in local mode the demo's
  // simulator; without one, only the WooCommerce stores are reconciled.
  const shopifyReadable = config.mode === "shopify" || Boolean(config.SHOPIFY_ADMIN_BASE_URL);
  const stopReconciliation = startReconciliation(
    prisma(),
    orderSourceFor,
    undefined,
    shopifyReadable ? {} : { platforms: ["woocommerce"] },
  );
  // WooCommerce never retries a failed delivery: its stores are polled every 15 minutes.
  const stopWooPolling = startReconciliation(prisma(), orderSourceFor, 5 * 60 * 1000, {
    platforms: ["woocommerce"],
    everyMs: 15 * 60 * 1000,
  });
  // Shopify Payments payouts of the shops that turned them on, on the same terms as the daily round.
  // In Shopify mode a shop reads payouts only once it granted their optional scope.
  const stopPayoutPolling = shopifyReadable
    ? startPayoutPolling(
        prisma(),
        payoutSourceForShop,
        undefined,
        config.mode === "shopify" ? { hasScope: (shop) => storedPayoutScope(prisma(), shop) } : {},
      )
    : () => {};
  log.info("transfer worker started", { workerId: worker.workerId, concurrency });
  return async () => {
    unregister();
    stopReconciliation();
    stopWooPolling();
    stopPayoutPolling();
    await worker.stop();
  };
}
