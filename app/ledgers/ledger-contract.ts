import type {
  CreditNoteDraft,
  DraftCustomer,
  DraftPayment,
  InvoiceDraft,
  VatTreatment,
} from "../domain/invoice-draft";
import type { PayoutEntry } from "../domain/payouts/payout-entry";
import type { LedgerVatRounding } from "../domain/vat/ledger-rounding";

/**
 * The contract every ledger adapter implements (Dinero, Billy, e-conomic, Dynaccount).
 * Versioned: a breaking change bumps `contractVersion` so a mismatch is a type error.
 *
 * Every method either resolves or rejects with a `LedgerError` (see ledger-error.ts) — never a
 * raw HTTP or network error. Methods that create things in the ledger are safe to call again
 * after a crash only together with `findDocument` (documents) or the find-half of
 * `findOrCreateCustomer` / `ensureProduct`; the transfer engine relies on that.
 */
export const LEDGER_CONTRACT_VERSION = "1" as const;

export type LedgerProviderId = "dinero" | "billy" | "economic" | "dynaccount";

export interface LedgerOption {
  /** The ledger's own id or number, stored in settings. */
  id: string;
  /** What the merchant sees in the dropdown, e.g. "1000 Salg af varer, moms". */
  label: string;
}

export interface VatCodeOption extends LedgerOption {
  /** Basis points, when the ledger states one. */
  rate?: number;
}

export interface Organisation {
  id: string;
  name: string;
}

export interface LedgerRef {
  id: string;
  /** True when this call created it (false when found). */
  created: boolean;
}

/** A journal entry as the ledger holds it; `number` is its voucher number once it has one. */
export interface JournalEntryRef extends LedgerRef {
  number?: string;
}

export interface LedgerDocument {
  kind: "invoice" | "creditNote";
  /** The ledger's id (guid, handle or number) of the document. */
  id: string;
  /** Booked document number, once booked. */
  number?: string;
  state: "draft" | "booked";
  /** Gross total as the ledger computed it, minor units — compared with the draft. */
  totalGross: number;
  externalReference: string;
  /** Opaque per-ledger data an adapter needs for the next step (e.g. Dinero's Timestamp). */
  version?: string;
  /** The document's currency, when the ledger's answer stated it (saves a read before a payment). */
  currency?: string;
}

/**
 * How much a write must look before it acts. `recovering: false` is the engine's promise that
 * no earlier attempt of this very write can have reached the ledger, so lookups by external
 * reference and read-backs of an earlier attempt are skipped. Omitted means recovering: callers
 * that cannot promise it get the safe, looking behaviour.
 */
export interface WriteOptions {
  recovering: boolean;
}

export interface ProductSpec {
  sku: string;
  name: string;
  /** Unit price excluding VAT, minor units, in `currency`. */
  unitNet: number;
  currency: string;
  vatTreatment: VatTreatment;
  vatRate: number;
  account: string;
}

export interface EmailRequest {
  recipient: string;
  subject?: string;
  body: string;
}

/** Stock on hand, where the ledger keeps it. */
export interface LedgerStock {
  /** Stock on hand per SKU (SKUs the ledger does not know are left out or 0, as the ledger says). */
  readStock(skus: string[]): Promise<Map<string, number>>;
}

/**
 * What a ledger can do beyond the common ground of the contract. Callers branch on these, never
 * on the provider id or on whether an optional method happens to exist.
 */
export interface LedgerCapabilities {
  /** Stock on hand per SKU; null where the ledger keeps no stock. */
  readonly stock: LedgerStock | null;
  /** `bookInvoice` honours `options.number` (the order number becomes the invoice number). */
  readonly lockDocumentNumber: boolean;
  /**
   * "separately": `emailInvoice` sends a booked invoice. "onBooking": the ledger can send an
   * invoice only while booking it (e-conomic); `emailInvoice` then confirms it was sent.
   */
  readonly email: "separately" | "onBooking";
  /** A foreign-currency document carries the shop's own exchange rate (else the ledger's daily rate). */
  readonly exchangeRate: boolean;
}

export interface LedgerAdapter {
  readonly contractVersion: typeof LEDGER_CONTRACT_VERSION;
  readonly provider: LedgerProviderId;
  /** How this ledger computes VAT from the nets it is sent; the draft is laid out for it. */
  readonly vatRounding: LedgerVatRounding;
  readonly capabilities: LedgerCapabilities;

