/**
 * A Danish agreement as a new e-conomic webshop company has it: the standard chart of accounts
 * (abridged), VAT codes, the three VAT zones, customer groups, payment terms, layouts, product
 * groups whose sales accounts decide VAT per zone, a general journal and accounting years.
 * Numbers and names follow the e-conomic standard chart (e.g. 1010 sales with VAT, 5820 bank).
 */

export type AccountType =
  "profitAndLoss" | "status" | "totalFrom" | "heading" | "headingStart" | "sumInterval";

export interface SeedAccount {
  accountNumber: number;
  name: string;
  accountType: AccountType;
  debitCredit: "debit" | "credit";
  vatCode?: string;
  blockDirectEntries?: boolean;
  barred?: boolean;
}

export interface SeedVatAccount {
  vatCode: string;
  name: string;
  ratePercentage: number;
  accountNumber: number;
  vatType: { vatTypeNumber: number; name: string };
}

export interface SeedVatZone {
  vatZoneNumber: number;
  name: string;
  enabledForCustomer: boolean;
  enabledForSupplier: boolean;
}

export interface SeedPaymentTerms {
  paymentTermsNumber: number;
  name: string;
  paymentTermsType: "net" | "invoiceMonth" | "paidInCash" | "prepaid" | "dueDate" | "creditcard";
  daysOfCredit: number;
}

export interface SeedProductGroup {
  productGroupNumber: number;
  name: string;
  /** Sales account per VAT zone number. */
  salesAccounts: Record<number, number>;
}

export interface SeedJournal {
  journalNumber: number;
  name: string;
  entryTypeRestrictedTo?: "financeVoucher" | "supplierInvoice" | "supplierPayment" | "customerPayment";
  customerPaymentsContraAccount?: number;
  minimumVoucherNumber: number;
  maximumVoucherNumber: number;
}

export interface SeedAgreement {
  agreementNumber: number;
  companyName: string;
  cvr: string;
  baseCurrency: string;
  application: { appNumber: number; name: string; appPublicToken: string };
}

export const seedAgreement: SeedAgreement = {
  agreementNumber: 1_234_567,
  companyName: "Nordlys Webshop ApS",
  cvr: "12345678",
  baseCurrency: "DKK",
  application: { appNumber: 4711, name: "Ledger Bridge", appPublicToken: "sim-app-public-token" },
};

export const seedAccounts: SeedAccount[] = [
  { accountNumber: 1000, name: "RESULTATOPGØRELSE", accountType: "heading", debitCredit: "debit" },
  { accountNumber: 1001, name: "Omsætning", accountType: "headingStart", debitCredit: "debit" },
  {
    accountNumber: 1010,
    name: "Salg af varer/ydelser m/moms",
    accountType: "profitAndLoss",
    debitCredit: "credit",
    vatCode: "U25",
  },
  {
    accountNumber: 1020,
    name: "Salg af varer/ydelser u/moms",
    accountType: "profitAndLoss",
    debitCredit: "credit",
  },
  {
    accountNumber: 1030,
    name: "Salg af varer til andre EU-lande",
    accountType: "profitAndLoss",
    debitCredit: "credit",
    vatCode: "UEUV",
  },
  {
    accountNumber: 1040,
    name: "Salg af varer til lande uden for EU",
    accountType: "profitAndLoss",
    debitCredit: "credit",
    vatCode: "UVU",
  },
  {
    accountNumber: 1050,
    name: "Salg af ydelser til andre EU-lande",
    accountType: "profitAndLoss",
    debitCredit: "credit",
    vatCode: "UEUY",
  },
  { accountNumber: 1090, name: "Øreafrunding", accountType: "profitAndLoss", debitCredit: "credit" },
  { accountNumber: 1099, name: "Omsætning i alt", accountType: "totalFrom", debitCredit: "credit" },
  { accountNumber: 1300, name: "Vareforbrug", accountType: "headingStart", debitCredit: "debit" },
  {
    accountNumber: 1310,
    name: "Varekøb",
    accountType: "profitAndLoss",
    debitCredit: "debit",
    vatCode: "I25",
  },
  {
    accountNumber: 1320,
    name: "Fragt ved varekøb",
    accountType: "profitAndLoss",
    debitCredit: "debit",
    vatCode: "I25",
  },
  {
    accountNumber: 2750,
    name: "Gebyrer, betalingsudbydere",
    accountType: "profitAndLoss",
    debitCredit: "debit",
  },
  { accountNumber: 5000, name: "STATUS", accountType: "heading", debitCredit: "debit" },
  {
    accountNumber: 5600,
    name: "Debitorer",
    accountType: "status",
    debitCredit: "debit",
    blockDirectEntries: true,
  },
  { accountNumber: 5810, name: "Kasse", accountType: "status", debitCredit: "debit" },
  { accountNumber: 5820, name: "Bank", accountType: "status", debitCredit: "debit" },
  {
    accountNumber: 5830,
    name: "Shopify Payments (mellemregning)",
    accountType: "status",
    debitCredit: "debit",
  },
  { accountNumber: 5840, name: "MobilePay (mellemregning)", accountType: "status", debitCredit: "debit" },
  {
    accountNumber: 5850,
    name: "Gammel bankkonto",
    accountType: "status",
    debitCredit: "debit",
    barred: true,
  },
  {
    accountNumber: 6800,
    name: "Kreditorer",
    accountType: "status",
    debitCredit: "credit",
    blockDirectEntries: true,
  },
  { accountNumber: 6850, name: "Tilgodebeviser og gavekort", accountType: "status", debitCredit: "credit" },
  { accountNumber: 6900, name: "Moms", accountType: "headingStart", debitCredit: "credit" },
  {
    accountNumber: 6901,
    name: "Salgsmoms",
    accountType: "status",
    debitCredit: "credit",
    blockDirectEntries: true,
  },
  {
    accountNumber: 6902,
    name: "Købsmoms",
    accountType: "status",
    debitCredit: "debit",
    blockDirectEntries: true,
  },
];

