import type { z } from "zod";
import type { CreditNoteDraft, DocumentDraft, DraftLine } from "../../domain/invoice-draft";
import type { LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { fromEconomicAmount, toEconomicAmount } from "./economic-amounts";
import type { EconomicClient } from "./economic-client";
import { addressLines, compact, countryName } from "./economic-customers";
import { PROVIDER } from "./economic-errors";
import { type ZoneKey, zoneForTreatment } from "./economic-lookups";
import { idempotencyKey, filterValue } from "./economic-request-keys";
import { clipText } from "../ledger-text";
import {
  anySchema,
  bookedInvoiceSchema,
  collectionOf,
  draftInvoiceSchema,
  type EconomicBookedInvoice,
  type EconomicDraftInvoice,
} from "./economic-schemas";

/**
 * Invoices and credit notes. Both are e-conomic draft invoices (`POST /invoices/drafts`), a
 * credit note being one with negative quantities; booking (`POST /invoices/booked`) makes them
 * final and numbered. Our external reference goes in `references.other` — the one free-text,
 * filterable reference a draft and a booked invoice both have — so `findDocument` can find a
 * document whose create answer was lost.
 */

type Kind = LedgerDocument["kind"];

export interface DraftRefs {
  customerNumber: number;
  /** Product number per draft line, in line order. */
  productNumbers: string[];
}

export function buildDraftBody(
  draft: DocumentDraft,
  refs: DraftRefs & {
    layoutNumber: number;
    paymentTermsNumber: number;
    vatZoneNumber: number;
    heading: string;
    /** Base-currency cost of 100 units of the document's currency, the shop's own rate. */
    exchangeRate?: number;
  },
) {
  const sign = draft.kind === "creditNote" ? -1 : 1;
  const customer = draft.customer;
  const delivery = customer.shippingAddress;
  const reference = draft.externalReference;
  if (reference.length > 250) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      messageKey: "ledgerError.referenceTooLong",
      params: { ledger: "e-conomic", max: 250 },
    });
  }
  return compact({
    date: draft.issueDate,
    currency: draft.currency,
    exchangeRate: refs.exchangeRate,
    customer: { customerNumber: refs.customerNumber },
    paymentTerms: { paymentTermsNumber: refs.paymentTermsNumber },
    layout: { layoutNumber: refs.layoutNumber },
    recipient: compact({
      name: clipText(customer.companyName || customer.name, 250),
      address: clipText(addressLines(customer.address), 250),
      zip: clipText(customer.address.zip, 50),
      city: clipText(customer.address.city, 250),
      country: clipText(countryName(customer.address.countryCode), 50),
      ean: clipText(customer.ean, 13),
      vatZone: { vatZoneNumber: refs.vatZoneNumber },
    }),
    delivery: delivery
      ? compact({
          address: clipText(addressLines(delivery), 255),
          zip: clipText(delivery.zip, 30),
          city: clipText(delivery.city, 50),
          country: clipText(countryName(delivery.countryCode), 50),
        })
      : undefined,
    notes: compact({ heading: clipText(refs.heading, 250), textLine1: clipText(draft.comment, 1000) }),
    references: { other: reference },
    lines: draft.lines.map((line, index) => ({
      lineNumber: index + 1,
      sortKey: index + 1,
      product: { productNumber: refs.productNumbers[index] as string },
      description: clipText(line.description || line.kind, 2500),
      quantity: sign * line.quantity,
      unitNetPrice: toEconomicAmount(line.unitNet, draft.currency),
    })),
  });
}

/** Recipient VAT zone for the whole document: it, not the customer's, decides e-conomic's VAT. */
export function documentZone(lines: DraftLine[]): ZoneKey {
  const zones = lines.map((line) => zoneForTreatment(line.vatTreatment));
  return zones.includes("eu") ? "eu" : zones.includes("abroad") ? "abroad" : "domestic";
}

export async function createDocument(
  client: EconomicClient,
  draft: DocumentDraft,
  body: ReturnType<typeof buildDraftBody>,
): Promise<LedgerDocument> {
  const kind: Kind = draft.kind;
  const existing = await findDocument(client, kind, draft.externalReference);
  if (existing) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "conflict",
      existingId: existing.id,
      detail: `${kind} ${draft.externalReference} exists as ${existing.state} ${existing.id}`,
      messageKey: "ledgerError.economic.alreadyHas",
      params: {
        document: kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
        state: existing.state === "booked" ? "ledgerError.word.number" : "ledgerError.word.draft",
        id: existing.id,
      },
    });
  }
  const created = await client.request(
    {
      method: "POST",
      path: "/invoices/drafts",
      body,
      idempotencyKey: idempotencyKey(kind, draft.externalReference, body),
      operation: `create the ${label(kind)}`,
    },
    draftInvoiceSchema,
  );
  const document = fromDraft(kind, created, draft.externalReference);
  if (document.totalGross !== draft.totals.gross) {
    await discardDraft(client, created, draft.externalReference);
    throw totalMismatch(draft, document.totalGross);
  }
  return document;
}

