import { randomBytes } from "node:crypto";

/**
 * In-memory state of one simulated Billy company. Records are stored in Billy's wire shape
 * (belongs-to relations as `<name>Id`), except that money is kept in integer minor units
 * (`…Minor`) so the simulator's own arithmetic is exact; the serializer turns it back into
 * Billy's float amounts. Tests read this object directly.
 */

export type ContactType = "company" | "person";
export type TaxMode = "incl" | "excl";
export type InvoiceType = "invoice" | "creditNote";
export type InvoiceState = "draft" | "approved" | "voided";
export type CashSide = "debit" | "credit";

export interface SimOrganization {
  id: string;
  name: string;
  countryId: string;
  baseCurrencyId: string;
  defaultTaxMode: TaxMode;
  defaultSalesAccountId: string;
  defaultSalesTaxRulesetId: string;
  defaultBankFeeAccountId: string;
  defaultInvoiceBankAccountId: string;
  invoiceNoMode: string;
  nextInvoiceNo: number;
  paymentTermsMode: string;
  paymentTermsDays: number;
  hasVat: boolean;
  vatPeriod: string;
  localeId: string;
  isLocked: boolean;
}

export interface SimAccount {
  id: string;
  accountNo: number;
  name: string;
  natureId: "revenue" | "expense" | "asset" | "liability" | "equity";
  groupId: string;
  systemRole: string | null;
  currencyId: string | null;
  isPaymentEnabled: boolean;
  isBankAccount: boolean;
  isArchived: boolean;
}

export interface SimTaxRate {
  id: string;
  name: string;
  abbreviation: string;
  /** Basis points; serialized as Billy's fraction (0.25). */
  rateBp: number;
  appliesToSales: boolean;
  appliesToPurchases: boolean;
  isPredefined: boolean;
  isActive: boolean;
}

export interface SimSalesTaxRule {
  id: string;
  rulesetId: string;
  countryId: string | null;
  countryGroupId: string | null;
  contactType: ContactType | null;
  taxRateId: string;
  priority: number;
}

export interface SimSalesTaxRuleset {
  id: string;
  name: string;
  abbreviation: string;
  description: string;
  fallbackTaxRateId: string;
  isPredefined: boolean;
}

export interface SimContact {
  id: string;
  organizationId: string;
  type: ContactType;
  name: string;
  countryId: string;
  street: string | null;
  cityText: string | null;
  zipcodeText: string | null;
  contactNo: string | null;
  phone: string | null;
  registrationNo: string | null;
  ean: string | null;
  localeId: string | null;
  currencyId: string | null;
  isCustomer: boolean;
  isSupplier: boolean;
  paymentTermsMode: string;
  paymentTermsDays: number;
  isArchived: boolean;
  createdTime: string;
}

export interface SimContactPerson {
  id: string;
  contactId: string;
  isPrimary: boolean;
  name: string | null;
  email: string | null;
}

export interface SimProduct {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  accountId: string;
  productNo: string | null;
  suppliersProductNo: string | null;
  salesTaxRulesetId: string;
  isArchived: boolean;
}

export interface SimProductPrice {
  id: string;
  productId: string;
  currencyId: string;
  unitPriceMinor: number;
}

export interface SimInvoiceLine {
  id: string;
  invoiceId: string;
  productId: string;
  description: string;
  quantity: number;
  unitPrice: number;
  /** Net (excl. VAT) line amount after discount. */
  amountMinor: number;
  taxMinor: number;
  taxRateId: string;
  discountText: string | null;
  discountMode: "cash" | "percent" | null;
  discountValue: number | null;
  priority: number;
}

export interface SimInvoice {
  id: string;
  organizationId: string;
  type: InvoiceType;
  createdTime: string;
  approvedTime: string | null;
  contactId: string;
  attContactPersonId: string | null;
  entryDate: string;
  paymentTermsMode: string;
  paymentTermsDays: number;
  dueDate: string;
  state: InvoiceState;
  sentState: "unsent" | "printed" | "sent" | "opened" | "viewed";
  invoiceNo: string | null;
  taxMode: TaxMode;
  amountMinor: number;
  taxMinor: number;
  currencyId: string;
  exchangeRate: number;
  balanceMinor: number;
  isPaid: boolean;
  creditedInvoiceId: string | null;
  contactMessage: string | null;
  externalId: string | null;
  lineIds: string[];
}

export interface SimBalanceModifier {
  id: string;
  /** "bankPayment:<id>" */
  modifierReference: string;
  /** "invoice:<id>" */
  subjectReference: string;
  /** Negative of the subject-currency amount applied, as Billy reports it. */
  amountMinor: number;
  isVoided: boolean;
}

export interface SimBankPayment {
  id: string;
  organizationId: string;
  contactId: string;
  createdTime: string;
  entryDate: string;
  cashAmountMinor: number;
  cashSide: CashSide;
  cashAccountId: string;
  cashExchangeRate: number;
  subjectCurrencyId: string;
  feeAmountMinor: number;
  feeAccountId: string | null;
  isVoided: boolean;
  associationIds: string[];
}

export interface SimEmail {
  id: string;
  invoiceId: string;
  contactPersonId: string;
  to: string;
  emailSubject: string;
  emailBody: string;
  copyToUserId: string | null;
  sentAt: string;
}

export interface SimCountry {
  id: string;
  name: string;
  currencyId: string;
}

export interface SimCurrency {
  id: string;
  name: string;
  /** DKK per one unit of the currency (the simulator's fixed rates). */
  exchangeRate: number;
}

export interface BillySimState {
  organization: SimOrganization;
  /** Company access tokens (Settings → Access tokens) that reach this organization. */
  accessTokens: Set<string>;
  accounts: Map<string, SimAccount>;
  taxRates: Map<string, SimTaxRate>;
  salesTaxRulesets: Map<string, SimSalesTaxRuleset>;
  salesTaxRules: Map<string, SimSalesTaxRule>;
  countryGroups: Map<string, { id: string; name: string; countryIds: string[] }>;
  countries: Map<string, SimCountry>;
  currencies: Map<string, SimCurrency>;
  contacts: Map<string, SimContact>;
  contactPersons: Map<string, SimContactPerson>;
  products: Map<string, SimProduct>;
  productPrices: Map<string, SimProductPrice>;
  invoices: Map<string, SimInvoice>;
  invoiceLines: Map<string, SimInvoiceLine>;
  bankPayments: Map<string, SimBankPayment>;
  balanceModifiers: Map<string, SimBalanceModifier>;
  emails: SimEmail[];
  /** Clock, replaceable for deterministic tests. */
  now: () => Date;
}

/** Billy ids are opaque 22-character url-safe strings. */
export function newBillyId(): string {
  return randomBytes(16).toString("base64url");
}
