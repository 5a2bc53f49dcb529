import type { EmailRequest, LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DynaccountContext } from "./dynaccount-context";
import { creditNoteDocument, invoiceDocument, notBooked, type Kind } from "./dynaccount-document-rows";
import { DYNACCOUNT } from "./dynaccount-errors";
import { findDynaccountDocument } from "./dynaccount-find-document";
import { creditNoteRowSchema, invoiceRowSchema, readRow } from "./dynaccount-rows";

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