export async function bookDocument(
  client: EconomicClient,
  document: LedgerDocument,
  options: { number?: number; sendByEmail: boolean },
): Promise<LedgerDocument> {
  if (document.state === "booked") return document;
  const body = {
    draftInvoice: { draftInvoiceNumber: Number(document.id) },
    ...(options.number !== undefined ? { bookWithNumber: options.number } : {}),
    ...(options.sendByEmail && document.kind === "invoice" ? { sendBy: "Email" as const } : {}),
  };
  try {
    const booked = await client.request(
      {
        method: "POST",
        path: "/invoices/booked",
        body,
        idempotencyKey: idempotencyKey(`book-${document.kind}`, document.externalReference, body),
        operation: `book the ${label(document.kind)}`,
      },
      bookedInvoiceSchema,
    );
    return fromBooked(document.kind, booked, document.externalReference);
  } catch (error) {
    // The draft is gone when an earlier booking went through but its answer was lost.
    if (
      !(error instanceof LedgerError) ||
      error.kind !== "validation" ||
      !/draftInvoice/i.test(error.message)
    )
      throw error;
    const found = await findDocument(client, document.kind, document.externalReference);
    if (found?.state === "booked") return found;
    throw error;
  }
}

/** Booked first (a booked document is final), then drafts. */
export async function findDocument(
  client: EconomicClient,
  kind: Kind,
  externalReference: string,
): Promise<LedgerDocument | null> {
  const lookUp = async <T extends EconomicDraftInvoice | EconomicBookedInvoice>(
    path: string,
    schema: z.ZodType<T>,
  ): Promise<T | undefined> => {
    const found = await client.request(
      {
        method: "GET",
        path,
        query: { filter: `references.other$eq:${filterValue(externalReference)}`, pagesize: "100" },
        operation: `look up the ${label(kind)}`,
      },
      collectionOf(schema),
    );
    return found.collection.find((invoice) => matches(kind, invoice, externalReference));
  };
  const bookedMatch = await lookUp("/invoices/booked", bookedInvoiceSchema);
  if (bookedMatch) return fromBooked(kind, bookedMatch, externalReference);
  const draftMatch = await lookUp("/invoices/drafts", draftInvoiceSchema);
  return draftMatch ? fromDraft(kind, draftMatch, externalReference) : null;
}

export async function readBooked(
  client: EconomicClient,
  document: LedgerDocument,
): Promise<EconomicBookedInvoice> {
  return client.request(
    {
      method: "GET",
      path: `/invoices/booked/${Number(document.number ?? document.id)}`,
      operation: `read ${label(document.kind)} ${document.number}`,
    },
    bookedInvoiceSchema,
  );
}

/** Filtering is case-insensitive, so the exact reference is checked again here. */
function matches(
  kind: Kind,
  invoice: EconomicDraftInvoice | EconomicBookedInvoice,
  externalReference: string,
): boolean {
  if (invoice.references?.other !== externalReference) return false;
  return kind === "creditNote" ? invoice.grossAmount <= 0 : invoice.grossAmount >= 0;
}

/** Credit notes come back negative; the contract compares magnitudes with the draft's positive total. */
function grossOf(kind: Kind, invoice: { grossAmount: number; currency: string }): number {
  const gross = fromEconomicAmount(invoice.grossAmount, invoice.currency);
  return kind === "creditNote" ? -gross : gross;
}

function fromDraft(kind: Kind, invoice: EconomicDraftInvoice, externalReference: string): LedgerDocument {
  return {
    kind,
    id: String(invoice.draftInvoiceNumber),
    state: "draft",
    totalGross: grossOf(kind, invoice),
    externalReference,
    version: documentVersion(invoice),
  };
}

function fromBooked(kind: Kind, invoice: EconomicBookedInvoice, externalReference: string): LedgerDocument {
  return {
    kind,
    id: String(invoice.bookedInvoiceNumber),
    number: String(invoice.bookedInvoiceNumber),
    state: "booked",
    totalGross: grossOf(kind, invoice),
    externalReference,
    version: documentVersion(invoice),
  };
}

/** Customer and currency travel with the document, saving a read before each payment. */
function documentVersion(invoice: { customer: { customerNumber: number }; currency: string }): string {
  return `${invoice.customer.customerNumber}:${invoice.currency}`;
}

export function parseDocumentVersion(
  version: string | undefined,
): { customerNumber: number; currency: string } | undefined {
  const match = version ? /^(\d+):([A-Z]{3})$/.exec(version) : null;
  return match ? { customerNumber: Number(match[1]), currency: match[2] as string } : undefined;
}

async function discardDraft(
  client: EconomicClient,
  draft: EconomicDraftInvoice,
  externalReference: string,
): Promise<void> {
  await client.request(
    {
      method: "DELETE",
      path: `/invoices/drafts/${draft.draftInvoiceNumber}`,
      idempotencyKey: idempotencyKey("discard-draft", externalReference, { draft: draft.draftInvoiceNumber }),
      operation: "remove the draft with the wrong total",
    },
    anySchema,
  );
}

function totalMismatch(draft: DocumentDraft, ledgerGross: number): LedgerError {
  const format = (minor: number) => `${toEconomicAmount(minor, draft.currency)} ${draft.currency}`;
  return new LedgerError({
    provider: PROVIDER,
    kind: "validation",
    detail: `gross ${ledgerGross} from e-conomic vs ${draft.totals.gross} expected for ${draft.externalReference}`,
    messageKey: "ledgerError.economic.totalMismatch",
    params: {
      theirs: format(ledgerGross),
      document: draft.kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
      source: isCredit(draft) ? "ledgerError.word.refund" : "ledgerError.word.order",
      ours: format(draft.totals.gross),
    },
  });
}

function isCredit(draft: DocumentDraft): draft is CreditNoteDraft {
  return draft.kind === "creditNote";
}

function label(kind: Kind): string {
  return kind === "invoice" ? "invoice" : "credit note";
}
