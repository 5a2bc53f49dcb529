import { z } from "zod";
import { currency, isKnownCurrency, type CurrencyCode } from "../../domain/money";
import type { LedgerDocument } from "../ledger-contract";
import { fromDynaccountAmount } from "./dynaccount-amounts";
import type { DynaccountRow } from "./dynaccount-client";
import { DYNACCOUNT } from "./dynaccount-errors";
import { ledgerUnreadableAnswer } from "../http-failure";

/** Minimal, lenient views of the rows the adapter reads (PHP answers numbers as text or numbers). */

const idValue = z.union([z.number(), z.string().min(1)]).transform((value) => String(value));
const amountValue = z.union([z.string(), z.number()]).nullish();
const flag = z.string().nullish();

export const idRowSchema = z.object({ id: idValue });
export const debtorRowSchema = z.object({ id: idValue, module_id_: idValue });
export const debtorMatchRowSchema = z.object({
  id: idValue,
  module_id_: idValue,
  name: z.string().nullish(),
  vatno: z.string().nullish(),
});
export const debtorGroupRowSchema = z.object({ id: idValue, name: z.string() });
export const productRowSchema = z.object({
  id: idValue,
  product_id_: idValue,
  in_stock: amountValue,
  is_stocked: flag,
});
export const orderRowSchema = z.object({
  id: idValue,
  requisition: z.string().nullish(),
  currency_name: z.string().nullish(),
  total_amount: amountValue,
  is_invoiced: flag,
});
export const invoiceRowSchema = z.object({
  id: idValue,
  invoice_id_: idValue.nullish(),
  module_id_: idValue.nullish(),
  requisition: z.string().nullish(),
  currency_name: z.string().nullish(),
  total_amount: amountValue,
  is_booked: flag,
});
export const creditNoteRowSchema = invoiceRowSchema.extend({ invoice_id: idValue.nullish() });
export const accountRowSchema = z.object({
  account_id_: idValue,
  name: z.string().nullish(),
  vatcode_name: z.string().nullish(),
  is_bank: flag,
  type: z.string().nullish(),
});
export const vatCodeRowSchema = z.object({
  name: z.string(),
  txt: z.string().nullish(),
  type: z.string().nullish(),
  percent: amountValue,
});
export const paymentTermRowSchema = z.object({
  name: z.string(),
  type: z.string().nullish(),
  days: amountValue,
});
export const yearRowSchema = z.object({ id: idValue, name: z.union([z.string(), z.number()]).nullish() });

export function readRow<T extends z.ZodType>(
  schema: T,
  row: DynaccountRow | undefined,
  operation: string,
): z.output<T> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw ledgerUnreadableAnswer(DYNACCOUNT, operation, z.prettifyError(parsed.error));
  return parsed.data;
}

export function readRows<T extends z.ZodType>(
  schema: T,
  rows: DynaccountRow[],
  operation: string,
): Array<z.output<T>> {
  return rows.map((row) => readRow(schema, row, operation));
}

/**
 * Where each document kind lives in Dynaccount, and how its rows become `LedgerDocument`s:
 * an invoice is its `debtor_order` until invoiced, then the booked `debtor_invoice`.
 */

export type Kind = LedgerDocument["kind"];

export const TABLES = {
  invoice: {
    draft: "debtor_order",
    lines: "debtor_order_product",
    lineParent: "order_id" as const,
    booked: "debtor_invoice",
  },
  creditNote: {
    draft: "debtor_creditnote",
    lines: "debtor_creditnote_product",
    lineParent: "creditnote_id" as const,
    booked: "debtor_creditnote",
  },
};

export function orderDocument(row: z.output<typeof orderRowSchema>): LedgerDocument {
  return {
    kind: "invoice",
    id: row.id,
    state: "draft",
    totalGross: amount(row.total_amount, row.currency_name),
    externalReference: row.requisition ?? "",
  };
}

export function invoiceDocument(row: z.output<typeof invoiceRowSchema>): LedgerDocument {
  return {
    kind: "invoice",
    id: row.id,
    state: "booked",
    ...(row.invoice_id_ ? { number: row.invoice_id_ } : {}),
    totalGross: amount(row.total_amount, row.currency_name),
    externalReference: row.requisition ?? "",
  };
}

export function creditNoteDocument(row: z.output<typeof creditNoteRowSchema>): LedgerDocument {
  const booked = row.is_booked === "YES";
  return {
    kind: "creditNote",
    id: row.id,
    state: booked ? "booked" : "draft",
    ...(booked && row.invoice_id_ ? { number: row.invoice_id_ } : {}),
    totalGross: amount(row.total_amount, row.currency_name),
    externalReference: row.requisition ?? "",
  };
}

function amount(value: string | number | null | undefined, currencyName: string | null | undefined): number {
  const code: CurrencyCode =
    currencyName && isKnownCurrency(currencyName) ? currency(currencyName) : currency("DKK");
  return fromDynaccountAmount(value, code);
}
