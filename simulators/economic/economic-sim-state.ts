import {
  FIRST_BOOKED_INVOICE_NUMBER,
  seedAccounts,
  seedAccountingYears,
  seedAgreement,
  seedCustomerGroups,
  seedExchangeRates,
  seedJournals,
  seedLayouts,
  seedPaymentTerms,
  seedProductGroups,
  seedVatAccounts,
  seedVatZones,
} from "./economic-sim-seed";

/**
 * The simulated agreement's in-memory state. Tests read it directly (counts, documents,
 * e-mails); the HTTP routes are the only writers.
 */

export type Json = Record<string, unknown>;

export interface SimCustomer {
  customerNumber: number;
  /** The writable properties as last stored (POST/PUT body minus read-only ones). */
  data: Json;
  lastUpdated: string;
}

export interface SimProduct {
  productNumber: string;
  data: Json;
  lastUpdated: string;
}

export interface SimLine {
  lineNumber: number;
  sortKey: number;
  productNumber: string;
  description: string;
  quantity: number;
  unitNetPrice: number;
  discountPercentage?: number;
  accountNumber: number;
  vatCode?: string;
  /** Line net in minor units (øre) after discount. */
  netCents: number;
}

export interface SimInvoice {
  draftInvoiceNumber: number;
  bookedInvoiceNumber?: number;
  /** Writable request properties as stored; rendered back on GET. */
  data: Json;
  customerNumber: number;
  currency: string;
  exchangeRate: number;
  date: string;
  dueDate: string;
  lines: SimLine[];
  netCents: number;
  vatCents: number;
  grossCents: number;
  lastUpdated: string;
  sentBy?: "Email" | "EAN";
}

export interface SimVoucherEntry {
  journalEntryNumber: number;
  entryType: "customerPayment" | "financeVoucher";
  /** Finance vouchers: the account the amount posts to, and its VAT code. */
  accountNumber?: number;
  vatCode?: string;
  customerNumber?: number;
  customerInvoice?: number;
  amountCents: number;
  currency: string;
  contraAccountNumber?: number;
  date: string;
  text?: string;
}

export interface SimVoucher {
  journalNumber: number;
  accountingYear: string;
  voucherNumber: number;
  entries: SimVoucherEntry[];
}

export interface SimEmail {
  to: string;
  bookedInvoiceNumber: number;
  subject: string;
  at: string;
}

export class EconomicSimState {
  readonly agreement = structuredClone(seedAgreement);
  readonly accounts = structuredClone(seedAccounts);
  readonly vatAccounts = structuredClone(seedVatAccounts);
  readonly vatZones = structuredClone(seedVatZones);
  readonly customerGroups = structuredClone(seedCustomerGroups);
  readonly paymentTerms = structuredClone(seedPaymentTerms);
  readonly layouts = structuredClone(seedLayouts);
  readonly productGroups = structuredClone(seedProductGroups);
  readonly journals = structuredClone(seedJournals);
  readonly accountingYears = structuredClone(seedAccountingYears);
  readonly exchangeRates = { ...seedExchangeRates };

  readonly customers = new Map<number, SimCustomer>();
  /** Keyed by lower-cased product number: the identifier is matched without regard to case. */
  readonly products = new Map<string, SimProduct>();
  readonly invoices: SimInvoice[] = [];
  readonly vouchers: SimVoucher[] = [];
  readonly emails: SimEmail[] = [];

  /** App secret tokens the simulated e-conomic knows (our registered app). */
  readonly appSecretTokens = new Set<string>();
  /** Agreement grant tokens issued to the app for this agreement (revocable). */
  readonly grantTokens = new Set<string>();

  private nextDraft = 1;
  private nextBooked = FIRST_BOOKED_INVOICE_NUMBER;
  private nextEntry = 1;

  constructor(tokens: { appSecretToken: string; agreementGrantToken: string }) {
    this.appSecretTokens.add(tokens.appSecretToken);
    this.grantTokens.add(tokens.agreementGrantToken);
  }

  /** Customer numbers are server-assigned as the lowest free number (deleted numbers are reused). */
  freeCustomerNumber(): number {
    let candidate = 1;
    while (this.customers.has(candidate)) candidate++;
    return candidate;
  }

  takeDraftNumber(): number {
    return this.nextDraft++;
  }

  bookedNumberInUse(number: number): boolean {
    return this.invoices.some((invoice) => invoice.bookedInvoiceNumber === number);
  }

  /** The next free invoice number after the highest one used. */
  takeBookedNumber(requested?: number): number {
    const number = requested ?? this.nextBooked;
    this.nextBooked = Math.max(this.nextBooked, number + 1);
    return number;
  }

  takeJournalEntryNumber(): number {
    return this.nextEntry++;
  }

  drafts(): SimInvoice[] {
    return this.invoices.filter((invoice) => invoice.bookedInvoiceNumber === undefined);
  }

  booked(): SimInvoice[] {
    return this.invoices.filter((invoice) => invoice.bookedInvoiceNumber !== undefined);
  }

  findBooked(number: number): SimInvoice | undefined {
    return this.invoices.find((invoice) => invoice.bookedInvoiceNumber === number);
  }

  findDraft(number: number): SimInvoice | undefined {
    return this.invoices.find(
      (invoice) => invoice.draftInvoiceNumber === number && invoice.bookedInvoiceNumber === undefined,
    );
  }

  product(productNumber: string): SimProduct | undefined {
    return this.products.get(productNumber.toLowerCase());
  }

  voucherEntries(): SimVoucherEntry[] {
    return this.vouchers.flatMap((voucher) => voucher.entries);
  }

  /** Open amount of a booked invoice: booked customer payments only (drafted journal entries do not count). */
  remainderCents(invoice: SimInvoice): number {
    return invoice.grossCents;
  }
}
