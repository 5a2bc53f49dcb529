import type { PrismaClient } from "@prisma/client";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import type { SecretBox } from "../lib/secret-box.server";
import { writeBackWooStatus } from "../sources/woocommerce/status-write-back.server";
import { LedgerAdapterCache } from "./ledger-adapter-cache.server";
import { ledgerForShop } from "./ledger-connections.server";
import { classifyTransferError } from "./transfer/classify-transfer-error";
import { createDraftBuilder } from "./transfer/draft-builder.server";
import { createTransferHandler } from "./transfer/transfer-handler";
import { transferOptionsFrom } from "./transfer/transfer-options";
import type { RateLimit } from "./rate-limiter.server";
import type { WorkerOptions } from "./worker.server";
import { Worker } from "./worker.server";

/**
 * The transfer engine assembled: the durable queue's worker, running the transfer handler with
 * the accounting core, the shop's settings and its ledger connection.
 */
export type TransferWorkerOptions = Omit<WorkerOptions, "db" | "handler" | "classifyError"> & {
  box?: SecretBox;
  ledgerTimeoutMs?: number;
  /** Overrides every connection's request budget (simulators in tests and benchmarks). */
  rateLimit?: RateLimit;
};

export function createTransferWorker(db: PrismaClient, options: TransferWorkerOptions = {}): Worker {
  const storage = prismaSettingsStorage(db);
  const settingsFor = (shopId: string) => loadShopSettings(storage, shopId);
  const adapters = new LedgerAdapterCache();
  const handler = createTransferHandler({
    db,
    buildDraft: createDraftBuilder({ db, settingsFor }),
    optionsFor: async (shopId) => transferOptionsFrom(await settingsFor(shopId)),
    ledgerFor: async (shopId) => {
      const settings = await settingsFor(shopId);
      return ledgerForShop(db, shopId, {
        choices: { emailInvoices: settings.transfer.email.enabled },
        cache: adapters,
        ...(options.box ? { box: options.box } : {}),
        ...(options.ledgerTimeoutMs ? { timeoutMs: options.ledgerTimeoutMs } : {}),
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      });
    },
  });
  return new Worker({
    ...options,
    db,
    handler,
    // WooCommerce orders show their transfer status in the store (the companion plugin reads it).
    onSettled: async (job) => {
      await writeBackWooStatus(db, job.id, options.box ? { box: options.box } : {});
      await options.onSettled?.(job);
    },
    classifyError: classifyTransferError,
  });
}
