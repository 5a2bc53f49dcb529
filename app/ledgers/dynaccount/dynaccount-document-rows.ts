import { currency, isKnownCurrency, type CurrencyCode } from "../../domain/money";
import type { LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { DYNACCOUNT } from "./dynaccount-errors";
import type { creditNoteRowSchema, invoiceRowSchema, orderRowSchema } from "./dynaccount-rows";
import { readAmount } from "./dynaccount-rows";

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

export function orderDocument(row: ReturnType<typeof orderRowSchema.parse>): LedgerDocument {
  return {
    kind: "invoice",
    id: row.id,
    state: "draft",
    totalGross: amount(row.total_amount, row.currency_name),
    externalReference: row.requisition ?? "",
  };
}

export function invoiceDocument(row: ReturnType<typeof invoiceRowSchema.parse>): LedgerDocument {
  return {
    kind: "invoice",
    id: row.id,
    state: "booked",
    ...(row.invoice_id_ ? { number: row.invoice_id_ } : {}),
    totalGross: amount(row.total_amount, row.currency_name),
    externalReference: row.requisition ?? "",
  };
}

export function creditNoteDocument(row: ReturnType<typeof creditNoteRowSchema.parse>): LedgerDocument {
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
  return readAmount(value, code);
}

export function notBooked(action: "credit" | "email", document: LedgerDocument): LedgerError {
  return new LedgerError({
    kind: "validation",
    provider: DYNACCOUNT,
    detail: `Cannot ${action} ${document.kind} ${document.id} in state ${document.state}`,
    messageKey: "ledgerError.mustBeBooked",
    params: {
      ledger: "Dynaccount",
      document: document.kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      action: `ledgerError.action.${action}`,
    },
  });
}
