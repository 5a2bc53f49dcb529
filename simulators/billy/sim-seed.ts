import { EU_MEMBER_STATES } from "../../app/domain/vat/vat-rates";
import type {
  BillySimState,
  SimAccount,
  SimCountry,
  SimCurrency,
  SimSalesTaxRule,
  SimSalesTaxRuleset,
  SimTaxRate,
} from "./sim-state";

/**
 * A freshly created Danish Billy company: an excerpt of a Danish chart of accounts, the sales
 * VAT rates and rulesets the adapter needs, currencies and countries. Names follow Billy's
 * Danish wording; ids are fixed (readable) so tests and the contract harness can name them.
 * The exact predefined rows of a real Billy company are not published, so this is a
 * representative seed, not a copy.
 */

export const SEED = {
  organizationId: "org-sim-billy-0001",
  accounts: {
    salesVat: "acc-1110",
    salesNoVat: "acc-1120",
    salesEu: "acc-1130",
    salesWorld: "acc-1140",
    shipping: "acc-1150",
    bank: "acc-5710",
    cash: "acc-5720",
    psp: "acc-5730",
    bankEur: "acc-5740",
    receivables: "acc-5610",
    giftCards: "acc-6910",
    salesVatLiability: "acc-6710",
    purchaseVat: "acc-6720",
    bankFees: "acc-7220",
    rounding: "acc-7990",
  },
  taxRates: {
    sales25: "tr-salg-25",
    euGoods: "tr-eu-varer",
    export: "tr-eksport",
    exempt: "tr-momsfri",
    purchase25: "tr-koeb-25",
    ossDe: "tr-oss-de",
    ossSe: "tr-oss-se",
    ossNl: "tr-oss-nl",
    ossFr: "tr-oss-fr",
    voecNo: "tr-voec-no",
  },
  rulesets: {
    standard: "rs-standard",
    exempt: "rs-momsfri",
    oss: "rs-oss",
  },
} as const;

const COUNTRIES: SimCountry[] = [
  { id: "DK", name: "Danmark", currencyId: "DKK" },
  { id: "SE", name: "Sverige", currencyId: "SEK" },
  { id: "NO", name: "Norge", currencyId: "NOK" },
  { id: "DE", name: "Tyskland", currencyId: "EUR" },
  { id: "NL", name: "Holland", currencyId: "EUR" },
  { id: "FR", name: "Frankrig", currencyId: "EUR" },
  { id: "FI", name: "Finland", currencyId: "EUR" },
  { id: "PL", name: "Polen", currencyId: "PLN" },
  { id: "GB", name: "Storbritannien", currencyId: "GBP" },
  { id: "US", name: "USA", currencyId: "USD" },
  { id: "CH", name: "Schweiz", currencyId: "CHF" },
  { id: "IS", name: "Island", currencyId: "ISK" },
  ...[...EU_MEMBER_STATES]
    .filter((id) => !["DK", "SE", "DE", "NL", "FR", "FI", "PL"].includes(id))
    .map((id) => ({
      id,
      name: id,
      currencyId: "EUR",
    })),
];

const CURRENCIES: SimCurrency[] = [
  { id: "DKK", name: "Danske kroner", exchangeRate: 1 },
  { id: "EUR", name: "Euro", exchangeRate: 7.46 },
  { id: "SEK", name: "Svenske kroner", exchangeRate: 0.65 },
  { id: "NOK", name: "Norske kroner", exchangeRate: 0.63 },
  { id: "USD", name: "Amerikanske dollar", exchangeRate: 6.9 },
  { id: "GBP", name: "Britiske pund", exchangeRate: 8.7 },
  { id: "PLN", name: "Polske zloty", exchangeRate: 1.73 },
  { id: "CHF", name: "Schweiziske franc", exchangeRate: 7.8 },
  { id: "ISK", name: "Islandske kroner", exchangeRate: 0.05 },
];

