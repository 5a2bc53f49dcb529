import { currencyOf, formatAmount, parseAmount } from "./sim-amounts";
import { checkName, documentNumberExists, recomputeVoucher, type TableSpec } from "./sim-table-spec";
import {
  checkTime,
  findAccount,
  findByName,
  findDebtor,
  isBlank,
  isPostingAccount,
  positiveInt,
  text,
  type FieldErrors,
} from "./sim-values";

/** Vouchers (`enclosure`) in booking drafts and their rows (`accounting`). */

const ACCOUNTING_TYPES = new Set([
  "LEDGER",
  "DEBTOR_INVOICE",
  "DEBTOR_PAYMENT",
  "CREDITOR_INVOICE",
  "CREDITOR_PAYMENT",
]);

export const enclosure: TableSpec = {
  writable: ["time", "draft_id", "dimension_name", "enc_id_", "txt", "note"],
  readOnly: ["id", "is_booked", "system", "dimension_id", "balance_amount", "vat_amount", "profit_amount"],
  required: ["time", "draft_id"],
  prepare(row, state, existing) {
    const errors: FieldErrors = {};
    if (existing?.is_booked === "YES") return { id: "The voucher is booked and can no longer be changed" };
    if (!state.table("draft").byId(Number(row.draft_id))) errors.draft_id = "Booking draft not found";
    const time = checkTime(state, "time", row.time, errors);
    if (time !== undefined) row.time = time;
    checkName(state, "dimension", row.dimension_name, "dimension_name", errors);
    if (isBlank(row.enc_id_)) {
      if (!existing && Object.keys(errors).length === 0) row.enc_id_ = state.numbering.nextVoucherNumber++;
    } else if (positiveInt(row.enc_id_) === undefined)
      errors.enc_id_ = "Voucher number must be a positive integer";
    if (!existing)
      Object.assign(row, {
        is_booked: "NO",
        system: "",
        dimension_id: 0,
        balance_amount: "0.00",
        vat_amount: "0.00",
        profit_amount: "0.00",
      });
    return errors;
  },
  beforeDelete: (row): FieldErrors =>
    row.is_booked === "YES" ? { id: "A booked voucher cannot be deleted" } : {},
  afterDelete(row, state) {
    const lines = state.table("accounting");
    for (const line of lines.where("enclosure_id", row.id)) lines.remove(line.id);
  },
};

export const accounting: TableSpec = {
  writable: [
    "enclosure_id",
    "type",
    "account_id_",
    "accountoff_id_",
    "vatcode_name",
    "dimension_name",
    "dimensionoff_name",
    "invoice_id_",
    "invoice_time_due",
    "fi_payment_id_",
    "currency_name",
    "amount",
    "currency_rate",
    "txt",
  ],
  readOnly: ["id", "time", "bank_recon_id", "currency_amount", "is_readonly"],
  required: ["enclosure_id", "type", "amount"],
  prepare(row, state) {
    const errors: FieldErrors = {};
    const voucher = state.table("enclosure").byId(Number(row.enclosure_id));
    if (!voucher) errors.enclosure_id = "Voucher not found";
    else if (voucher.is_booked === "YES") errors.enclosure_id = "The voucher is booked";
    const type = text(row.type);
    if (!ACCOUNTING_TYPES.has(type)) errors.type = "Unknown accounting type";
    if (type.startsWith("CREDITOR")) errors.accountoff_id_ = "Creditor not found";
    if (type === "LEDGER" && isBlank(row.account_id_)) errors.account_id_ = "Account is required";
    if (!isBlank(row.account_id_) && !isPostingAccount(findAccount(state, row.account_id_)))
      errors.account_id_ = `Account ${text(row.account_id_)} does not exist`;
    if (type.startsWith("DEBTOR")) {
      if (!findDebtor(state, row.accountoff_id_))
        errors.accountoff_id_ = `Debtor ${text(row.accountoff_id_)} does not exist`;
    } else if (!isBlank(row.accountoff_id_) && !isPostingAccount(findAccount(state, row.accountoff_id_))) {
      errors.accountoff_id_ = `Account ${text(row.accountoff_id_)} does not exist`;
    }
    if (isBlank(row.currency_name)) row.currency_name = "DKK";
    const code = currencyOf(row.currency_name);
    if (!code || !findByName(state, "currency", row.currency_name)) errors.currency_name = "Unknown currency";
    const amount = code ? parseAmount(row.amount as string, code) : undefined;
    if (amount === undefined || amount === 0) errors.amount = "Amount must be a non-zero decimal number";
    if (!isBlank(row.invoice_id_) && !documentNumberExists(state, row.invoice_id_))
      errors.invoice_id_ = `Invoice ${text(row.invoice_id_)} does not exist`;
    checkName(state, "vatcode", row.vatcode_name, "vatcode_name", errors);
    if (code && amount !== undefined) {
      row.amount = formatAmount(amount, code);
      row.currency_amount = row.amount;
    }
    Object.assign(row, { time: voucher?.time ?? null, bank_recon_id: 0, is_readonly: "NO" });
    return errors;
  },
  afterWrite: (row, state) => recomputeVoucher(state, Number(row.enclosure_id)),
  afterDelete: (row, state) => recomputeVoucher(state, Number(row.enclosure_id)),
};