export const seedVatAccounts: SeedVatAccount[] = [
  {
    vatCode: "U25",
    name: "Salgsmoms 25%",
    ratePercentage: 25,
    accountNumber: 6901,
    vatType: { vatTypeNumber: 1, name: "Salgsmoms" },
  },
  {
    vatCode: "I25",
    name: "Købsmoms 25%",
    ratePercentage: 25,
    accountNumber: 6902,
    vatType: { vatTypeNumber: 2, name: "Købsmoms" },
  },
  {
    vatCode: "UEUV",
    name: "Salg af varer til andre EU-lande (rubrik B varer)",
    ratePercentage: 0,
    accountNumber: 6901,
    vatType: { vatTypeNumber: 1, name: "Salgsmoms" },
  },
  {
    vatCode: "UEUY",
    name: "Salg af ydelser til andre EU-lande (rubrik B ydelser)",
    ratePercentage: 0,
    accountNumber: 6901,
    vatType: { vatTypeNumber: 1, name: "Salgsmoms" },
  },
  {
    vatCode: "UVU",
    name: "Eksport af varer uden for EU (rubrik C)",
    ratePercentage: 0,
    accountNumber: 6901,
    vatType: { vatTypeNumber: 1, name: "Salgsmoms" },
  },
];

export const seedVatZones: SeedVatZone[] = [
  { vatZoneNumber: 1, name: "Domestic", enabledForCustomer: true, enabledForSupplier: true },
  { vatZoneNumber: 2, name: "EU", enabledForCustomer: true, enabledForSupplier: true },
  { vatZoneNumber: 3, name: "Abroad", enabledForCustomer: true, enabledForSupplier: true },
];

export const seedCustomerGroups = [
  { customerGroupNumber: 1, name: "Indenlandske kunder", accountNumber: 5600, layoutNumber: 19 },
  { customerGroupNumber: 2, name: "Udenlandske kunder", accountNumber: 5600, layoutNumber: 21 },
];

export const seedPaymentTerms: SeedPaymentTerms[] = [
  { paymentTermsNumber: 1, name: "Netto 8 dage", paymentTermsType: "net", daysOfCredit: 8 },
  { paymentTermsNumber: 2, name: "Netto 14 dage", paymentTermsType: "net", daysOfCredit: 14 },
  { paymentTermsNumber: 3, name: "Netto 30 dage", paymentTermsType: "net", daysOfCredit: 30 },
  {
    paymentTermsNumber: 4,
    name: "Løbende måned + 30 dage",
    paymentTermsType: "invoiceMonth",
    daysOfCredit: 30,
  },
  { paymentTermsNumber: 5, name: "Kontant", paymentTermsType: "paidInCash", daysOfCredit: 0 },
  {
    paymentTermsNumber: 6,
    name: "Netto 0 dage (betalt i webshop)",
    paymentTermsType: "net",
    daysOfCredit: 0,
  },
];

export const seedLayouts = [
  { layoutNumber: 19, name: "Standard", deleted: false },
  { layoutNumber: 20, name: "Gammelt layout", deleted: true },
  { layoutNumber: 21, name: "Standard (engelsk)", deleted: false },
];

export const seedProductGroups: SeedProductGroup[] = [
  { productGroupNumber: 1, name: "Varer m/moms", salesAccounts: { 1: 1010, 2: 1030, 3: 1040 } },
  { productGroupNumber: 2, name: "Varer u/moms", salesAccounts: { 1: 1020, 2: 1030, 3: 1040 } },
  { productGroupNumber: 3, name: "Ydelser", salesAccounts: { 1: 1010, 2: 1050, 3: 1040 } },
  { productGroupNumber: 4, name: "Gavekort", salesAccounts: { 1: 6850, 2: 6850, 3: 6850 } },
  { productGroupNumber: 5, name: "Øreafrunding", salesAccounts: { 1: 1090, 2: 1090, 3: 1090 } },
];

export const seedJournals: SeedJournal[] = [
  {
    journalNumber: 1,
    name: "Kassekladde",
    customerPaymentsContraAccount: 5820,
    minimumVoucherNumber: 1,
    maximumVoucherNumber: 999_999,
  },
  {
    journalNumber: 2,
    name: "Kreditorbetalinger",
    entryTypeRestrictedTo: "supplierPayment",
    minimumVoucherNumber: 1,
    maximumVoucherNumber: 999_999,
  },
];

export const seedAccountingYears = [
  { year: "2025", fromDate: "2025-01-01", toDate: "2025-12-31", closed: true },
  { year: "2026", fromDate: "2026-01-01", toDate: "2026-12-31", closed: false },
  { year: "2027", fromDate: "2027-01-01", toDate: "2027-12-31", closed: false },
];

/** Cost in DKK of 100 units, as e-conomic's daily rates express it. */
export const seedExchangeRates: Record<string, number> = {
  DKK: 100,
  EUR: 746.05,
  SEK: 65.5,
  NOK: 63.8,
  USD: 690.2,
  GBP: 870.4,
  CHF: 795.1,
  PLN: 174.3,
};

export const FIRST_BOOKED_INVOICE_NUMBER = 1001;
