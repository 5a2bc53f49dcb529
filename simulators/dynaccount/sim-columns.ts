/** Column groups that several Dynaccount tables carry, in the order the tables list them. */

/** A document's or line's amounts, recomputed from its lines: never written through the API. */
export const TOTAL_COLUMNS = ["vat_amount", "total_amount", "total_weight", "profit_amount"];

/** What a new document's totals are before it has lines. */
export const ZERO_TOTALS = Object.fromEntries(TOTAL_COLUMNS.map((column) => [column, "0.00"]));

/** The postal address a document copies from its debtor or invoice. */
export const ADDRESS_COLUMNS = ["attention", "address", "zip", "city", "ref_country_name"];

export const DELIVERY_COLUMNS = [
  "dlv_attention",
  "dlv_name",
  "dlv_address",
  "dlv_zip",
  "dlv_city",
  "dlv_ref_country_name",
];
