import { LEDGER_CONTRACT_VERSION, type LedgerAdapter, type LedgerAdapterInit } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { BillyClient } from "./billy-client";
import { type BillyContext, createBillyContext } from "./billy-context";
import { type BillyCredentials, billyCredentialsSchema, billyMeta } from "./billy-credentials";
import { findOrCreateBillyCustomer } from "./billy-customers";
import {
  approveBillyDocument,
  bookBillyInvoice,
  createBillyCreditNote,
  createBillyInvoice,
  emailBillyInvoice,
  findBillyDocument,
} from "./billy-documents";
import { bookBillyJournalEntry, findBillyJournalEntry } from "./billy-journal-entry";
import {
  listBillyDepositAccounts,
  listBillySalesAccounts,
  listBillyVatCodes,
  verifyBillyConnection,
} from "./billy-lists";
import { registerBillyPayment, registerBillyRefund } from "./billy-payments";
import { ensureBillyProduct } from "./billy-products";

/**
 * Billy (Billy's Billing API v2) as a `LedgerAdapter`: the client and the shared context, wired
 * to the parts. Bodies are built in billy-requests.ts; see docs/ledgers/billy.md for the reasons.
 */
export function createBillyAdapter(init: LedgerAdapterInit<BillyCredentials>): LedgerAdapter {
  const parsed = billyCredentialsSchema.safeParse(init.credentials);
  if (!parsed.success) {
    throw new LedgerError({
      provider: "billy",
      kind: "authentication",
      messageKey: "ledgerError.billy.connectionIncomplete",
      detail: parsed.error.message,
    });
  }
  const credentials = parsed.data;
  const client = new BillyClient({
    accessToken: credentials.accessToken,
    apiBaseUrl: init.endpoints.apiBaseUrl,
    ...(init.fetch ? { fetch: init.fetch } : {}),
    ...(init.beforeRequest ? { beforeRequest: init.beforeRequest } : {}),
    ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
  });
  const context: BillyContext = createBillyContext(client, init.organisationId ?? credentials.organizationId);

  return {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "billy",
    vatRounding: billyMeta.vatRounding,
    capabilities: { stock: null, lockDocumentNumber: true, email: "separately", exchangeRate: true },
    verifyConnection: () => verifyBillyConnection(context),
    listSalesAccounts: () => listBillySalesAccounts(context),
    listDepositAccounts: () => listBillyDepositAccounts(context),
    listVatCodes: () => listBillyVatCodes(context),
    // Billy has no payment-terms or layout records: terms are days on each invoice.
    listPaymentTerms: () => Promise.resolve([]),
    listLayouts: () => Promise.resolve([]),
    findOrCreateCustomer: (customer) => findOrCreateBillyCustomer(context, customer),
    ensureProduct: (product, options) => ensureBillyProduct(context, product, options.update, true),
    createInvoice: (draft, refs, write) => createBillyInvoice(context, draft, refs, write),
    bookInvoice: (document, options) => bookBillyInvoice(context, document, options),
    registerPayment: (document, payment) => registerBillyPayment(context, document, payment),
    emailInvoice: (document, request) => emailBillyInvoice(context, document, request),
    createCreditNote: (draft, refs, write) => createBillyCreditNote(context, draft, refs, write),
    bookCreditNote: (document) => approveBillyDocument(context, document),
    registerRefund: (document, payment) => registerBillyRefund(context, document, payment),
    bookJournalEntry: (entry) => bookBillyJournalEntry(context.client, context.org, entry),
    findJournalEntry: (key) => findBillyJournalEntry(context.client, key),
    findDocument: (kind, externalReference) => findBillyDocument(context, kind, externalReference),
  };
}
