import type { CreditNoteDraft, InvoiceDraft } from "../../domain/invoice-draft";
import { LEDGER_CONTRACT_VERSION, type LedgerAdapter, type LedgerAdapterInit } from "../ledger-contract";
import { EconomicClient } from "./economic-client";
import { type EconomicCredentials, economicCredentialsSchema, economicMeta } from "./economic-credentials";
import { findOrCreateCustomer } from "./economic-customers";
import {
  bookDocument,
  confirmEmailedOnBooking,
  createDocument,
  economicDocumentBodies,
  findDocument,
} from "./economic-documents";
import { bookEconomicJournalEntry, findEconomicJournalEntry } from "./economic-journal-entry";
import { economicLists } from "./economic-lists";
import { registerCustomerPayment } from "./economic-payments";
import { ensureProduct, productNumberForSku } from "./economic-products";
import { type EconomicSettingsOverrides, EconomicLookups } from "./economic-settings";

export interface EconomicAdapterOptions extends EconomicSettingsOverrides {
  /**
   * e-conomic sends invoices by e-mail only at the moment they are booked (`sendBy: "Email"`);
   * there is no API call to e-mail a booked invoice later. When the shop wants invoices
   * e-mailed, turn this on: bookInvoice then books with e-mail to the customer's address, and
   * emailInvoice confirms it was sent.
   */
  emailOnBooking?: boolean;
}

export function createEconomicAdapter(
  init: LedgerAdapterInit<EconomicCredentials>,
  options: EconomicAdapterOptions = {},
): LedgerAdapter {
  const credentials = economicCredentialsSchema.parse(init.credentials);
  const client = new EconomicClient({ ...init, credentials });
  const lookups = new EconomicLookups(client, options);
  const documents = economicDocumentBodies(client, lookups);

  const adapter: LedgerAdapter = {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "economic",
    vatRounding: economicMeta.vatRounding,
    capabilities: { stock: null, lockDocumentNumber: true, email: "onBooking", exchangeRate: true },

    ...economicLists(client, lookups),

    findOrCreateCustomer: (customer) => findOrCreateCustomer(client, lookups, customer),

    ensureProduct: (product, ensureOptions) =>
      ensureProduct(client, lookups, { ...product, sku: productNumberForSku(product.sku) }, ensureOptions),

    async createInvoice(draft: InvoiceDraft, refs, write) {
      const body = await documents.draftBody(draft, refs, draft.header, () =>
        lookups.paymentTermsFor(draft.paymentTermsDays),
      );
      return createDocument(client, draft, body, write);
    },

    bookInvoice: (document, bookOptions) =>
      bookDocument(client, document, {
        ...(bookOptions?.number !== undefined ? { number: bookOptions.number } : {}),
        sendByEmail: options.emailOnBooking === true,
      }),

    registerPayment: (document, payment) => registerCustomerPayment(client, lookups, document, payment),

    emailInvoice: (document) => confirmEmailedOnBooking(client, document, options.emailOnBooking === true),

    async createCreditNote(draft: CreditNoteDraft, refs, write) {
      const invoiceNumber = refs.invoice.number ?? refs.invoice.id;
      // e-conomic has no credited-invoice link: the heading names the invoice, as its own credit notes do.
      const heading = `Kreditnota til faktura ${invoiceNumber}`;
      const body = await documents.draftBody(draft, refs, heading, () => lookups.defaultPaymentTerms());
      return createDocument(client, draft, body, write);
    },

    bookCreditNote: (document) => bookDocument(client, document, { sendByEmail: false }),

    registerRefund: (document, payment) => registerCustomerPayment(client, lookups, document, payment),

    findDocument: (kind, externalReference) => findDocument(client, kind, externalReference),
    bookJournalEntry: (entry) => bookEconomicJournalEntry(client, lookups, entry),
    findJournalEntry: (key) => findEconomicJournalEntry(client, lookups, key),
  };
  return adapter;
}
