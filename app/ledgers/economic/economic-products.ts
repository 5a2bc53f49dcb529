import { createHash } from "node:crypto";
import type { DraftLine } from "../../domain/invoice-draft";
import type { LedgerRef, ProductSpec } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { GENERIC_PRODUCT_NAMES, genericProductSpec } from "../line-product-spec";
import { toEconomicAmount } from "./economic-amounts";
import type { EconomicClient } from "./economic-client";
import { PROVIDER } from "./economic-errors";
import type { EconomicLookups } from "./economic-settings";
import { encodeProductNumber } from "./economic-product-number";
import { idempotencyKey } from "./economic-request-keys";
import { type EconomicProduct, productSchema } from "./economic-schemas";
import { clipText } from "../ledger-text";

/**
 * Products by SKU. Every priced invoice line in e-conomic needs a product, and the product's
 * group decides the sales account (and so the VAT) per zone — so lines without a SKU (shipping,
 * discounts, fees, gift cards, rounding) get a service product per kind and account.
 */

const MAX_PRODUCT_NUMBER = 25;

/** The SKU as product number; longer SKUs are shortened with a digest so they stay unique. */
export function productNumberForSku(sku: string): string {
  const trimmed = sku.trim();
  if (trimmed.length <= MAX_PRODUCT_NUMBER) return trimmed;
  const digest = createHash("sha256").update(trimmed).digest("hex").slice(0, 8);
  return `${clipText(trimmed, MAX_PRODUCT_NUMBER - 9)}-${digest}`;
}

export function serviceProductSpec(line: DraftLine, currency: string): ProductSpec {
  return genericProductSpec(line, currency, {
    sku: clipText(`LB-${line.kind.toUpperCase()}-${line.account}`, MAX_PRODUCT_NUMBER),
    name: GENERIC_PRODUCT_NAMES[line.kind],
  });
}

export async function ensureProduct(
  client: EconomicClient,
  lookups: EconomicLookups,
  spec: ProductSpec,
  options: { update: boolean },
): Promise<LedgerRef> {
  const productNumber = productNumberForSku(spec.sku);
  const path = `/products/${encodeProductNumber(productNumber)}`;
  const existing = await client.find(
    { method: "GET", path, operation: `look up product ${productNumber}` },
    productSchema,
  );
  if (existing) {
    assertNotBarred(existing);
    if (options.update) await updateProduct(client, lookups, existing, spec, path);
    return { id: existing.productNumber, created: false };
  }

  const body = {
    productNumber,
    name: clipText(spec.name, 300) || productNumber,
    productGroup: { productGroupNumber: await lookups.productGroupFor(spec.account, spec.vatTreatment) },
    ...(await salesPrice(lookups, spec)),
  };
  try {
    const created = await client.request(
      {
        method: "POST",
        path: "/products",
        body,
        idempotencyKey: idempotencyKey("product", productNumber, body),
        operation: `create product ${productNumber}`,
      },
      productSchema,
    );
    return { id: created.productNumber, created: true };
  } catch (error) {
    // Another transfer created it between our look-up and create: use theirs.
    if (!(error instanceof LedgerError) || error.kind !== "conflict") throw error;
    const raced = await client.find(
      { method: "GET", path, operation: `look up product ${productNumber}` },
      productSchema,
    );
    if (!raced) throw error;
    return { id: raced.productNumber, created: false };
  }
}

/** PUT replaces the whole product, so the entity is sent back as read with the changed fields. */
async function updateProduct(
  client: EconomicClient,
  lookups: EconomicLookups,
  existing: EconomicProduct,
  spec: ProductSpec,
  path: string,
) {
  const price = await salesPrice(lookups, spec);
  const name = clipText(spec.name, 300) || existing.name;
  if (existing.name === name && (price.salesPrice === undefined || existing.salesPrice === price.salesPrice))
    return;
  const body = { ...existing, name, ...price };
  await client.request(
    {
      method: "PUT",
      path,
      body,
      idempotencyKey: idempotencyKey("product-update", existing.productNumber, body),
      operation: `update product ${existing.productNumber}`,
    },
    productSchema,
  );
}

/** `salesPrice` is in the agreement's base currency; a foreign-currency price is left to the invoice line. */
async function salesPrice(
  lookups: EconomicLookups,
  spec: { unitNet: number; currency: string },
): Promise<{ salesPrice?: number }> {
  if (spec.unitNet === 0 || spec.currency.toUpperCase() !== (await lookups.baseCurrency()).toUpperCase())
    return {};
  return { salesPrice: toEconomicAmount(spec.unitNet, spec.currency) };
}

function assertNotBarred(product: EconomicProduct): void {
  if (!product.barred) return;
  throw new LedgerError({
    provider: PROVIDER,
    kind: "validation",
    detail: `product ${product.productNumber} is barred`,
    messageKey: "ledgerError.economic.productBarred",
    params: { number: product.productNumber },
  });
}
