import { LedgerError } from "../ledger-error";
import type { LedgerDocument } from "../ledger-contract";
import type { DynaccountContext } from "./dynaccount-context";
import {
  creditNoteDocument,
  invoiceDocument,
  orderDocument,
  TABLES,
  type Kind,
} from "./dynaccount-document-rows";
import { DYNACCOUNT } from "./dynaccount-errors";
import { creditNoteRowSchema, invoiceRowSchema, orderRowSchema, readRow, readRows } from "./dynaccount-rows";

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
