import { z } from "zod";
import type { CreditNoteDraft, DocumentDraft, InvoiceDraft } from "../../domain/invoice-draft";
import type { EmailRequest, LedgerDocument, WriteOptions } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { fromBillyAmount } from "./billy-amounts";
import { billyConflict, billyInvalid } from "./billy-check-errors";
import type { BillyContext } from "./billy-context";
import { verifyOrDiscard } from "./billy-document-check";
import { planBillyLines } from "./billy-invoice-lines";
import { billyProductIdsFor } from "./billy-products";
import {
  type BillyDocumentParts,
  type BillyInvoiceBody,
  billyApproveBody,
  billyCreditNoteBody,
  billyEmailBody,
  billyInvoiceBody,
  billyRecipientBody,
  billyRenumberedCopyBody,
} from "./billy-requests";
import {
  type BillyInvoice,
  contactPersonSchema,
  invoiceSchema,
  invoiceWriteSchema,
  singleEnvelope,
  writeEnvelope,
} from "./billy-schemas";

/**
 * Invoices and credit notes are both `/v2/invoices` (credit notes have `type: "creditNote"` and
 * `creditedInvoiceId`), created as drafts and approved with a PUT. Our `externalReference` goes
 * into the invoice's `externalId`, which `GET /v2/invoices` can filter on; every create first
 * looks it up so a retried create cannot duplicate.
 */

interface DocumentRefs {
  customerId: string;
  productIds: ReadonlyMap<string, string>;
}

export function createBillyInvoice(
  context: BillyContext,
  draft: InvoiceDraft,
  refs: DocumentRefs,
  write?: WriteOptions,
) {
  return createDocument(context, "invoice", draft, refs.productIds, write, (parts) =>
    billyInvoiceBody(draft, refs.customerId, parts),
  );
}

export function createBillyCreditNote(
  context: BillyContext,
  draft: CreditNoteDraft,
  refs: DocumentRefs & { invoice: LedgerDocument },
  write?: WriteOptions,
) {
  return createDocument(context, "creditNote", draft, refs.productIds, write, (parts) =>
    billyCreditNoteBody(draft, { invoiceId: refs.invoice.id, customerId: refs.customerId }, parts),
  );
}

async function createDocument(
  context: BillyContext,
  kind: LedgerDocument["kind"],
  draft: DocumentDraft,
  skuIds: ReadonlyMap<string, string>,
  write: WriteOptions = { recovering: true },
  body: (parts: BillyDocumentParts) => BillyInvoiceBody,
): Promise<LedgerDocument> {
  // Billy takes no idempotency key: only after an unanswered attempt can a copy already exist.
  if (write.recovering) await refuseDuplicate(context, kind, draft);
  const productIds = await billyProductIdsFor(context, draft, skuIds);
  const plan = planBillyLines(draft, (line) => productIds.get(line) ?? "");
  const company = await context.organization();
  const request = body({ org: context.org, plan, baseCurrency: company.baseCurrencyId ?? "DKK" });
  const what = kind === "invoice" ? "the invoice" : "the credit note";
  const result = await postInvoice(context, request, `create ${what} for ${draft.header}`);
  await verifyOrDiscard(context, result.invoice, result.lines, plan, draft);
  return toDocument(result.invoice);
}

/** Approved first: after an interrupted renumbering (see bookWithNumber) a stale draft may remain. */
async function findByExternalId(
  { client }: BillyContext,
  externalReference: string,
): Promise<BillyInvoice | undefined> {
  const invoices = await client.list("invoices", invoiceSchema, "look up the document", {
    externalId: externalReference,
  });
  const matching = invoices.filter(
    (invoice) => invoice.externalId === externalReference && invoice.state !== "voided",
  );
  return matching.find((invoice) => invoice.state === "approved") ?? matching[0];
}

export async function findBillyDocument(
  context: BillyContext,
  kind: LedgerDocument["kind"],
  externalReference: string,
): Promise<LedgerDocument | null> {
  const found = await findByExternalId(context, externalReference);
  return found && (found.type ?? "invoice") === kind ? toDocument(found) : null;
}

/** POST /v2/invoices; a taken `invoiceNo` becomes a conflict naming the invoice that has it. */
async function postInvoice({ client }: BillyContext, body: BillyInvoiceBody, action: string) {
  try {
    return await client.post("/invoices", body, invoiceWriteSchema, action);
  } catch (error) {
    const number = body.invoice.invoiceNo;
    if (LedgerError.is(error) && error.kind === "conflict" && typeof number === "string") {
      const taken = (
        await client.list("invoices", invoiceSchema, "look up the invoice number", { invoiceNo: number })
      ).find((invoice) => invoice.invoiceNo === number);
      if (taken) throw billyConflict(taken.id, "ledgerError.billy.numberTaken", { number }, error);
    }
    throw error;
  }
}

