import type { LedgerRef, ProductSpec } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { isKnownCurrency, currency } from "../../domain/money";
import { toDynaccountAmount } from "./dynaccount-amounts";
import type { DynaccountFields } from "./dynaccount-client";
import type { DynaccountContext } from "./dynaccount-context";
import { accountRowSchema, productRowSchema, readRows } from "./dynaccount-schemas";
import { dynaccountVatCode } from "./dynaccount-vat";

/**
 * Products are keyed by their product number (`product_id_`) = the shop SKU, which is also what
 * order lines reference; so the SKU is the id we hand back. Product prices live in the company's
 * base currency (DKK); other currencies only travel on the order lines.
 */

const LOOKUP = "look up the product in Dynaccount";
const SAVE = "save the product in Dynaccount";

export async function ensureDynaccountProduct(
  context: DynaccountContext,
  product: ProductSpec,
  options: { update: boolean },
): Promise<LedgerRef> {
  const existing = await findProduct(context, product.sku);
  if (existing) {
    if (options.update) {
      await context.client.put("product", existing, await productFields(context, product), SAVE);
    }
    return { id: product.sku, created: false };
  }
  try {
    await context.client.put(
      "product",
      undefined,
      { product_id_: product.sku, ...(await productFields(context, product)) },
      SAVE,
    );
    return { id: product.sku, created: true };
  } catch (error) {
    // Created meanwhile by a parallel transfer: that is the product we want.
    if (LedgerError.is(error) && error.kind === "conflict" && (await findProduct(context, product.sku))) {
      return { id: product.sku, created: false };
    }
    throw error;
  }
}

export async function readDynaccountStock(
  context: DynaccountContext,
  skus: string[],
): Promise<Map<string, number>> {
  const stock = new Map<string, number>();
  for (const sku of new Set(skus)) {
    const rows = await context.client.get(
      "product",
      { where: { product_id_: sku }, select: ["id", "product_id_", "in_stock", "is_stocked"], limit: [0, 1] },
      "read stock from Dynaccount",
    );
    const row = readRows(productRowSchema, rows, "read stock from Dynaccount")[0];
    // Services and other non-stocked products have no stock to report.
    if (row && row.is_stocked === "YES") stock.set(sku, Number(row.in_stock ?? 0));
  }
  return stock;
}

async function findProduct(context: DynaccountContext, sku: string): Promise<string | undefined> {
  const rows = await context.client.get(
    "product",
    { where: { product_id_: sku }, select: ["id", "product_id_"], limit: [0, 1] },
    LOOKUP,
  );
  return readRows(productRowSchema, rows, LOOKUP)[0]?.id;
}

/**
 * A product's account is its sales account, and Dynaccount takes only a result (OPERATING)
 * account there. A line on a balance account — a gift card sold, booked on the gift-card
 * liability — still gets its product (the SKU is the shop's), without an account: the document
 * line names the account itself (see dynaccount-requests).
 */
async function productFields(context: DynaccountContext, product: ProductSpec): Promise<DynaccountFields> {
  const inBaseCurrency = isKnownCurrency(product.currency) && currency(product.currency) === "DKK";
  return {
    name: product.name,
    vatcode_name: dynaccountVatCode(product),
    ...((await isSalesAccount(context, product.account)) ? { account_id_: product.account } : {}),
    ...(inBaseCurrency ? { price: toDynaccountAmount(product.unitNet, currency("DKK")) } : {}),
  };
}

async function isSalesAccount(context: DynaccountContext, account: string): Promise<boolean> {
  const known = context.cache.salesAccounts?.get(account);
  if (known !== undefined) return known;
  const operation = "look up the product's account in Dynaccount";
  const rows = await context.client.get(
    "account",
    { where: { account_id_: account }, select: ["account_id_", "type"], limit: [0, 1] },
    operation,
  );
  const row = readRows(accountRowSchema, rows, operation)[0];
  // An account the chart does not have stays on the product, so Dynaccount names the problem.
  const sales = row === undefined || row.type === "OPERATING";
  context.cache.salesAccounts = (context.cache.salesAccounts ?? new Map()).set(account, sales);
  return sales;
}
