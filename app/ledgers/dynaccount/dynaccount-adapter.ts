import { LEDGER_CONTRACT_VERSION, type LedgerAdapter, type LedgerAdapterInit } from "../ledger-contract";
import { DynaccountClient } from "./dynaccount-client";
import type { DynaccountContext } from "./dynaccount-context";
import { type DynaccountCredentials, dynaccountMeta } from "./dynaccount-credentials";
import { findOrCreateDebtor } from "./dynaccount-customers";
import {
  bookDynaccountCreditNote,
  bookDynaccountInvoice,
  createDynaccountCreditNote,
  createDynaccountInvoice,
  emailDynaccountInvoice,
  findDynaccountDocument,
} from "./dynaccount-documents";
import { bookDynaccountJournalEntry, findDynaccountJournalEntry } from "./dynaccount-journal-entry";
import {
  listDynaccountDepositAccounts,
  listDynaccountPaymentTerms,
  listDynaccountSalesAccounts,
  listDynaccountVatCodes,
  verifyDynaccountConnection,
} from "./dynaccount-lists";
import { registerDynaccountPayment, registerDynaccountRefund } from "./dynaccount-payments";
import { ensureDynaccountProduct, readDynaccountStock } from "./dynaccount-products";

/**
 * Dynaccount (API v7) behind the shared ledger contract. Invoices take the order path (debtor
 * order → booked debtor invoice with Dynaccount's number, e-mailed by Dynaccount); payments and
 * refunds are vouchers in a booking draft. See docs/ledgers/dynaccount.md for the reasons.
 */
export function createDynaccountAdapter(init: LedgerAdapterInit<DynaccountCredentials>): LedgerAdapter {
  const context: DynaccountContext = {
    client: new DynaccountClient(init),
    credentials: init.credentials,
    cache: {},
  };
  return {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "dynaccount",
    vatRounding: dynaccountMeta.vatRounding,
    capabilities: {
      stock: { readStock: (skus) => readDynaccountStock(context, skus) },
      // Dynaccount numbers invoices itself when it books the order.
      lockDocumentNumber: false,
      email: "separately",
      exchangeRate: false,
    },
    verifyConnection: () => verifyDynaccountConnection(context),
    listSalesAccounts: () => listDynaccountSalesAccounts(context),
    listDepositAccounts: () => listDynaccountDepositAccounts(context),
    listVatCodes: () => listDynaccountVatCodes(context),
    listPaymentTerms: () => listDynaccountPaymentTerms(context),
    // Dynaccount's API has no layout table; invoices use the company's own layout.
    listLayouts: () => Promise.resolve([]),
    findOrCreateCustomer: (customer) => findOrCreateDebtor(context, customer),
    ensureProduct: (product, options) => ensureDynaccountProduct(context, product, options),
    createInvoice: (draft, refs, write) => createDynaccountInvoice(context, draft, refs, write),
    bookInvoice: (document, options) => bookDynaccountInvoice(context, document, options),
    registerPayment: (document, payment, write) =>
      registerDynaccountPayment(context, document, payment, write),
    emailInvoice: (document, request) => emailDynaccountInvoice(context, document, request),
    createCreditNote: (draft, refs, write) => createDynaccountCreditNote(context, draft, refs, write),
    bookCreditNote: (document) => bookDynaccountCreditNote(context, document),
    registerRefund: (document, payment, write) => registerDynaccountRefund(context, document, payment, write),
    findDocument: (kind, externalReference) => findDynaccountDocument(context, kind, externalReference),
    bookJournalEntry: (entry) => bookDynaccountJournalEntry(context, entry),
    findJournalEntry: (key) => findDynaccountJournalEntry(context, key),
  };
}