function account(
  id: string,
  accountNo: number,
  name: string,
  natureId: SimAccount["natureId"],
  extra: Partial<SimAccount> = {},
): SimAccount {
  return {
    id,
    accountNo,
    name,
    natureId,
    groupId: `grp-${natureId}`,
    systemRole: null,
    currencyId: null,
    isPaymentEnabled: false,
    isBankAccount: false,
    isArchived: false,
    ...extra,
  };
}

const A = SEED.accounts;
const ACCOUNTS: SimAccount[] = [
  account(A.salesVat, 1110, "Salg af varer/ydelser m/moms", "revenue"),
  account(A.salesNoVat, 1120, "Salg af varer/ydelser u/moms", "revenue"),
  account(A.salesEu, 1130, "Salg af varer til andre EU-lande", "revenue"),
  account(A.salesWorld, 1140, "Salg af varer til lande uden for EU", "revenue"),
  account(A.shipping, 1150, "Fragtindtægter", "revenue"),
  account("acc-1190", 1190, "Salg, arkiveret konto", "revenue", { isArchived: true }),
  account(A.receivables, 5610, "Debitorer", "asset", { systemRole: "accountsReceivable" }),
  account(A.bank, 5710, "Bankkonto", "asset", {
    currencyId: "DKK",
    isPaymentEnabled: true,
    isBankAccount: true,
  }),
  account(A.cash, 5720, "Kasse", "asset", { currencyId: "DKK", isPaymentEnabled: true }),
  account(A.psp, 5730, "Betalingsformidler (clearing)", "asset", {
    currencyId: "DKK",
    isPaymentEnabled: true,
  }),
  account(A.bankEur, 5740, "Bankkonto EUR", "asset", {
    currencyId: "EUR",
    isPaymentEnabled: true,
    isBankAccount: true,
  }),
  account("acc-6110", 6110, "Kreditorer", "liability", { systemRole: "accountsPayable" }),
  account(A.salesVatLiability, 6710, "Salgsmoms", "liability", { systemRole: "salesTax" }),
  account(A.purchaseVat, 6720, "Købsmoms", "liability", { systemRole: "purchaseTax" }),
  account(A.giftCards, 6910, "Gavekort, forudbetalt af kunder", "liability"),
  account("acc-6810", 6810, "Egenkapital primo", "equity"),
  account(A.bankFees, 7220, "Gebyrer", "expense"),
  account(A.rounding, 7990, "Øredifferencer", "expense"),
  account("acc-7310", 7310, "Realiserede valutakursdifferencer", "expense", {
    systemRole: "realizedCurrencyDifference",
  }),
];

const T = SEED.taxRates;
function taxRate(id: string, name: string, abbreviation: string, rateBp: number, sales = true): SimTaxRate {
  return {
    id,
    name,
    abbreviation,
    rateBp,
    appliesToSales: sales,
    appliesToPurchases: !sales,
    isPredefined: true,
    isActive: true,
  };
}
const TAX_RATES: SimTaxRate[] = [
  taxRate(T.sales25, "Salgsmoms 25%", "S25", 2500),
  taxRate(T.euGoods, "Salg af varer til EU (omvendt betalingspligt)", "EUV", 0),
  taxRate(T.export, "Salg til lande uden for EU", "UEU", 0),
  taxRate(T.exempt, "Momsfrit salg", "MF", 0),
  taxRate(T.purchase25, "Købsmoms 25%", "K25", 2500, false),
  taxRate(T.ossDe, "OSS Tyskland 19%", "OSS-DE", 1900),
  taxRate(T.ossSe, "OSS Sverige 25%", "OSS-SE", 2500),
  taxRate(T.ossNl, "OSS Holland 21%", "OSS-NL", 2100),
  taxRate(T.ossFr, "OSS Frankrig 20%", "OSS-FR", 2000),
  taxRate(T.voecNo, "VOEC Norge 25%", "VOEC", 2500),
];

