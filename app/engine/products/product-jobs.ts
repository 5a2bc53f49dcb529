import type { ShopVariant } from "../../ledgers/variant-product-spec";

/** Product-sync jobs share the Job table with the transfers, under a kind of their own (#18). */
export const PRODUCT_JOB_KIND = "product";

/**
 * One job per variant and product version: a redelivered webhook, or a full sync finding a
 * product already synced at that version, books nothing new.
 */
export function productBusinessKey(variantId: string, version: string): string {
  return `product:${variantId}:${version}`;
}

/**
 * The variant's identity in the Job's order columns, so the queue's per-order rule runs a
 * product's versions in order and never ties them to an order's invoice.
 */
export function productJobOrderId(variantId: string): string {
  return `product:${variantId}`;
}

/** The variant as stored on its job (sourceOrder holds the source document of every job). */
export function readStoredVariant(text: string): ShopVariant {
  const value = JSON.parse(text) as ShopVariant;
  if (typeof value !== "object" || value === null || typeof value.variantId !== "string")
    throw new SyntaxError("not a stored product variant");
  return value;
}
