import {
  computeLine,
  currencyOf,
  formatAmount,
  parseAmount,
  parseQuantity,
  percentToBasisPoints,
} from "./sim-amounts";
import { ADDRESS_COLUMNS, DELIVERY_COLUMNS, TOTAL_COLUMNS, ZERO_TOTALS } from "./sim-columns";
import type { DynaccountSimState, SimRow } from "./sim-store";
import { LANGUAGES } from "./sim-tables-master";
import {
  checkName,
  hasLines,
  recomputeDocument,
  removeLines,
  vatPercent,
  type TableSpec,
} from "./sim-table-spec";
import {
  checkTime,
  findAccount,
  findByName,
  findDebtor,
  isBlank,
  isPostingAccount,
  text,
  type FieldErrors,
} from "./sim-values";

/** Orders, credit notes and their lines; totals are recomputed from the lines on every change. */

export const debtorOrder: TableSpec = {
  writable: [
    "module_id_",
    "dimension_name",
    "time",
    "currency_name",
    "time_delivery",
    "discount_percent",
    "requisition",
    "lang",
    ...ADDRESS_COLUMNS,
    ...DELIVERY_COLUMNS,
    "txt",
    "payment_name",
  ],
  readOnly: ["id", "is_approved", "is_invoiced", "module_id", "order_id_", "is_seen", ...TOTAL_COLUMNS],
  required: ["module_id_", "time"],
  prepare(row, state, existing) {
    if (existing?.is_invoiced === "YES") return { id: "The order is invoiced and can no longer be changed" };
    const errors: FieldErrors = {};
    const customer = findDebtor(state, row.module_id_);
    if (!customer) errors.module_id_ = `Debtor ${text(row.module_id_)} does not exist`;
    const time = checkTime(state, "time", row.time, errors);
    if (time !== undefined) row.time = time;
    if (!isBlank(row.time_delivery)) checkTime(state, "time_delivery", row.time_delivery, errors);
    if (customer) {
      if (isBlank(row.currency_name)) row.currency_name = customer.ref_currency_name ?? "DKK";
      if (isBlank(row.lang)) row.lang = customer.lang ?? "da";
      const addressColumns: Array<[string, string]> = [
        ["attention", "attention_name"],
        ["address", "address"],
        ["zip", "zip"],
        ["city", "city"],
        ["ref_country_name", "ref_country_name"],
      ];
      if (addressColumns.every(([column]) => isBlank(row[column]))) {
        for (const [column, source] of addressColumns) row[column] = customer[source] ?? "";
      }
    }
    if (!currencyOf(row.currency_name) || !findByName(state, "currency", row.currency_name))
      errors.currency_name = "Unknown currency";
    if (
      existing &&
      text(existing.currency_name) !== text(row.currency_name) &&
      hasLines(state, "debtor_order_product", "order_id", existing.id)
    ) {
      errors.currency_name = "The currency cannot change once the order has lines";
    }
    checkName(state, "payment", row.payment_name, "payment_name", errors);
    checkName(state, "dimension", row.dimension_name, "dimension_name", errors);
    if (!isBlank(row.discount_percent) && Number(row.discount_percent) !== 0)
      errors.discount_percent = "Order discounts are not supported; use line discounts";
    if (!isBlank(row.lang) && !LANGUAGES.has(text(row.lang))) errors.lang = "Unknown language";
    if (!existing && Object.keys(errors).length === 0) {
      Object.assign(row, {
        order_id_: state.numbering.nextOrderNumber++,
        module_id: customer?.id ?? null,
        is_approved: "NO",
        is_invoiced: "NO",
        is_seen: "NO",
        ...ZERO_TOTALS,
      });
    }
    return errors;
  },
  ...deletableUntil("is_invoiced", "An invoiced order cannot be deleted", "debtor_order_product", "order_id"),
};

export const debtorCreditnote: TableSpec = {
  writable: ["invoice_id", "time", "requisition", "dimension_name"],
  readOnly: [
    "id",
    "is_booked",
    "module_id",
    "invoice_id_",
    "credit_invoice_id_",
    "sha1_ref",
    "lang",
    ...TOTAL_COLUMNS,
    "attention",
    "address",
    "zip",
    "city",
    "txt",
  ],
  required: ["invoice_id", "time"],
  prepare(row, state, existing) {
    if (existing?.is_booked === "YES")
      return { id: "The credit note is booked and can no longer be changed" };
    const errors: FieldErrors = {};
    const invoice = state.table("debtor_invoice").byId(Number(row.invoice_id));
    if (!invoice) errors.invoice_id = "Invoice not found";
    else if (invoice.is_booked !== "YES") errors.invoice_id = "Only booked invoices can be credited";
    else if (invoice.is_credited_complete === "YES")
      errors.invoice_id = "The invoice is already fully credited";
    if (existing && text(existing.invoice_id) !== text(row.invoice_id))
      errors.invoice_id = "The credited invoice cannot change";
    const time = checkTime(state, "time", row.time, errors);
    if (time !== undefined) row.time = time;
    checkName(state, "dimension", row.dimension_name, "dimension_name", errors);
    if (invoice) {
      for (const column of ["module_id_", "module_id", "currency_name", "lang", ...ADDRESS_COLUMNS, "txt"]) {
        row[column] = invoice[column] ?? "";
      }
      row.credit_invoice_id_ = invoice.invoice_id_ ?? null;
    }
    if (!existing)
      Object.assign(row, {
        is_booked: "NO",
        invoice_id_: null,
        sha1_ref: "",
        ...ZERO_TOTALS,
      });
    return errors;
  },
  ...deletableUntil(
    "is_booked",
    "A booked credit note cannot be deleted",
    "debtor_creditnote_product",
    "creditnote_id",
  ),
};

