import type { PrismaClient, Shop } from "@prisma/client";
import type { OrderSource } from "../source-contract";
import { log } from "../../lib/log.server";
import type { SecretBox } from "../../lib/secret-box.server";
import { secretBox } from "../../lib/secrets.server";
import { loadShopSettings } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { SourceError, sourceError } from "../source-error";
import { wooOrderSource } from "./woocommerce-order-source";
import { ensureStoreWebhooks } from "./woo-webhooks.server";
import { findWooStore, recordStoreProblem, wooClientFor } from "./woo-store-repo.server";

export interface WooSourceOptions {
  box?: SecretBox;
  perPage?: number;
  timeoutMs?: number;
}

/**
 * A WooCommerce shop's orders for the reconciliation poll and the historical import. Each poll
 * round first checks the store's webhooks: WooCommerce disables a webhook after repeated failed
 * deliveries and never retries, so the poll turns it back on (and the poll itself catches what
 * was missed meanwhile).
 */
export async function wooOrderSourceForShop(
  db: PrismaClient,
  shop: Shop,
  options: WooSourceOptions = {},
): Promise<OrderSource> {
  const box = options.box ?? secretBox();
  const store = await findWooStore(db, shop.id);
  if (!store) {
    throw sourceError(
      "woocommerce",
      "unavailable",
      "sourceError.notConnected",
      {},
      {
        detail: `${shop.domain} has no WooCommerce connection`,
        retryable: false,
      },
    );
  }
  const client = await wooClientFor(
    db,
    box,
    store,
    options.timeoutMs ? { timeoutMs: options.timeoutMs } : {},
  );
  try {
    const check = await ensureStoreWebhooks(db, box, store, client);
    if (check.created + check.reactivated > 0) {
      log.info("woocommerce webhooks repaired", {
        shop: shop.domain,
        created: check.created,
        reactivated: check.reactivated,
      });
    }
  } catch (error) {
    if (error instanceof SourceError && error.kind === "authentication") {
      await recordStoreProblem(db, shop.id, { message: error.merchantMessage, needsReconnect: true });
      throw error;
    }
    // The poll below still catches up; the webhooks are checked again next round.
    log.warn("woocommerce webhook check failed", {
      shop: shop.domain,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  const settings = await loadShopSettings(prismaSettingsStorage(db), shop.id);
  return wooOrderSource(client, { settings, ...(options.perPage ? { perPage: options.perPage } : {}) });
}
