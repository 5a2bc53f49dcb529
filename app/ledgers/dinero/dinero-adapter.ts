import type { DocumentDraft } from "../../domain/invoice-draft";
import type { LedgerAdapter, LedgerAdapterInit, LedgerDocument } from "../ledger-contract";
import { LEDGER_CONTRACT_VERSION } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { buildCreditNoteBody, buildInvoiceBody } from "./dinero-requests";
import { createDineroClient } from "./dinero-client";
import { bookVoucher, createVoucher, emailVoucher, findVoucherByReference } from "./dinero-documents";
import { findOrCreateContact } from "./dinero-customers";
import type { DineroCredentials } from "./dinero-credentials";
import { dineroCredentialsSchema, dineroMeta } from "./dinero-credentials";
import { DINERO_PROVIDER } from "./dinero-errors";
import { bookDineroJournalEntry, findDineroJournalEntry } from "./dinero-journal-entry";
import { dineroGuid } from "./dinero-guid";
import { createTransport } from "./dinero-http";
import { DINERO_AUTHZ_BASE_URL, VISMA_CONNECT_BASE_URL } from "./dinero-oauth";
import { registerVoucherPayment } from "./dinero-payments";
import { ensureDineroProduct } from "./dinero-products";
import { DEFAULT_REQUESTS_PER_MINUTE, sharedPacer } from "./dinero-request-pacer";
import {
  dineroPaymentTerms,
  listDineroDepositAccounts,
  listDineroLayouts,
  listDineroSalesAccounts,
  listDineroVatCodes,
  verifyDineroConnection,
} from "./dinero-lists";
import { createDineroTokenSource } from "./dinero-token-source";

export interface DineroAdapterOptions {
  /** This process's own budget per organisation (Dinero allows 100/min; 55 leaves headroom). */
  requestsPerMinute?: number;
}

export function createDineroAdapter(
  init: LedgerAdapterInit<DineroCredentials>,
  options: DineroAdapterOptions = {},
): LedgerAdapter {
  const { onTokensRefreshed, ...stored } = init.credentials;
  const parsed = dineroCredentialsSchema.safeParse(stored);
  if (!parsed.success) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "authentication",
      detail: `invalid Dinero credentials: ${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}`,
      messageKey: "ledgerError.connectionIncomplete",
      params: { ledger: "Dinero" },
    });
  }
  const credentials = parsed.data;
  const transport = createTransport(init);
  const tokens = createDineroTokenSource(credentials, onTokensRefreshed ? { onTokensRefreshed } : {}, {
    ...(init.fetch ? { fetch: init.fetch } : {}),
    ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
    ...(init.beforeRequest ? { beforeRequest: init.beforeRequest } : {}),
    authBaseUrl:
      init.endpoints.authBaseUrl ??
      (credentials.kind === "apiKey" ? DINERO_AUTHZ_BASE_URL : VISMA_CONNECT_BASE_URL),
  });
  const pacerKey = `${init.endpoints.apiBaseUrl}|${init.organisationId ?? credentials.clientId}`;
  const client = createDineroClient({
    apiBaseUrl: init.endpoints.apiBaseUrl,
    transport,
    tokens,
    pacer: sharedPacer(pacerKey, options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE),
    ...(init.organisationId ? { organisationId: init.organisationId } : {}),
  });
  const guidFor = async (kind: "invoice" | "creditNote", reference: string) =>
    dineroGuid(await client.organisationId(), kind, reference);

  return {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "dinero",
    vatRounding: dineroMeta.vatRounding,
    // Dinero converts a foreign-currency voucher at its own rate.
    capabilities: { stock: null, lockDocumentNumber: true, email: "separately", exchangeRate: false },

    verifyConnection: () => verifyDineroConnection(client, init.organisationId),
    listSalesAccounts: () => listDineroSalesAccounts(client),
    listDepositAccounts: () => listDineroDepositAccounts(client),
    listVatCodes: () => listDineroVatCodes(client),
    listPaymentTerms: async () => dineroPaymentTerms(),
    listLayouts: () => listDineroLayouts(client),

    findOrCreateCustomer: (customer) => findOrCreateContact(client, customer),
    ensureProduct: (product, productOptions) => ensureDineroProduct(client, product, productOptions),

    async createInvoice(draft, refs) {
      const body = buildInvoiceBody(draft, {
        guid: await guidFor("invoice", draft.externalReference),
        ...refs,
      });
      return createVoucher(client, "invoice", body, expectedTotals(draft));
    },
    bookInvoice: (document, bookOptions) =>
      bookVoucher(client, "invoice", expectKind(document, "invoice"), bookOptions?.number),
    registerPayment: (document, payment, write) =>
      registerVoucherPayment(client, "invoice", expectKind(document, "invoice"), payment, write),
    emailInvoice: (document, request) =>
      emailVoucher(client, "invoice", expectKind(document, "invoice"), request),

    async createCreditNote(draft, refs) {
      const body = buildCreditNoteBody(draft, {
        guid: await guidFor("creditNote", draft.externalReference),
        customerId: refs.customerId,
        productIds: refs.productIds,
        invoiceId: refs.invoice.id,
      });
      return createVoucher(client, "creditNote", body, expectedTotals(draft));
    },
    bookCreditNote: (document) => bookVoucher(client, "creditNote", expectKind(document, "creditNote")),
    registerRefund: (document, payment, write) =>
      registerVoucherPayment(client, "creditNote", expectKind(document, "creditNote"), payment, write),

    findDocument: (kind, externalReference) => findVoucherByReference(client, kind, externalReference),
    bookJournalEntry: (entry) => bookDineroJournalEntry(client, entry),
    findJournalEntry: (key) => findDineroJournalEntry(client, key),
  };
}

function expectedTotals(draft: DocumentDraft) {
  return { gross: draft.totals.gross, vat: draft.totals.vat, lineCount: draft.lines.length, draft };
}

function expectKind(document: LedgerDocument, kind: LedgerDocument["kind"]): LedgerDocument {
  if (document.kind === kind) return document;
  throw new LedgerError({
    provider: DINERO_PROVIDER,
    kind: "validation",
    detail: `expected a ${kind}, got a ${document.kind} (${document.id})`,
    messageKey: "ledgerError.kindMixup",
  });
}
