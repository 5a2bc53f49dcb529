import { z } from "zod";
import type { CurrencyCode } from "../../domain/money";
import { fromLedgerAmount } from "../ledger-amounts";
import type { DynaccountRow } from "./dynaccount-client";
import { unexpectedDynaccountResponse } from "./dynaccount-errors";

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
  if (!parsed.success) throw unexpectedDynaccountResponse(operation, z.prettifyError(parsed.error));
  return parsed.data;
}

export function readRows<T extends z.ZodType>(
  schema: T,
  rows: DynaccountRow[],
  operation: string,
): Array<z.output<T>> {
  return rows.map((row) => readRow(schema, row, operation));
}

/** A decimal from Dynaccount in minor units of `code` (see ledger-amounts.ts). */
export function readAmount(value: string | number | null | undefined, code: CurrencyCode): number {
  return fromLedgerAmount("dynaccount", value, code);
}
