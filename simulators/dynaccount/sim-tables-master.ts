import { currencyOf, parseAmount } from "./sim-amounts";
import { DELIVERY_COLUMNS } from "./sim-columns";
import { checkName, type TableSpec } from "./sim-table-spec";
import {
  EMAIL_PATTERN,
  findAccount,
  findByName,
  isBlank,
  positiveInt,
  text,
  type FieldErrors,
} from "./sim-values";

/** Master data: debtors, products and booking drafts. */

export const LANGUAGES = new Set(["da", "en", "de", "sv", "no"]);

export const debtor: TableSpec = {
  writable: [
    "module_id_",
    "module_group_name",
    "vatcode_name",
    "payment_name",
    "discount_percent",
    "payment_method",
    "bank_name",
    "name",
    "attention_name",
    "attention_position",
    "attention_phone",
    "attention_email",
    "address",
    "zip",
    "city",
    "ref_country_name",
    "phone",
    "email",
    "email_invoice",
    "email_statement",
    "vatno",
    "ean",
    "ean_contact",
    "lang",
    "ref_currency_name",
    ...DELIVERY_COLUMNS,
    "dlv_phone",
    "dlv_email",
    "note",
    "credit_max",
    "invoicing_module_id_",
    "invoicing_module_attention",
  ],
  readOnly: ["id", "contact_id", "balance", "due", "is_blocked", "invoicing_module_name", "bs_mandate"],
  required: ["module_id_", "name", "module_group_name"],
  unique: ["module_id_"],
  prepare(row, state, existing) {
    const errors: FieldErrors = {};
    if (positiveInt(row.module_id_) === undefined)
      errors.module_id_ = "Debtor number must be a positive integer";
    const group = findByName(state, "debtor_group", row.module_group_name);
    if (!group) errors.module_group_name = `Debtor group "${text(row.module_group_name)}" does not exist`;
    else {
      for (const column of [
        "payment_name",
        "vatcode_name",
        "ref_currency_name",
        "payment_method",
        "bank_name",
        "lang",
      ]) {
        if (isBlank(row[column])) row[column] = group[column] ?? "";
      }
    }
    checkName(state, "payment", row.payment_name, "payment_name", errors);
    checkName(state, "vatcode", row.vatcode_name, "vatcode_name", errors);
    checkName(state, "currency", row.ref_currency_name, "ref_currency_name", errors);
    for (const column of ["ref_country_name", "dlv_ref_country_name"]) {
      if (!isBlank(row[column]) && !/^[A-Za-z]{2}$/.test(text(row[column])))
        errors[column] = "Country must be a 2-letter ISO code";
    }
    for (const column of ["email", "email_invoice", "email_statement", "attention_email", "dlv_email"]) {
      if (!isBlank(row[column]) && !EMAIL_PATTERN.test(text(row[column])))
        errors[column] = "Invalid e-mail address";
    }
    if (!isBlank(row.ean) && !/^\d{13}$/.test(text(row.ean))) errors.ean = "EAN must be 13 digits";
    if (!isBlank(row.lang) && !LANGUAGES.has(text(row.lang))) errors.lang = "Unknown language";
    if (!existing)
      Object.assign(row, {
        balance: "0.00",
        due: "0.00",
        is_blocked: "NO",
        invoicing_module_name: "",
        bs_mandate: "NO",
      });
    return errors;
  },
  afterWrite(row) {
    row.contact_id ??= row.id;
  },
};

export const product: TableSpec = {
  writable: [
    "product_id_",
    "name",
    "txt",
    "price",
    "vatcode_name",
    "account_id_",
    "product_group_name",
    "unit_name",
    "weight",
    "barcode",
  ],
  readOnly: [
    "id",
    "block_id",
    "type",
    "product_group_id",
    "in_stock",
    "in_order",
    "in_supplier_order",
    "time_stock_change",
    "is_stocked",
    "profit_ratio",
    "price_cost",
  ],
  required: ["product_id_", "name"],
  unique: ["product_id_"],
  prepare(row, state, existing) {
    const errors: FieldErrors = {};
    if (!/^[A-Za-z0-9ÆØÅæøå._\-/]{1,50}$/.test(text(row.product_id_)))
      errors.product_id_ = "Product number may hold up to 50 letters, digits and . _ - /";
    if (isBlank(row.product_group_name))
      row.product_group_name = state.table("product_group").rows[0]?.name ?? "";
    const group = findByName(state, "product_group", row.product_group_name);
    if (!group) errors.product_group_name = `Product group "${text(row.product_group_name)}" does not exist`;
    checkName(state, "vatcode", row.vatcode_name, "vatcode_name", errors);
    checkName(state, "unit", row.unit_name, "unit_name", errors);
    if (!isBlank(row.account_id_) && findAccount(state, row.account_id_)?.type !== "OPERATING")
      errors.account_id_ = "Unknown sales account";
    const dkk = currencyOf("DKK");
    if (dkk && !isBlank(row.price) && parseAmount(row.price as string, dkk) === undefined)
      errors.price = "Invalid amount";
    if (group) {
      row.product_group_id = group.id;
      row.is_stocked = group.is_stocked ?? "NO";
      row.type = group.is_stocked === "YES" ? "PRODUCT" : "SERVICE";
    }
    if (!existing)
      Object.assign(row, {
        block_id: 0,
        in_stock: "0",
        in_order: "0",
        in_supplier_order: "0",
        time_stock_change: null,
        profit_ratio: "0.00",
        price_cost: "0.00",
      });
    if (isBlank(row.price)) row.price = "0.00";
    return errors;
  },
};

export const draft: TableSpec = {
  writable: ["name"],
  readOnly: ["id"],
  required: ["name"],
  unique: ["name"],
  prepare: () => ({}),
};
