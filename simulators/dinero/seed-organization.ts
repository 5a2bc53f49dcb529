import { randomUUID } from "node:crypto";
import type {
  DepositAccount,
  EntryAccount,
  InvoiceTemplate,
  OrganizationState,
  VatType,
} from "./simulator-state";

/**
 * Dinero's standard chart of accounts (the sales-relevant part plus the balance-sheet accounts a
 * webshop touches), with the VAT code Dinero attaches to each. Source: the "verified extract" of
 * Dinero's standardkontoplan in digi-tal-regnskab/dinero-skills. Real organisations rename and add
 * accounts, which is why the adapter always lists them instead of assuming numbers.
 */
const STANDARD_ACCOUNTS: Array<[number, string, string | null, string, string]> = [
  [1000, "Salg af varer/ydelser m/moms", "U25", "Turnover", "Omsætning"],
  [1050, "Salg af varer/ydelser u/moms", null, "Turnover", "Omsætning"],
  [1100, "EU-leverancer varer - Indberettes (rubrik B-varer)", "UEUV", "Turnover", "Omsætning"],
  [1150, "EU-leverancer varer - Indberettes ikke (rubrik B-varer)", "UEUV2", "Turnover", "Omsætning"],
  [1200, "EU-leverancer ydelser (rubrik B-ydelser)", "UEUY", "Turnover", "Omsætning"],
  [1255, "Salg af varer til udlandet (rubrik C)", "UVV", "Turnover", "Omsætning"],
  [1260, "Salg af ydelser til udlandet (rubrik C)", "UVY", "Turnover", "Omsætning"],
  [1300, "Salg af fragt - momsfrie", null, "Turnover", "Omsætning"],
  [1350, "Salg af fragt - momspligtig", "U25", "Turnover", "Omsætning"],
  [1400, "Rykkergebyrer, administrationsgebyr mv.", null, "Turnover", "Omsætning"],
  [1445, "Valutakursdifferencer, eksport", null, "Turnover", "Omsætning"],
  [2000, "Vareforbrug", "I25", "Variable Expenses", "Variable omkostninger"],
  [2250, "Fragt med moms", "I25", "Variable Expenses", "Variable omkostninger"],
  [4000, "Annoncer og reklame", "I25", "Sales Expenses", "Salgsomkostninger"],
  [7220, "Porto og gebyrer", null, "Administration Expenses", "Administrationsomkostninger"],
  [7340, "Konstateret tab på debitorer", "U25", "Administration Expenses", "Administrationsomkostninger"],
  [7380, "Registrerede kassedifferencer", null, "Administration Expenses", "Administrationsomkostninger"],
  [7400, "Betalingsløsning", "I25", "Administration Expenses", "Administrationsomkostninger"],
  [7420, "Indløsere", null, "Administration Expenses", "Administrationsomkostninger"],
  [9000, "Bankrenter", null, "Interest Income", "Renteindtægter"],
  [52000, "Varebeholdning", null, "Turnover Assets", "Omsætningsaktiver"],
  [53000, "Debitorer, ubetalte fakturaer", null, "Receivables", "Tilgodehavender"],
  [55000, "Bank", null, "Liquid Assets", "Likvide beholdninger"],
  [55040, "Kontanter (kasse)", null, "Liquid Assets", "Likvide beholdninger"],
  [63000, "Kreditorer, ubetalte regninger", null, "Short Term Debt", "Kortfristet gæld"],
  [63080, "Gavekort", null, "Short Term Debt", "Kortfristet gæld"],
  [64000, "Salgsmoms (udgående moms)", null, "Vat Due", "Moms"],
  [64060, "Købsmoms (indgående moms)", null, "Vat Due", "Moms"],
  [64100, "Momsafregning", null, "Vat Due", "Moms"],
];

/**
 * Deposit accounts sit in the 55000 range. Besides Bank and cash, webshops are advised to add a
 * clearing (mellemregning) account per payment provider; two such merchant-created accounts are
 * seeded so settings have something realistic to choose from.
 */