const R = SEED.rulesets;
const RULESETS: SimSalesTaxRuleset[] = [
  {
    id: R.standard,
    name: "Momspligtigt salg",
    abbreviation: "STD",
    description: "Dansk moms; EU-virksomheder med omvendt betalingspligt; eksport uden moms",
    fallbackTaxRateId: T.export,
    isPredefined: true,
  },
  {
    id: R.exempt,
    name: "Momsfrit salg",
    abbreviation: "MF",
    description: "Varer og ydelser fritaget for moms",
    fallbackTaxRateId: T.exempt,
    isPredefined: true,
  },
  {
    id: R.oss,
    name: "EU-fjernsalg (OSS)",
    abbreviation: "OSS",
    description: "Fjernsalg til private i EU med modtagerlandets moms",
    fallbackTaxRateId: T.export,
    isPredefined: false,
  },
];

function rule(
  id: string,
  rulesetId: string,
  taxRateId: string,
  priority: number,
  match: { countryId?: string; countryGroupId?: string; contactType?: "company" | "person" },
): SimSalesTaxRule {
  return {
    id,
    rulesetId,
    taxRateId,
    priority,
    countryId: match.countryId ?? null,
    countryGroupId: match.countryGroupId ?? null,
    contactType: match.contactType ?? null,
  };
}

const RULES: SimSalesTaxRule[] = [
  rule("rule-std-dk", R.standard, T.sales25, 1, { countryId: "DK" }),
  rule("rule-std-eu-company", R.standard, T.euGoods, 2, { countryGroupId: "EU", contactType: "company" }),
  rule("rule-std-eu-person", R.standard, T.sales25, 3, { countryGroupId: "EU", contactType: "person" }),
  rule("rule-oss-dk", R.oss, T.sales25, 1, { countryId: "DK" }),
  rule("rule-oss-eu-company", R.oss, T.euGoods, 2, { countryGroupId: "EU", contactType: "company" }),
  rule("rule-oss-de", R.oss, T.ossDe, 3, { countryId: "DE", contactType: "person" }),
  rule("rule-oss-se", R.oss, T.ossSe, 3, { countryId: "SE", contactType: "person" }),
  rule("rule-oss-nl", R.oss, T.ossNl, 3, { countryId: "NL", contactType: "person" }),
  rule("rule-oss-fr", R.oss, T.ossFr, 3, { countryId: "FR", contactType: "person" }),
  rule("rule-oss-no", R.oss, T.voecNo, 3, { countryId: "NO", contactType: "person" }),
];

export interface SeedOptions {
  organizationId?: string;
  organizationName?: string;
  accessTokens?: string[];
  nextInvoiceNo?: number;
  now?: () => Date;
}

export function createSeededState(options: SeedOptions = {}): BillySimState {
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, { ...row }]));
  return {
    organization: {
      id: options.organizationId ?? SEED.organizationId,
      name: options.organizationName ?? "Nordlys Design ApS",
      countryId: "DK",
      baseCurrencyId: "DKK",
      defaultTaxMode: "incl",
      defaultSalesAccountId: A.salesVat,
      defaultSalesTaxRulesetId: R.standard,
      defaultBankFeeAccountId: A.bankFees,
      defaultInvoiceBankAccountId: A.bank,
      invoiceNoMode: "continuous",
      nextInvoiceNo: options.nextInvoiceNo ?? 1,
      paymentTermsMode: "net",
      paymentTermsDays: 8,
      hasVat: true,
      vatPeriod: "quarterly",
      localeId: "da_DK",
      isLocked: false,
    },
    accessTokens: new Set(options.accessTokens ?? []),
    accounts: byId(ACCOUNTS),
    taxRates: byId(TAX_RATES),
    salesTaxRulesets: byId(RULESETS),
    salesTaxRules: byId(RULES),
    countryGroups: new Map([["EU", { id: "EU", name: "EU", countryIds: [...EU_MEMBER_STATES] }]]),
    countries: byId(COUNTRIES),
    currencies: byId(CURRENCIES),
    contacts: new Map(),
    contactPersons: new Map(),
    products: new Map(),
    productPrices: new Map(),
    invoices: new Map(),
    invoiceLines: new Map(),
    bankPayments: new Map(),
    balanceModifiers: new Map(),
    emails: [],
    now: options.now ?? (() => new Date()),
  };
}
