/**
 * The in-memory world of the Dinero simulator. Amounts are stored in integer minor units
 * (øre for DKK) and only turned into Dinero's decimal numbers when a response is written, so
 * the simulator's own arithmetic is exact.
 */

export interface EntryAccount {
  AccountNumber: number;
  Name: string;
  VatCode: string | null;
  Category: string;
  CategoryName: string;
  IsHidden: boolean;
  IsDefaultSalesAccount: boolean;
}

export interface DepositAccount {
  AccountNumber: number;
  Name: string;
  IsDefault: boolean;
  IsHidden: boolean;
  BankRegistrationNumber: string | null;
  BankAccountNumber: string | null;
}

export interface VatType {
  VatCode: string;
  Name: string;
  /** Fraction as Dinero returns it: 0.25 = 25 %. */
  VatRate: number;
}

export interface InvoiceTemplate {
  Id: string;
  Name: string;
  IsDefault: boolean;
  Theme: string;
}

export interface ContactRecord {
  ContactGuid: string;
  ExternalReference: string | null;
  Name: string;
  Street: string | null;
  ZipCode: string | null;
  City: string | null;
  CountryKey: string;
  Phone: string | null;
  Email: string | null;
  Webpage: string | null;
  AttPerson: string | null;
  VatNumber: string | null;
  EanNumber: string | null;
  SENumber: string | null;
  PNumber: string | null;
  PaymentConditionType: string | null;
  PaymentConditionNumberOfDays: number | null;
  IsPerson: boolean;
  IsMember: boolean;
  MemberNumber: string | null;
  UseCvr: boolean;
  CompanyTypeKey: string | null;
  InvoiceMailOutOptionKey: string | null;
  PreferredInvoiceLanguageKey: string | null;
  PreferredInvoiceCurrencyKey: string | null;
  CreatedAt: string;
  UpdatedAt: string;
  DeletedAt: string | null;
}

export interface ProductRecord {
  ProductGuid: string;
  ProductNumber: string | null;
  Name: string | null;
  /** Unit price excl. VAT, øre. */
  baseAmount: number;
  Quantity: number;
  AccountNumber: number;
  Unit: string;
  ExternalReference: string | null;
  Comment: string | null;
  CreatedAt: string;
  UpdatedAt: string;
  DeletedAt: string | null;
}

export interface VoucherLine {
  ProductGuid: string | null;
  Description: string;
  Comments: string | null;
  Quantity: number;
  AccountNumber: number;
  AccountName: string;
  Unit: string | null;
  Discount: number;
  LineType: "Product" | "Text";
  /** The unit price exactly as sent (excl. or incl. VAT per the voucher's ShowLinesInclVat). */
  sentUnitAmount: number;
  /** Minor units of the voucher currency. */
  unitNet: number;
  unitGross: number;
  net: number;
  vat: number;
  gross: number;
  vatRate: number;
}

export interface PaymentRecord {
  Guid: string;
  DepositAccountNumber: number;
  /** DKK øre, as Dinero takes payments in DKK. */
  amountDkk: number;
  /** Minor units of the voucher currency (equals amountDkk for DKK vouchers). */
  amountVoucherCurrency: number;
  ExternalReference: string | null;
  PaymentDate: string;
  Description: string;
  RemainderIsFee: boolean;
  RelatedVoucherGuid: string;
}

export interface EmailRecord {
  voucherGuid: string;
  voucherKind: VoucherKind;
  receiver: string;
  sender: string;
  subject: string;
  message: string | null;
  ccToSender: boolean;
  sentAt: string;
}

export type VoucherKind = "invoice" | "creditNote";

export interface VoucherRecord {
  kind: VoucherKind;
  Guid: string;
  TimeStamp: string;
  /** Assigned on booking; 0 on drafts, as the read model has a required integer. */
  Number: number;
  Status: "Draft" | "Booked";
  ContactGuid: string | null;
  CreditNoteFor: string | null;
  Date: string;
  Currency: string;
  /** DKK per one unit of Currency, fixed when the voucher is created. */
  exchangeRate: number;
  Language: string;
  ExternalReference: string | null;
  Description: string;
  Comment: string | null;
  Address: string | null;
  ShowLinesInclVat: boolean;
  PaymentConditionType: string | null;
  PaymentConditionNumberOfDays: number | null;
  InvoiceTemplateId: string | null;
  lines: VoucherLine[];
  totals: { net: number; vat: number; gross: number; vatable: number; nonVatable: number };
  payments: PaymentRecord[];
  MailOutStatus: "NotSent" | "Sent";
  CreatedAt: string;
  UpdatedAt: string;
  DeletedAt: string | null;
}

export interface OrganizationState {
  Id: number;
  Name: string;
  IsPro: boolean;
  IsPayingPro: boolean;
  Email: string;
  VatNumber: string;
  Street: string;
  ZipCode: string;
  City: string;
  accounts: EntryAccount[];
  depositAccounts: DepositAccount[];
  vatTypes: VatType[];
  templates: InvoiceTemplate[];
  salesSettings: {
    DefaultAccountNumber: number;
    LinesInclVat: boolean;
    PaymentConditionType: string;
    PaymentConditionNumberOfDays: number;
  };
  contacts: Map<string, ContactRecord>;
  products: Map<string, ProductRecord>;
  invoices: Map<string, VoucherRecord>;
  creditNotes: Map<string, VoucherRecord>;
  emails: EmailRecord[];
  /** Invoices and credit notes share one number series (both are sales vouchers in Dinero). */
  usedNumbers: Set<number>;
  nextNumber: number;
  timestampCounter: number;
}

export interface ApiClient {
  clientId: string;
  clientSecret: string;
}

export interface IssuedToken {
  clientId: string;
  /** Organisations the bearer may act on. */
  organizationIds: number[];
  expiresAt: number;
  grant: "apiKey" | "visma";
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scope: string;
  expiresAt: number;
}

export interface DineroSimulatorState {
  organizations: Map<number, OrganizationState>;
  clients: Map<string, ApiClient>;
  /** Personal API keys: each belongs to exactly one organisation. */
  apiKeys: Map<string, number>;
  /** The organisations the (single) simulated Visma Connect user can reach. */
  vismaUserOrganizationIds: number[];
  tokens: Map<string, IssuedToken>;
  refreshTokens: Map<string, { clientId: string; scope: string }>;
  authorizationCodes: Map<string, AuthorizationCode>;
  /** DKK per unit, for vouchers in foreign currency. */
  exchangeRates: Record<string, number>;
  /** Seconds an access token lives. */
  tokenLifetimeSeconds: number;
}

export function nextTimestamp(org: OrganizationState): string {
  org.timestampCounter += 1;
  return org.timestampCounter.toString(16).toUpperCase().padStart(16, "0");
}