const DEPOSIT_ACCOUNTS: Array<[number, string, boolean]> = [
  [55000, "Bank", true],
  [55040, "Kontanter (kasse)", false],
  [55100, "Mellemregning Shopify Payments", false],
  [55110, "Mellemregning MobilePay", false],
];

const VAT_TYPES: VatType[] = [
  { VatCode: "U25", Name: "Salgsmoms 25%", VatRate: 0.25 },
  { VatCode: "UEUV", Name: "Salg af varer til andre EU-lande (rubrik B)", VatRate: 0 },
  { VatCode: "UEUV2", Name: "Salg af varer til andre EU-lande, indberettes ikke", VatRate: 0 },
  { VatCode: "UEUY", Name: "Salg af ydelser til andre EU-lande (rubrik B)", VatRate: 0 },
  { VatCode: "UVV", Name: "Salg af varer til lande uden for EU (rubrik C)", VatRate: 0 },
  { VatCode: "UVY", Name: "Salg af ydelser til lande uden for EU (rubrik C)", VatRate: 0 },
  { VatCode: "I25", Name: "Købsmoms 25%", VatRate: 0.25 },
  { VatCode: "IEUV", Name: "Køb af varer i andre EU-lande", VatRate: 0.25 },
  { VatCode: "IEUY", Name: "Køb af ydelser i andre EU-lande", VatRate: 0.25 },
  { VatCode: "IVV", Name: "Køb af varer uden for EU", VatRate: 0.25 },
  { VatCode: "IVY", Name: "Køb af ydelser uden for EU", VatRate: 0.25 },
  { VatCode: "REP", Name: "Repræsentation (25% fradrag)", VatRate: 0.25 },
];

export interface OrganizationSeed {
  id: number;
  name: string;
  isPro?: boolean;
}

export function seedOrganization(seed: OrganizationSeed): OrganizationState {
  const accounts: EntryAccount[] = STANDARD_ACCOUNTS.map(
    ([number, name, vatCode, category, categoryName]) => ({
      AccountNumber: number,
      Name: name,
      VatCode: vatCode,
      Category: category,
      CategoryName: categoryName,
      IsHidden: false,
      IsDefaultSalesAccount: number === 1000,
    }),
  );
  const depositAccounts: DepositAccount[] = DEPOSIT_ACCOUNTS.map(([number, name, isDefault]) => ({
    AccountNumber: number,
    Name: name,
    IsDefault: isDefault,
    IsHidden: false,
    BankRegistrationNumber: number === 55000 ? "5301" : null,
    BankAccountNumber: number === 55000 ? "0001234567" : null,
  }));
  const templates: InvoiceTemplate[] = [
    { Id: randomUUID(), Name: "Standard", IsDefault: true, Theme: "Standard" },
    { Id: randomUUID(), Name: "Webshop med logo", IsDefault: false, Theme: "TopImage" },
  ];
  return {
    Id: seed.id,
    Name: seed.name,
    IsPro: seed.isPro ?? true,
    IsPayingPro: seed.isPro ?? true,
    Email: "bogholderi@example.dk",
    VatNumber: "DK12345674",
    Street: "Vestergade 1",
    ZipCode: "8000",
    City: "Aarhus C",
    accounts,
    depositAccounts,
    vatTypes: VAT_TYPES.map((vat) => ({ ...vat })),
    templates,
    salesSettings: {
      DefaultAccountNumber: 1000,
      LinesInclVat: false,
      PaymentConditionType: "Netto",
      PaymentConditionNumberOfDays: 8,
    },
    contacts: new Map(),
    products: new Map(),
    invoices: new Map(),
    creditNotes: new Map(),
    emails: [],
    usedNumbers: new Set(),
    nextNumber: 1,
    timestampCounter: 0x20a5ea8,
  };
}

/** DKK per unit; Dinero fixes the day's rate on the voucher. */
export const SEEDED_EXCHANGE_RATES: Record<string, number> = {
  DKK: 1,
  EUR: 7.4603,
  SEK: 0.6871,
  NOK: 0.6392,
  USD: 6.8912,
  GBP: 8.6701,
};
