import type { LedgerAdapter, LedgerRef } from "../../ledgers/ledger-contract";
import { variantProductSpec } from "../../ledgers/variant-product-spec";
import type { ShopSettings } from "../../settings/settings-schema";
import { readingOrderData } from "../transfer/classify-transfer-error";
import type { JobHandler, JobOutcome } from "../worker.server";
import { ProductNotSyncableError } from "./product-errors";
import { readStoredVariant } from "./product-jobs";

export interface ProductDeps {
  settingsFor(shopId: string): Promise<ShopSettings>;
  ledgerFor(shopId: string): Promise<LedgerAdapter>;
}

/**
 * Puts one product version in the ledger. `ensureProduct` finds by SKU before it creates, so a
 * retry after a lost answer finds the product instead of creating a second; whether an existing
 * product's name and price follow the shop is the merchant's choice (products.updatePrices).
 */
export function createProductHandler(deps: ProductDeps): JobHandler {
  return async (job, context) => {
    const progress = context.progress as { product?: LedgerRef };
    if (progress.product) return done(progress.product);
    const variant = readingOrderData(() => readStoredVariant(job.sourceOrder));
    const settings = await deps.settingsFor(job.shopId);
    if (!settings.products.enabled)
      return {
        status: "skipped",
        reason: "Product sync is off",
        text: { key: "productSkip.off", params: {} },
      };
    const mapped = variantProductSpec(variant, settings);
    if (mapped.kind === "excluded")
      return {
        status: "skipped",
        reason: `${variant.name} is not among the products chosen for sync`,
        text: { key: "productSkip.excluded", params: { product: variant.name } },
      };
    if (mapped.kind === "noSku")
      throw new ProductNotSyncableError("productError.noSku", { product: variant.name });
    const ledger = await deps.ledgerFor(job.shopId);
    await context.holdLease();
    const product = await ledger.ensureProduct(mapped.spec, { update: settings.products.updatePrices });
    await context.saveProgress({ product });
    await context.audit(
      "product",
      "info",
      `${product.created ? "Created" : "Ensured"} ledger product ${mapped.spec.sku} (${mapped.spec.name})`,
      { productId: product.id, sku: mapped.spec.sku, unitNet: mapped.spec.unitNet },
    );
    return done(product);
  };
}

function done(product: LedgerRef): JobOutcome {
  return { status: "succeeded", documentId: product.id };
}
