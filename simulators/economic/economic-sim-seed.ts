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

function account(
  accountNumber: number,
  name: string,
  accountType: AccountType,
  debitCredit: SeedAccount["debitCredit"],
  more: Pick<SeedAccount, "vatCode" | "blockDirectEntries" | "barred"> = {},
): SeedAccount {
  return { accountNumber, name, accountType, debitCredit, ...more };
}

export const seedAccounts: SeedAccount[] = [
  account(1000, "RESULTATOPGØRELSE", "heading", "debit"),
  account(1001, "Omsætning", "headingStart", "debit"),
  account(1010, "Salg af varer/ydelser m/moms", "profitAndLoss", "credit", { vatCode: "U25" }),
  account(1020, "Salg af varer/ydelser u/moms", "profitAndLoss", "credit"),
  account(1030, "Salg af varer til andre EU-lande", "profitAndLoss", "credit", { vatCode: "UEUV" }),
  account(1040, "Salg af varer til lande uden for EU", "profitAndLoss", "credit", { vatCode: "UVU" }),
  account(1050, "Salg af ydelser til andre EU-lande", "profitAndLoss", "credit", { vatCode: "UEUY" }),
  account(1090, "Øreafrunding", "profitAndLoss", "credit"),
  account(1099, "Omsætning i alt", "totalFrom", "credit"),
  account(1300, "Vareforbrug", "headingStart", "debit"),
  account(1310, "Varekøb", "profitAndLoss", "debit", { vatCode: "I25" }),
  account(1320, "Fragt ved varekøb", "profitAndLoss", "debit", { vatCode: "I25" }),
  account(2750, "Gebyrer, betalingsudbydere", "profitAndLoss", "debit"),
  account(5000, "STATUS", "heading", "debit"),
  account(5600, "Debitorer", "status", "debit", { blockDirectEntries: true }),
  account(5810, "Kasse", "status", "debit"),
  account(5820, "Bank", "status", "debit"),
  account(5830, "Shopify Payments (mellemregning)", "status", "debit"),
  account(5840, "MobilePay (mellemregning)", "status", "debit"),
  account(5850, "Gammel bankkonto", "status", "debit", { barred: true }),
  account(6800, "Kreditorer", "status", "credit", { blockDirectEntries: true }),
  account(6850, "Tilgodebeviser og gavekort", "status", "credit"),
  account(6900, "Moms", "headingStart", "credit"),
  account(6901, "Salgsmoms", "status", "credit", { blockDirectEntries: true }),
  account(6902, "Købsmoms", "status", "debit", { blockDirectEntries: true }),
];

/** Where a VAT code books its VAT: output VAT on sales, input VAT on purchases. */
const SALES_VAT = { accountNumber: 6901, vatTypeNumber: 1, typeName: "Salgsmoms" };
const PURCHASE_VAT = { accountNumber: 6902, vatTypeNumber: 2, typeName: "Købsmoms" };

function vatAccount(
  vatCode: string,
  name: string,
  ratePercentage: number,
  booking: typeof SALES_VAT,
): SeedVatAccount {
  const { accountNumber, vatTypeNumber, typeName } = booking;
  return { vatCode, name, ratePercentage, accountNumber, vatType: { vatTypeNumber, name: typeName } };
}

export const seedVatAccounts: SeedVatAccount[] = [
  vatAccount("U25", "Salgsmoms 25%", 25, SALES_VAT),
  vatAccount("I25", "Købsmoms 25%", 25, PURCHASE_VAT),
  vatAccount("UEUV", "Salg af varer til andre EU-lande (rubrik B varer)", 0, SALES_VAT),
  vatAccount("UEUY", "Salg af ydelser til andre EU-lande (rubrik B ydelser)", 0, SALES_VAT),
  vatAccount("UVU", "Eksport af varer uden for EU (rubrik C)", 0, SALES_VAT),
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