  /** Checks the credentials and lists the organisations (companies, agreements) they reach. */
  verifyConnection(): Promise<{ organisations: Organisation[] }>;

  /** Dropdown sources for settings; merchants never type account numbers. */
  listSalesAccounts(): Promise<LedgerOption[]>;
  listDepositAccounts(): Promise<LedgerOption[]>;
  listVatCodes(): Promise<VatCodeOption[]>;
  /** Empty where the ledger has no such concept. */
  listPaymentTerms(): Promise<LedgerOption[]>;
  listLayouts(): Promise<LedgerOption[]>;

  /** Finds the customer by `customer.match`, creating it when absent. */
  findOrCreateCustomer(customer: DraftCustomer): Promise<LedgerRef>;

  /** Finds the product by SKU; creates it (or updates its price when `update`) when needed. */
  ensureProduct(product: ProductSpec, options: { update: boolean }): Promise<LedgerRef>;

  /** Creates an unbooked invoice. `productIds` maps SKU → ledger product id from ensureProduct. */
  createInvoice(
    draft: InvoiceDraft,
    refs: { customerId: string; productIds: ReadonlyMap<string, string> },
    options?: WriteOptions,
  ): Promise<LedgerDocument>;

  /** Books (approves) a draft; `number` locks the document number where the ledger allows. */
  bookInvoice(document: LedgerDocument, options?: { number?: number }): Promise<LedgerDocument>;

  /** Registers a payment of the booked invoice to the deposit account. Returns its ledger id. */
  registerPayment(
    document: LedgerDocument,
    payment: DraftPayment,
    options?: WriteOptions,
  ): Promise<LedgerRef>;

  /** Sends the booked invoice by the ledger's e-mail. */
  emailInvoice(document: LedgerDocument, request: EmailRequest): Promise<void>;

  /** Creates an unbooked credit note linked to the booked invoice (full or partial). */
  createCreditNote(
    draft: CreditNoteDraft,
    refs: {
      invoice: LedgerDocument;
      customerId: string;
      productIds: ReadonlyMap<string, string>;
    },
    options?: WriteOptions,
  ): Promise<LedgerDocument>;

  bookCreditNote(document: LedgerDocument): Promise<LedgerDocument>;

  /** Registers the money paid back for a booked credit note. */
  registerRefund(document: LedgerDocument, payment: DraftPayment, options?: WriteOptions): Promise<LedgerRef>;

  /** Crash recovery: the document carrying our external reference, or null. */
  findDocument(kind: "invoice" | "creditNote", externalReference: string): Promise<LedgerDocument | null>;

  /**
   * Books one balanced journal entry (a payout) with the ledger's own voucher mechanism, once:
   * an entry already carrying `entry.businessKey` is returned (created: false) instead of booked
   * again. An entry whose lines do not add up to zero is refused before any request.
   */
  bookJournalEntry(entry: PayoutEntry): Promise<JournalEntryRef>;

  /** Crash recovery: the entry carrying this business key (searched around `date`), if any. */
  findJournalEntry(key: { businessKey: string; date: string }): Promise<JournalEntryRef | undefined>;
}

/** Where an adapter reaches its ledger; always configurable so tests and the demo use simulators. */
export interface LedgerEndpoints {
  apiBaseUrl: string;
  /** OAuth / token endpoint base, where the ledger has one. */
  authBaseUrl?: string;
}

/** Everything an adapter factory gets; credentials arrive decrypted, only in memory. */
export interface LedgerAdapterInit<Credentials> {
  credentials: Credentials;
  /** The organisation / agreement chosen by the merchant (where the ledger has several). */
  organisationId?: string;
  endpoints: LedgerEndpoints;
  /** Injected so tests can observe traffic; defaults to global fetch. */
  fetch?: typeof fetch;
  /** Called before every HTTP request: the shared per-connection rate limiter hooks in here. */
  beforeRequest?: () => Promise<void>;
  /** Request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /**
   * Where a ledger rotates credentials itself (Dinero's refresh tokens), the changed values are
   * handed here and must be stored at once; the old ones stop working.
   */
  onCredentialsRefreshed?: (changed: object) => Promise<void>;
}
