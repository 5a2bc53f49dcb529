import { auditText } from "../i18n/audit-text";
import type { Job, PrismaClient } from "@prisma/client";
import { loadShopSettings } from "../settings/settings-store";
import { prismaSettingsStorage } from "../shops/shop-settings-storage.server";
import type { SecretBox } from "../lib/secret-box.server";
import { sourceFor } from "../sources/source-registry";
import { appendAudit } from "./audit-log.server";
import { LedgerAdapterCache } from "./ledger-adapter-cache.server";
import { ledgerForShop } from "./ledger-connections.server";
import { classifyTransferError } from "./transfer/classify-transfer-error";
import { createDraftBuilder } from "./transfer/draft-builder.server";
import { createTransferHandler } from "./transfer/transfer-handler";
import { classifyPayoutError } from "./payouts/payout-errors";
import { createPayoutHandler } from "./payouts/payout-handler";
import { PAYOUT_JOB_KIND } from "./payouts/payout-jobs";
import { classifyProductError } from "./products/product-errors";
import { createProductHandler } from "./products/product-handler";
import { PRODUCT_JOB_KIND } from "./products/product-jobs";
import { transferOptionsFrom } from "./transfer/transfer-options";
import type { RateLimit } from "./rate-limiter.server";
import type { JobHandler, WorkerOptions } from "./worker.server";
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
  const ledgerFor = async (shopId: string) => {
    const settings = await settingsFor(shopId);
    return ledgerForShop(db, shopId, {
      choices: { emailInvoices: settings.transfer.email.enabled },
      cache: adapters,
      ...(options.box ? { box: options.box } : {}),
      ...(options.ledgerTimeoutMs ? { timeoutMs: options.ledgerTimeoutMs } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    });
  };
  const transfer = createTransferHandler({
    db,
    buildDraft: createDraftBuilder({ db, settingsFor }),
    optionsFor: async (shopId) => transferOptionsFrom(await settingsFor(shopId)),
    ledgerFor,
  });
  // Payouts run on the same queue, leases, request budget and audit as the transfers.
  const payout = createPayoutHandler({ settingsFor, ledgerFor });
  // Product sync (#18) too: its ensureProduct calls share the connection's request budget.
  const product = createProductHandler({ settingsFor, ledgerFor });
  const handlers: Record<string, JobHandler> = { [PAYOUT_JOB_KIND]: payout, [PRODUCT_JOB_KIND]: product };
  return new Worker({
    ...options,
    db,
    handler: (job, context) => (handlers[job.kind] ?? transfer)(job, context),
    onSettled: async (job) => {
      if (!(job.kind in handlers)) await writeBackStatus(db, job, options.box ? { box: options.box } : {});
      await options.onSettled?.(job);
    },
    classifyError: (error) =>
      classifyPayoutError(error) ?? classifyProductError(error) ?? classifyTransferError(error),
  });
}

/**
 * A source that can show our status on its orders (WooCommerce: the companion plugin reads it)
 * gets the settled job's outcome written back; what was written is audited here.
 */
async function writeBackStatus(db: PrismaClient, job: Job, options: { box?: SecretBox }): Promise<void> {
  const shop = await db.shop.findUnique({ where: { id: job.shopId }, select: { platform: true } });
  const writeBack = shop ? sourceFor(shop.platform).capabilities.statusWriteBack : null;
  if (!writeBack) return;
  const result = await writeBack.write(db, job, options);
  if (!("written" in result)) return;
  await appendAudit(db, {
    shopId: job.shopId,
    orderId: job.orderId,
    jobId: job.id,
    step: "writeBack",
    level: "info",
    ...auditText("audit.writeBack", {
      platform: shop?.platform === "woocommerce" ? "WooCommerce" : "Shopify",
      fields: result.written.map((m) => m.key).join(", "),
    }),
  });
}
