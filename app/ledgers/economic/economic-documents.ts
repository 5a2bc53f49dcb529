import type { z } from "zod";
import type { CreditNoteDraft, DocumentDraft } from "../../domain/invoice-draft";
import type { LedgerDocument, WriteOptions } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { toEconomicAmount } from "./economic-amounts";
import { fromBooked, fromDraft, matches } from "./economic-document-reads";
import type { EconomicClient } from "./economic-client";
import { PROVIDER } from "./economic-errors";
import { idempotencyKey, filterValue } from "./economic-request-keys";
import type { EconomicDraftBody } from "./economic-requests";
import { buildBookBody, buildDraftBody, documentZone } from "./economic-requests";
import { ensureProduct, serviceProductSpec } from "./economic-products";
import type { EconomicLookups } from "./economic-settings";
import { ledgerExchangeRate } from "../ledger-exchange-rate";
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

/**
 * The draft body with the agreement's numbers filled in and a product for every line: lines
 * without one of ours (shipping, fees) get a service product, created once per adapter.
 */
export function economicDocumentBodies(client: EconomicClient, lookups: EconomicLookups) {
  const serviceProducts = new Map<string, Promise<string>>();

  async function lineProducts(
    draft: DocumentDraft,
    productIds: ReadonlyMap<string, string>,
  ): Promise<string[]> {
    return Promise.all(
      draft.lines.map(async (line) => {
        const known = line.sku ? productIds.get(line.sku) : undefined;
        if (known) return known;
        if (line.sku && line.kind === "item") {
          throw new LedgerError({
            provider: PROVIDER,
            kind: "validation",
            detail: `no product id for SKU ${line.sku}`,
            messageKey: "ledgerError.economic.productNotPrepared",
            params: { sku: line.sku },
          });
        }
        const spec = serviceProductSpec(line, draft.currency);
        let pending = serviceProducts.get(spec.sku);
        if (!pending) {
          pending = ensureProduct(client, lookups, spec, { update: false }).then((ref) => ref.id);
          pending.catch(() => serviceProducts.delete(spec.sku));
          serviceProducts.set(spec.sku, pending);
        }
        return pending;
      }),
    );
  }

  async function draftBody(
    draft: DocumentDraft,
    refs: { customerId: string; productIds: ReadonlyMap<string, string> },
    heading: string,
    paymentTermsNumber: () => Promise<number>,
  ) {
    const zone = documentZone(draft.lines);
    return buildDraftBody(draft, {
      customerNumber: Number(refs.customerId),
      productNumbers: await lineProducts(draft, refs.productIds),
      layoutNumber: await lookups.layoutNumber(await lookups.customerGroupNumber(zone)),
      paymentTermsNumber: await paymentTermsNumber(),
      vatZoneNumber: await lookups.zoneNumber(zone),
      heading,
      // The shop's own rate (e-conomic: base-currency cost of 100 units, at most 6 decimals)
      // rather than e-conomic's daily rate, so the booked amounts match the shop's payout.
      exchangeRate: ledgerExchangeRate(draft, await lookups.baseCurrency(), { per: 100, decimals: 6 }),
    });
  }
  return { draftBody };
}

/** e-conomic e-mails only while booking: afterwards we can only confirm that it did. */
export async function confirmEmailedOnBooking(
  client: EconomicClient,
  document: LedgerDocument,
  emailOnBooking: boolean,
): Promise<void> {
  if (!emailOnBooking) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      detail: "e-conomic has no API call to e-mail a booked invoice",
      messageKey: "ledgerError.economic.emailOnlyWhenBooking",
    });
  }
  const booked = await readBooked(client, document);
  if (!booked.sent) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      detail: `booked invoice ${booked.bookedInvoiceNumber} shows no sending`,
      messageKey: "ledgerError.economic.bookedNotEmailed",
      params: { number: booked.bookedInvoiceNumber },
    });
  }
}

export async function createDocument(
  client: EconomicClient,
  draft: DocumentDraft,
  body: EconomicDraftBody,
  write: WriteOptions = { recovering: true },
): Promise<LedgerDocument> {
  const kind: Kind = draft.kind;
  // Only an unanswered earlier attempt can have left a document carrying our reference.
  const existing = write.recovering ? await findDocument(client, kind, draft.externalReference) : null;
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
  const body = buildBookBody(document, options);
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
