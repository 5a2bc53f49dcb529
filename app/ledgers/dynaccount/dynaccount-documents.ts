import type { CreditNoteDraft, DocumentDraft, InvoiceDraft } from "../../domain/invoice-draft";
import { formatMinor } from "../../domain/money";
import type { LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DynaccountFields } from "./dynaccount-client";
import type { DynaccountContext } from "./dynaccount-context";
import { addressFields } from "./dynaccount-customers";
import { unixNoon } from "./dynaccount-dates";
import { creditNoteDocument, notBooked, orderDocument, TABLES, type Kind } from "./dynaccount-document-rows";
import { DYNACCOUNT } from "./dynaccount-errors";
import { discard, rejectDuplicate } from "./dynaccount-find-document";
import { documentLines } from "./dynaccount-lines";
import { paymentTermFor } from "./dynaccount-lists";
import { creditNoteRowSchema, idRowSchema, orderRowSchema, readRow } from "./dynaccount-rows";

/**
 * Path A of the fact sheet: an invoice starts as a `debtor_order` (our draft) carrying the
 * external reference in `requisition`; a credit note is a `debtor_creditnote` linked to the
 * booked invoice. The header goes first, then all lines in one bulk request (the commit), then
 * Dynaccount's computed total is compared with the draft before anything can be booked.
 */

export async function createDynaccountInvoice(
  context: DynaccountContext,
  draft: InvoiceDraft,
  refs: { customerId: string; productIds: ReadonlyMap<string, string> },
): Promise<LedgerDocument> {
  await rejectDuplicate(context, "invoice", draft.externalReference);
  const operation = `create the invoice for ${draft.header} in Dynaccount`;
  const term = await paymentTermFor(context, draft.paymentTermsDays);
  const shipping = draft.customer.shippingAddress;
  const header: DynaccountFields = {
    module_id_: refs.customerId,
    time: unixNoon(draft.issueDate),
    currency_name: draft.currency,
    requisition: draft.externalReference,
    txt: [draft.header, draft.comment].filter(Boolean).join("\n"),
    ...(term ? { payment_name: term } : {}),
    ...(shipping
      ? {
          dlv_name: draft.customer.name,
          ...addressFields(shipping, "dlv_"),
          dlv_ref_country_name: shipping.countryCode?.toUpperCase(),
        }
      : {}),
  };
  const order = readRow(
    idRowSchema,
    await context.client.put("debtor_order", undefined, header, operation),
    operation,
  );
  return completeDocument(context, "invoice", draft, order.id, refs.productIds, operation);
}

export async function createDynaccountCreditNote(
  context: DynaccountContext,
  draft: CreditNoteDraft,
  refs: { invoice: LedgerDocument; productIds: ReadonlyMap<string, string> },
): Promise<LedgerDocument> {
  if (refs.invoice.state !== "booked") throw notBooked("credit", refs.invoice);
  await rejectDuplicate(context, "creditNote", draft.externalReference);
  const operation = `create the credit note for ${draft.header} in Dynaccount`;
  const row = await context.client.put(
    "debtor_creditnote",
    undefined,
    { invoice_id: refs.invoice.id, time: unixNoon(draft.issueDate), requisition: draft.externalReference },
    operation,
  );
  const note = readRow(creditNoteRowSchema, row, operation);
  if (note.currency_name && note.currency_name.toUpperCase() !== draft.currency) {
    await discard(context, "creditNote", note.id);
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Credit note in ${draft.currency} for invoice ${refs.invoice.number ?? refs.invoice.id} in ${note.currency_name}`,
      messageKey: "ledgerError.dynaccount.currencyDiffers",
      params: {
        refundCurrency: draft.currency,
        invoice: refs.invoice.number ?? "",
        invoiceCurrency: note.currency_name,
      },
    });
  }
  return completeDocument(context, "creditNote", draft, note.id, refs.productIds, operation);
}

/** Stores the lines, then checks Dynaccount's total against the draft; anything wrong is removed again. */
async function completeDocument(
  context: DynaccountContext,
  kind: Kind,
  draft: DocumentDraft,
  id: string,
  productIds: ReadonlyMap<string, string>,
  operation: string,
): Promise<LedgerDocument> {
  const tables = TABLES[kind];
  try {
    await context.client.insertBulk(
      tables.lines,
      documentLines(draft, { column: tables.lineParent, id }, productIds),
      operation,
    );
  } catch (error) {
    // A definite rejection leaves an empty header behind: remove it, as the official library does.
    // After a lost answer the lines may be stored, so the header stays for findDocument to judge.
    if (LedgerError.is(error) && !error.retryable) await discard(context, kind, id);
    throw error;
  }
  const stored = await context.client.getById(tables.draft, id, operation);
  const document =
    kind === "invoice"
      ? orderDocument(readRow(orderRowSchema, stored, operation))
      : creditNoteDocument(readRow(creditNoteRowSchema, stored, operation));
  if (document.totalGross !== draft.totals.gross) {
    await discard(context, kind, id);
    const code = draft.currency;
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Dynaccount total ${document.totalGross} ≠ draft total ${draft.totals.gross} (${draft.externalReference})`,
      messageKey: "ledgerError.dynaccount.totalMismatch",
      params: {
        theirs: `${formatMinor(document.totalGross, code)} ${code}`,
        header: draft.header,
        ours: `${formatMinor(draft.totals.gross, code)} ${code}`,
      },
    });
  }
  return document;
}