async function refuseDuplicate(
  context: BillyContext,
  kind: LedgerDocument["kind"],
  draft: DocumentDraft,
): Promise<void> {
  const existing = await findByExternalId(context, draft.externalReference);
  if (existing) {
    throw billyConflict(existing.id, "ledgerError.billy.alreadyHas", {
      document: kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      header: draft.header,
      id: existing.id,
      number: existing.invoiceNo ? `, ${existing.invoiceNo}` : "",
    });
  }
}

export function bookBillyInvoice(
  context: BillyContext,
  document: LedgerDocument,
  options?: { number?: number },
): Promise<LedgerDocument> {
  return options?.number !== undefined
    ? bookWithNumber(context, document, String(options.number))
    : approveBillyDocument(context, document);
}

/**
 * Billy takes `invoiceNo` only when an invoice is created. To lock a number at booking, the
 * draft is copied with that number (checked against the same total), the old draft deleted
 * and the copy approved. A taken number fails on the copy, leaving the draft untouched.
 */
async function bookWithNumber(
  context: BillyContext,
  document: LedgerDocument,
  number: string,
): Promise<LedgerDocument> {
  const { client } = context;
  const current = await client.get(
    `/invoices/${document.id}`,
    singleEnvelope("invoice", invoiceSchema),
    "read the invoice",
    { include: "invoice.lines:embed" },
  );
  if (current.invoiceNo === number)
    return current.state === "draft"
      ? approveBillyDocument(context, toDocument(current))
      : toDocument(current);
  if (current.state !== "draft") {
    throw billyInvalid("ledgerError.billy.alreadyApproved", { current: current.invoiceNo ?? "–", number });
  }
  const copy = await postInvoice(
    context,
    billyRenumberedCopyBody(current, number, context.org),
    `book the invoice with number ${number}`,
  );
  const copyDocument = toDocument(copy.invoice);
  if (copyDocument.totalGross !== toDocument(current).totalGross) {
    await client.delete(`/invoices/${copy.invoice.id}`, "delete the renumbered copy").catch(() => undefined);
    throw billyInvalid("ledgerError.billy.renumberTotal", { number });
  }
  await client.delete(`/invoices/${current.id}`, "replace the draft with its renumbered copy");
  return approveBillyDocument(context, copyDocument);
}

export async function approveBillyDocument(
  { client }: BillyContext,
  document: LedgerDocument,
): Promise<LedgerDocument> {
  if (document.state === "booked") {
    return toDocument(
      await client.get(
        `/invoices/${document.id}`,
        singleEnvelope("invoice", invoiceSchema),
        "read the document",
      ),
    );
  }
  const result = await client.put(
    `/invoices/${document.id}`,
    billyApproveBody(),
    invoiceWriteSchema,
    document.kind === "invoice" ? "approve the invoice" : "approve the credit note",
  );
  return toDocument(result.invoice);
}

/** Sent to a person of the invoice's contact with the recipient's address, added when absent. */
export async function emailBillyInvoice(
  { client }: BillyContext,
  document: LedgerDocument,
  request: EmailRequest,
): Promise<void> {
  const invoice = await client.get(
    `/invoices/${document.id}`,
    singleEnvelope("invoice", invoiceSchema),
    "read the invoice",
  );
  const recipient = request.recipient.trim().toLowerCase();
  const persons = await client.list("contactPersons", contactPersonSchema, "look up the invoice recipient", {
    contactId: invoice.contactId,
  });
  let personId = persons.find(
    (p) =>
      (p.contactId ?? invoice.contactId) === invoice.contactId && p.email?.trim().toLowerCase() === recipient,
  )?.id;
  if (!personId) {
    const created = await client.post(
      "/contactPersons",
      billyRecipientBody(invoice.contactId, request.recipient, persons.length === 0),
      writeEnvelope("contactPersons", contactPersonSchema),
      "add the invoice recipient to the customer",
    );
    personId = created.id;
  }
  await client.post(
    `/invoices/${document.id}/emails`,
    billyEmailBody(personId, invoice.invoiceNo, request),
    z.unknown(),
    "e-mail the invoice",
  );
}

function toDocument(invoice: BillyInvoice): LedgerDocument {
  const booked = invoice.state !== "draft";
  return {
    kind: invoice.type === "creditNote" ? "creditNote" : "invoice",
    id: invoice.id,
    ...(booked && invoice.invoiceNo ? { number: invoice.invoiceNo } : {}),
    state: booked ? "booked" : "draft",
    totalGross: fromBillyAmount(invoice.grossAmount ?? invoice.amount + invoice.tax, invoice.currencyId),
    externalReference: invoice.externalId ?? "",
  };
}
