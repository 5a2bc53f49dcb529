import type { CreditNoteDraft, DocumentDraft, InvoiceDraft } from "../../domain/invoice-draft";
import {
  LEDGER_CONTRACT_VERSION,
  type LedgerAdapter,
  type LedgerAdapterInit,
  type LedgerDocument,
  type LedgerOption,
} from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { ledgerExchangeRate } from "../ledger-exchange-rate";
import { EconomicClient } from "./economic-client";
import { type EconomicCredentials, economicCredentialsSchema, economicMeta } from "./economic-credentials";
import { findOrCreateCustomer } from "./economic-customers";
import {
  bookDocument,
  buildDraftBody,
  createDocument,
  documentZone,
  findDocument,
  readBooked,
} from "./economic-documents";
import { PROVIDER } from "./economic-errors";
import { type EconomicSettingsOverrides, EconomicLookups, listAll } from "./economic-lookups";
import { bookEconomicJournalEntry, findEconomicJournalEntry } from "./economic-journal-entry";
import { registerCustomerPayment } from "./economic-payments";
import { ensureProduct, productNumberForSku, serviceProductSpec } from "./economic-products";
import { accountSchema, layoutSchema, paymentTermsSchema, vatAccountSchema } from "./economic-schemas";

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

  const adapter: LedgerAdapter = {
    contractVersion: LEDGER_CONTRACT_VERSION,
    provider: "economic",
    vatRounding: economicMeta.vatRounding,

    async verifyConnection() {
      const self = await lookups.self();
      return {
        organisations: [
          {
            id: String(self.agreementNumber),
            name: self.company?.name ?? `Agreement ${self.agreementNumber}`,
          },
        ],
      };
    },

    // Revenue accounts (profit & loss, credit side) that are open; lines reach them through product groups.
    async listSalesAccounts() {
      const accounts = await listAll(client, "/accounts", accountSchema, {
        operation: "list the sales accounts",
        filter: "accountType$eq:profitAndLoss",
      });
      return accounts
        .filter((account) => account.debitCredit === "credit" && !account.barred)
        .map(accountOption);
    },

    // Balance-sheet asset accounts that take direct entries: bank, cash, payment-provider clearing.
    async listDepositAccounts() {
      const accounts = await listAll(client, "/accounts", accountSchema, {
        operation: "list the deposit accounts",
        filter: "accountType$eq:status",
      });
      return accounts
        .filter(
          (account) => account.debitCredit === "debit" && !account.barred && !account.blockDirectEntries,
        )
        .map(accountOption);
    },

    async listVatCodes() {
      const codes = await listAll(client, "/vat-accounts", vatAccountSchema, {
        operation: "list the VAT codes",
      });
      return codes
        .filter((code) => !code.barred)
        .map((code) => ({
          id: code.vatCode,
          label: `${code.vatCode} ${code.name ?? ""}`.trim(),
          ...(typeof code.ratePercentage === "number" ? { rate: Math.round(code.ratePercentage * 100) } : {}),
        }));
    },

    async listPaymentTerms() {
      const terms = await listAll(client, "/payment-terms", paymentTermsSchema, {
        operation: "list the payment terms",
      });
      return terms.map((term) => ({
        id: String(term.paymentTermsNumber),
        label: term.name ?? `Terms ${term.paymentTermsNumber}`,
      }));
    },

    async listLayouts() {
      const layouts = await listAll(client, "/layouts", layoutSchema, { operation: "list the layouts" });
      return layouts
        .filter((layout) => !layout.deleted)
        .map((layout) => ({
          id: String(layout.layoutNumber),
          label: layout.name ?? `Layout ${layout.layoutNumber}`,
        }));
    },

    findOrCreateCustomer: (customer) => findOrCreateCustomer(client, lookups, customer),

    ensureProduct: (product, ensureOptions) =>
      ensureProduct(client, lookups, { ...product, sku: productNumberForSku(product.sku) }, ensureOptions),

    async createInvoice(draft: InvoiceDraft, refs) {
      const body = await draftBody(draft, refs, draft.header, () =>
        lookups.paymentTermsFor(draft.paymentTermsDays),
      );
      return createDocument(client, draft, body);
    },

    bookInvoice: (document, bookOptions) =>
      bookDocument(client, document, {
        ...(bookOptions?.number !== undefined ? { number: bookOptions.number } : {}),
        sendByEmail: options.emailOnBooking === true,
      }),

    registerPayment: (document, payment) => registerCustomerPayment(client, lookups, document, payment),

    async emailInvoice(document: LedgerDocument) {
      if (!options.emailOnBooking) {
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
    },

    async createCreditNote(draft: CreditNoteDraft, refs) {
      const invoiceNumber = refs.invoice.number ?? refs.invoice.id;
      // e-conomic has no credited-invoice link: the heading names the invoice, as its own credit notes do.
      const heading = `Kreditnota til faktura ${invoiceNumber}`;
      const body = await draftBody(draft, refs, heading, () => lookups.defaultPaymentTerms());
      return createDocument(client, draft, body);
    },

    bookCreditNote: (document) => bookDocument(client, document, { sendByEmail: false }),

    registerRefund: (document, payment) => registerCustomerPayment(client, lookups, document, payment),

    findDocument: (kind, externalReference) => findDocument(client, kind, externalReference),
    bookJournalEntry: (entry) => bookEconomicJournalEntry(client, lookups, entry),
    findJournalEntry: (key) => findEconomicJournalEntry(client, lookups, key),
  };
  return adapter;
}

function accountOption(account: { accountNumber: number; name?: string | null }): LedgerOption {
  return {
    id: String(account.accountNumber),
    label: `${account.accountNumber} ${account.name ?? ""}`.trim(),
  };
}
