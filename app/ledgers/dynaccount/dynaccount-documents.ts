import type { CreditNoteDraft, DocumentDraft, InvoiceDraft } from "../../domain/invoice-draft";
import { formatMinor } from "../../domain/money";
import type { EmailRequest, LedgerDocument, WriteOptions } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DynaccountContext } from "./dynaccount-context";
import { DYNACCOUNT } from "./dynaccount-errors";
import { paymentTermFor } from "./dynaccount-lists";
import { buildCreditNoteHeader, buildOrderHeader, documentLines } from "./dynaccount-requests";
import {
  creditNoteDocument,
  creditNoteRowSchema,
  idRowSchema,
  invoiceDocument,
  invoiceRowSchema,
  type Kind,
  orderDocument,
  orderRowSchema,
  readRow,
  readRows,
  TABLES,
} from "./dynaccount-schemas";

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
  write: WriteOptions = { recovering: true },
): Promise<LedgerDocument> {
  // Only an unanswered earlier attempt can have left an order with our requisition behind.
  if (write.recovering) await rejectDuplicate(context, "invoice", draft.externalReference);
  const operation = `create the invoice for ${draft.header} in Dynaccount`;
  const term = await paymentTermFor(context, draft.paymentTermsDays);
  const header = buildOrderHeader(draft, refs.customerId, term);
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
  write: WriteOptions = { recovering: true },
): Promise<LedgerDocument> {
  if (refs.invoice.state !== "booked") throw notBooked("credit", refs.invoice);
  if (write.recovering) await rejectDuplicate(context, "creditNote", draft.externalReference);
  const operation = `create the credit note for ${draft.header} in Dynaccount`;
  const row = await context.client.put(
    "debtor_creditnote",
    undefined,
    buildCreditNoteHeader(draft, refs.invoice.id),
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

/**
 * Booking: `invoice_debtor_order` turns the order into a booked invoice with Dynaccount's next
 * number; `book_debtor_creditnote` books a credit note. Sending uses `send_debtor_invoice`.
 */

export async function bookDynaccountInvoice(
  context: DynaccountContext,
  document: LedgerDocument,
  options?: { number?: number },
): Promise<LedgerDocument> {
  if (options?.number !== undefined) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Locked invoice number ${options.number} requested`,
      messageKey: "ledgerError.dynaccount.noLockedNumber",
    });
  }
  if (document.state === "booked") return document;
  const operation = `book invoice ${document.externalReference} in Dynaccount`;
  try {
    const rows = await context.client.action("invoice_debtor_order", { order_id: document.id }, operation);
    return invoiceDocument(readRow(invoiceRowSchema, rows[0], operation));
  } catch (error) {
    return recoverBooking(context, "invoice", document, error);
  }
}

export async function bookDynaccountCreditNote(
  context: DynaccountContext,
  document: LedgerDocument,
): Promise<LedgerDocument> {
  if (document.state === "booked") return document;
  const operation = `book credit note ${document.externalReference} in Dynaccount`;
  try {
    const rows = await context.client.action(
      "book_debtor_creditnote",
      { creditnote_id: document.id },
      operation,
    );
    return creditNoteDocument(readRow(creditNoteRowSchema, rows[0], operation));
  } catch (error) {
    return recoverBooking(context, "creditNote", document, error);
  }
}

/** "Already invoiced/booked" after a lost answer means our earlier attempt worked. */
async function recoverBooking(
  context: DynaccountContext,
  kind: Kind,
  document: LedgerDocument,
  error: unknown,
): Promise<LedgerDocument> {
  if (LedgerError.is(error) && error.kind === "conflict") {
    const found = await findDynaccountDocument(context, kind, document.externalReference);
    if (found?.state === "booked") return found;
  }
  throw error;
}

export async function emailDynaccountInvoice(
  context: DynaccountContext,
  document: LedgerDocument,
  request: EmailRequest,
): Promise<void> {
  if (document.kind !== "invoice" || document.state !== "booked") throw notBooked("email", document);
  // Dynaccount's send action takes recipient and message only; it writes its own subject line.
  await context.client.action(
    "send_debtor_invoice",
    { invoice_id: document.id, email: request.recipient, msg: request.body, is_attached: "YES" },
    `e-mail invoice ${document.number ?? document.id} from Dynaccount`,
  );
}

/**
 * Crash recovery by our external reference, stored in the `requisition` column (the customer's
 * reference on Dynaccount orders, invoices and credit notes) and searched with the generic WHERE.
 * A document exists for us only once its lines are stored; a header left without lines by a
 * crash is removed, so the engine creates the document again instead of booking an empty one.
 */

export async function findDynaccountDocument(
  context: DynaccountContext,
  kind: Kind,
  externalReference: string,
): Promise<LedgerDocument | null> {
  const operation = "look up an earlier transfer in Dynaccount";
  const tables = TABLES[kind];
  if (kind === "invoice") {
    const invoices = await context.client.get(
      "debtor_invoice",
      { where: { requisition: externalReference }, order: "id" },
      operation,
    );
    const invoice = readRows(invoiceRowSchema, invoices, operation)[0];
    if (invoice) return invoiceDocument(invoice);
  }
  const drafts = await context.client.get(
    tables.draft,
    { where: { requisition: externalReference }, order: "id" },
    operation,
  );
  for (const row of drafts) {
    const document =
      kind === "invoice"
        ? orderDocument(readRow(orderRowSchema, row, operation))
        : creditNoteDocument(readRow(creditNoteRowSchema, row, operation));
    if (document.state === "booked" || (await hasLines(context, kind, document.id))) return document;
    // A header whose lines never arrived (crash between the two requests) is not a document.
    await discard(context, kind, document.id);
  }
  return null;
}

export async function rejectDuplicate(
  context: DynaccountContext,
  kind: Kind,
  externalReference: string,
): Promise<void> {
  const existing = await findDynaccountDocument(context, kind, externalReference);
  if (!existing) return;
  throw new LedgerError({
    kind: "conflict",
    provider: DYNACCOUNT,
    existingId: existing.id,
    detail: `${kind} with requisition ${externalReference} already exists (id ${existing.id})`,
    messageKey: "ledgerError.alreadyHasDocument",
    params: {
      ledger: "Dynaccount",
      document: kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      number: existing.number ? ` (${existing.number})` : "",
    },
  });
}

async function hasLines(context: DynaccountContext, kind: Kind, id: string): Promise<boolean> {
  const tables = TABLES[kind];
  const rows = await context.client.get(
    tables.lines,
    { where: { [tables.lineParent]: id }, select: ["id"], limit: [0, 1] },
    "look up an earlier transfer in Dynaccount",
  );
  return rows.length > 0;
}

export async function discard(context: DynaccountContext, kind: Kind, id: string): Promise<void> {
  try {
    await context.client.delete(TABLES[kind].draft, id, "remove an incomplete document from Dynaccount");
  } catch {
    // Best effort: the original error is what the merchant needs to see.
  }
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