/** A document can be deleted, with its lines, until `lockedFlag` says YES. */
function deletableUntil(
  lockedFlag: string,
  refusal: string,
  linesTable: string,
  parentColumn: string,
): Pick<TableSpec, "beforeDelete" | "afterDelete"> {
  return {
    beforeDelete: (row): FieldErrors => (row[lockedFlag] === "YES" ? { id: refusal } : {}),
    afterDelete: (row, state) => removeLines(state, linesTable, parentColumn, row.id),
  };
}

export function lineSpec(
  parentTable: string,
  parentColumn: string,
  lockedFlag: string,
  readOnly: readonly string[],
): TableSpec {
  const recomputeParent = (row: SimRow, state: DynaccountSimState) =>
    recomputeDocument(state, parentTable, row[parentColumn] ?? null, `${parentTable}_product`, parentColumn);
  return {
    writable: [
      parentColumn,
      "product_id_",
      "product_type",
      "account_id_",
      "vatcode_name",
      "qty",
      "discount_type",
      "discount_value",
      "price",
      "name",
      "txt",
    ],
    readOnly,
    required: [parentColumn, "qty"],
    prepare(row, state) {
      const errors: FieldErrors = {};
      const parent = state.table(parentTable).byId(Number(row[parentColumn]));
      if (!parent) return { [parentColumn]: "Document not found" };
      if (parent[lockedFlag] === "YES") return { [parentColumn]: "The document can no longer be changed" };
      const code = currencyOf(parent.currency_name);
      if (!code) return { [parentColumn]: "The document has no valid currency" };
      if (isBlank(row.product_type)) row.product_type = isBlank(row.product_id_) ? "ACCOUNT" : "PRODUCT";
      const type = text(row.product_type);
      let unitPrice = isBlank(row.price) ? undefined : parseAmount(row.price as string, code);
      if (!isBlank(row.price) && unitPrice === undefined) errors.price = `Invalid amount for ${code}`;
      if (type === "PRODUCT") {
        const item = state.table("product").where("product_id_", text(row.product_id_))[0];
        if (!item) errors.product_id_ = `Product ${text(row.product_id_)} does not exist`;
        else {
          row.product_id = item.id;
          if (isBlank(row.name)) row.name = item.name ?? "";
          if (isBlank(row.vatcode_name)) row.vatcode_name = item.vatcode_name ?? "";
          if (isBlank(row.account_id_)) {
            row.account_id_ = isBlank(item.account_id_)
              ? (state.table("product_group").byId(Number(item.product_group_id))?.account_id_ ?? "")
              : (item.account_id_ ?? "");
          }
          if (isBlank(row.price) && code === "DKK") unitPrice = parseAmount(item.price as string, code);
        }
      } else if (type === "ACCOUNT") {
        if (isBlank(row.account_id_)) errors.account_id_ = "Account is required for account lines";
        if (isBlank(row.name)) errors.name = "Text is required for account lines";
        row.product_id = 0;
      } else if (type === "TEXT") {
        row.product_id = 0;
        row.qty = "0";
        unitPrice = 0;
      } else errors.product_type = "Unknown line type";
      if (!isBlank(row.account_id_) && !isPostingAccount(findAccount(state, row.account_id_)))
        errors.account_id_ = `Account ${text(row.account_id_)} does not exist`;
      if (unitPrice === undefined && !errors.price) errors.price = "Price is required";
      const qty = parseQuantity(row.qty);
      if (qty === undefined) errors.qty = "Invalid quantity";
      const vat = vatPercent(state, row.vatcode_name, errors);
      const discountType = text(row.discount_type);
      let discountValue = 0;
      if (discountType === "PERCENT") discountValue = percentToBasisPoints(row.discount_value) ?? -1;
      else if (discountType === "AMOUNT")
        discountValue = parseAmount(row.discount_value as string, code) ?? -1;
      else if (discountType !== "") errors.discount_type = "Unknown discount type";
      if (discountValue < 0) errors.discount_value = "Invalid discount";
      if (Object.keys(errors).length > 0 || qty === undefined || unitPrice === undefined || vat === undefined)
        return errors;
      const amounts = computeLine({
        qtyHundredths: qty,
        unitPrice,
        discount: { type: discountType as "" | "PERCENT" | "AMOUNT", basisPointsOrMinor: discountValue },
        vatBasisPoints: vat,
      });
      Object.assign(row, {
        price: formatAmount(unitPrice, code),
        vat_amount: formatAmount(amounts.vat, code),
        total_amount: formatAmount(amounts.gross, code),
        total_weight: "0.00",
        profit_amount: formatAmount(amounts.net, code),
        is_list_listing: "NO",
        is_list_pricing: "NO",
      });
      return errors;
    },
    // Writing or deleting a line changes the document's totals.
    afterWrite: recomputeParent,
    afterDelete: recomputeParent,
  };
}
