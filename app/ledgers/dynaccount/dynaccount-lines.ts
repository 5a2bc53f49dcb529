import type { DocumentDraft } from "../../domain/invoice-draft";
import { toLedgerDecimal } from "../ledger-amounts";
import { LedgerError } from "../ledger-error";
import type { DynaccountFields } from "./dynaccount-client";
import { DYNACCOUNT } from "./dynaccount-errors";
import { dynaccountVatCode } from "./dynaccount-vat";

/**
 * Draft lines → `debtor_order_product` / `debtor_creditnote_product` rows. Item lines with a SKU
 * are product lines (stock moves); shipping, discounts, fees, gift cards and rounding are account
 * lines booked straight to the draft's account. Prices are net unit prices in the document's
 * currency; Dynaccount adds VAT from the line's VAT code.
 */
export function documentLines(
  draft: DocumentDraft,
  parent: { column: "order_id" | "creditnote_id"; id: string },
  productIds: ReadonlyMap<string, string>,
): DynaccountFields[] {
  if (draft.lines.length === 0) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Draft ${draft.externalReference} has no lines`,
      messageKey: "ledgerError.dynaccount.noLines",
    });
  }
  return draft.lines.map((line) => {
    const product = line.kind === "item" && line.sku ? (productIds.get(line.sku) ?? line.sku) : undefined;
    // The builder guarantees quantity × unitNet = net; otherwise book the line as one unit of its net.
    const exact = Number.isInteger(line.quantity) && line.quantity * line.unitNet === line.net;
    return {
      [parent.column]: parent.id,
      product_type: product ? "PRODUCT" : "ACCOUNT",
      ...(product ? { product_id_: product } : {}),
      account_id_: line.account,
      vatcode_name: dynaccountVatCode(line),
      qty: exact ? line.quantity : 1,
      price: toLedgerDecimal("dynaccount", exact ? line.unitNet : line.net, draft.currency),
      name: exact ? line.description : `${line.description} (${line.quantity})`,
    };
  });
}
