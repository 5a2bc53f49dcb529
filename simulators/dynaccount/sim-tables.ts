import { debtorCreditnote, debtorOrder, lineSpec } from "./sim-tables-documents";
import { debtor, draft, product } from "./sim-tables-master";
import { TOTAL_COLUMNS } from "./sim-columns";
import type { TableSpec } from "./sim-table-spec";
import { accounting, enclosure } from "./sim-tables-vouchers";

/**
 * Write rules per table: writable and read-only columns (read-only lists from the gem, writable
 * ones from the official library's defaults), required columns, uniqueness and the columns
 * Dynaccount computes itself. Tables without a spec are read-only in the simulator.
 */

export type { TableSpec, Values } from "./sim-table-spec";

export const TABLE_SPECS: Record<string, TableSpec> = {
  debtor,
  product,
  draft,
  enclosure,
  accounting,
  debtor_order: debtorOrder,
  debtor_order_product: lineSpec("debtor_order", "order_id", "is_invoiced", [
    "id",
    "product_id",
    "qty_invoiced",
    "is_list_listing",
    "is_list_pricing",
    ...TOTAL_COLUMNS,
  ]),
  debtor_creditnote: debtorCreditnote,
  debtor_creditnote_product: lineSpec("debtor_creditnote", "creditnote_id", "is_booked", [
    "id",
    "product_id",
    "qty_credited",
    "is_list_listing",
    "is_list_pricing",
    ...TOTAL_COLUMNS,
  ]),
};
