import { currency } from "../../domain/money";
import type { LedgerRef, ProductSpec } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { fromDineroAmount } from "./dinero-amounts";
import type { DineroClient } from "./dinero-client";
import { equalsFilter } from "./dinero-query-filter";
import { buildProductBody, dineroAccountNumber } from "./dinero-requests";
import type { DineroProductItem } from "./dinero-schemas";
import { emptySchema, productCreatedSchema, productListSchema } from "./dinero-schemas";

/**
 * Products by SKU, kept in Dinero's "Varekode" (ProductNumber), which its list endpoint can
 * filter on. Dinero keeps product prices in DKK only; for other currencies the price is left
 * alone (0 on creation) — every invoice line carries its own price anyway.
 */

const DKK = currency("DKK");

export async function ensureDineroProduct(
  client: DineroClient,
  spec: ProductSpec,
  options: { update: boolean },
): Promise<LedgerRef> {
  const existing = await findBySku(client, spec.sku);
  if (existing) {
    if (options.update && differs(existing, spec)) {
      await client.call({
        method: "PUT",
        version: "v1",
        path: `/products/${existing.ProductGuid}`,
        body: buildProductBody(spec, existing),
        schema: emptySchema,
        operation: "update product",
      });
    }
    return { id: existing.ProductGuid, created: false };
  }
  try {
    const created = await client.call({
      method: "POST",
      version: "v1",
      path: "/products",
      body: buildProductBody(spec),
      schema: productCreatedSchema,
      operation: "create product",
    });
    return { id: created.ProductGuid, created: true };
  } catch (error) {
    // Products take no client Guid: after a lost answer, look before anyone creates a twin.
    if (error instanceof LedgerError && error.kind === "unavailable") {
      const recovered = await findBySku(client, spec.sku).catch(() => undefined);
      if (recovered) return { id: recovered.ProductGuid, created: true };
    }
    throw error;
  }
}

async function findBySku(client: DineroClient, sku: string): Promise<DineroProductItem | undefined> {
  const found = await client.call({
    method: "GET",
    version: "v1",
    path: "/products",
    query: {
      queryFilter: equalsFilter("ProductNumber", sku),
      fields: "ProductGuid,ProductNumber,Name,BaseAmountValue,AccountNumber,Unit,Comment,ExternalReference",
    },
    schema: productListSchema,
    operation: "find product",
  });
  // `eq` is case-insensitive in Dinero; SKUs are not.
  return found.Collection?.find((product) => product.ProductNumber === sku);
}

function differs(existing: DineroProductItem, spec: ProductSpec): boolean {
  const priceDiffers =
    spec.currency.toUpperCase() === "DKK" &&
    existing.BaseAmountValue != null &&
    fromDineroAmount(existing.BaseAmountValue, DKK) !== spec.unitNet;
  return (
    existing.Name !== spec.name ||
    existing.AccountNumber !== dineroAccountNumber(spec.account) ||
    priceDiffers
  );
}
