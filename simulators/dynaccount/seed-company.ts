import type { DynaccountSimState, SimValue } from "./sim-store";

/**
 * A fresh Danish webshop company as Dynaccount sets one up: chart of accounts with the VAT
 * accounts used in the official library's example (sales 1100, shipping 1200, discounts 1300,
 * VAT 14262), Danish sales/purchase VAT codes, payment terms, debtor and product groups, a
 * default booking draft. No debtors, products or documents, so tests can count what they create.
 */

const ACCOUNTS: Array<[number, string, "HEADING" | "OPERATING" | "BALANCE" | "SUM", string, "YES" | "NO"]> = [
  [1000, "Omsætning", "HEADING", "", "NO"],
  [1100, "Salg af varer, indland", "OPERATING", "S25", "NO"],
  [1110, "Salg af varer, EU", "OPERATING", "SEU", "NO"],
  [1120, "Salg af varer, udland", "OPERATING", "SEXP", "NO"],
  [1130, "Salg af varer, OSS", "OPERATING", "", "NO"],
  [1140, "Momsfrit salg", "OPERATING", "", "NO"],
  [1200, "Fragt", "OPERATING", "S25", "NO"],
  [1300, "Rabatter", "OPERATING", "S25", "NO"],
  [1390, "Omsætning i alt", "SUM", "", "NO"],
  [2000, "Vareforbrug", "HEADING", "", "NO"],
  [2100, "Varekøb", "OPERATING", "K25", "NO"],
  [2200, "Varekøb EU", "OPERATING", "KEU", "NO"],
  [3000, "Omkostninger", "HEADING", "", "NO"],
  [3100, "Gebyrer, betalingsgateways", "OPERATING", "", "NO"],
  [3990, "Øredifferencer", "OPERATING", "", "NO"],
  [5000, "Aktiver", "HEADING", "", "NO"],
  [5600, "Varelager", "BALANCE", "", "NO"],
  [5700, "Debitorer", "BALANCE", "", "NO"],
  [5800, "Bank", "BALANCE", "", "YES"],
  [5810, "MobilePay", "BALANCE", "", "YES"],
  [5820, "Shopify Payments", "BALANCE", "", "YES"],
  [5830, "Stripe", "BALANCE", "", "YES"],
  [5840, "PayPal", "BALANCE", "", "YES"],
  [6000, "Passiver", "HEADING", "", "NO"],
  [6800, "Skyldige gavekort", "BALANCE", "", "NO"],
  [6900, "Kreditorer", "BALANCE", "", "NO"],
  [14261, "Købsmoms", "BALANCE", "", "NO"],
  [14262, "Salgsmoms", "BALANCE", "", "NO"],
  [14263, "Moms af varekøb i udlandet", "BALANCE", "", "NO"],
];

const VAT_CODES: Array<[string, string, string, string, number | ""]> = [
  ["S25", "Salgsmoms 25%", "SALE", "25.00", 14262],
  ["K25", "Købsmoms 25%", "PURCHASE", "25.00", 14261],
  ["KEU", "Moms af varekøb i EU 25%", "PURCHASE", "25.00", 14263],
  ["SEU", "EU-salg af varer (omvendt betalingspligt)", "SALE", "0.00", ""],
  ["SEUY", "EU-salg af ydelser (omvendt betalingspligt)", "SALE", "0.00", ""],
  ["SEXP", "Eksport uden for EU", "SALE", "0.00", ""],
  ["OSS19", "OSS 19% (DE)", "OSS", "19.00", 14262],
  ["OSS20", "OSS 20% (FR, AT)", "OSS", "20.00", 14262],
  ["OSS21", "OSS 21% (NL, BE)", "OSS", "21.00", 14262],
  ["OSS25", "OSS 25% (SE)", "OSS", "25.00", 14262],
  ["VOEC25", "VOEC Norge 25%", "VOEC", "25.00", 14262],
];

const PAYMENT_TERMS: Array<[string, string, number]> = [
  ["Kontant", "CASH", 0],
  ["Netto 8 dage", "NET", 8],
  ["Netto 14 dage", "NET", 14],
  ["Netto 30 dage", "NET", 30],
  ["Løbende måned + 30 dage", "CURRENT_MONTH", 30],
];

const DEBTOR_GROUPS: Array<Record<string, SimValue>> = [
  {
    name: "Indland",
    payment_name: "Netto 8 dage",
    vatcode_name: "S25",
    ref_currency_name: "DKK",
    payment_method: "BANK_ACCOUNT",
    bank_name: "Bank",
    lang: "da",
    account_id_: 5700,
  },
  {
    name: "EU",
    payment_name: "Netto 8 dage",
    vatcode_name: "SEU",
    ref_currency_name: "EUR",
    payment_method: "BANK_ACCOUNT",
    bank_name: "Bank",
    lang: "en",
    account_id_: 5700,
  },
  {
    name: "Udland",
    payment_name: "Netto 8 dage",
    vatcode_name: "SEXP",
    ref_currency_name: "EUR",
    payment_method: "BANK_ACCOUNT",
    bank_name: "Bank",
    lang: "en",
    account_id_: 5700,
  },
];

const CURRENCIES: Array<[string, string, string]> = [
  ["DKK", "Danske kroner", "100.000000"],
  ["EUR", "Euro", "745.940000"],
  ["SEK", "Svenske kroner", "68.450000"],
  ["NOK", "Norske kroner", "64.120000"],
  ["USD", "US dollar", "688.210000"],
  ["GBP", "Britiske pund", "872.330000"],
];

export function seedCompany(state: DynaccountSimState, year = new Date().getUTCFullYear()): void {
  for (const [number, name, type, vat, bank] of ACCOUNTS) {
    state.table("account").insert({
      account_id_: number,
      name,
      type,
      vatcode_name: vat,
      is_bank: bank,
      is_monitored: "NO",
      sum_account_id_: type === "SUM" ? 1000 : "",
      ref_currency_name: "DKK",
      is_dimension: "NO",
      system: number === 5700 ? "DEBTOR" : "",
      module: "",
      stock: number === 5600 ? "YES" : "NO",
    });
  }
  for (const [name, txt, type, percent, account] of VAT_CODES) {
    state.table("vatcode").insert({ name, txt, type, percent, account_id_: account });
  }
  for (const [name, type, days] of PAYMENT_TERMS) state.table("payment").insert({ name, type, days });
  for (const group of DEBTOR_GROUPS) state.table("debtor_group").insert(group);
  for (const [name, txt, rate] of CURRENCIES) state.table("currency").insert({ name, txt, rate });
  state.table("product_group").insert({ name: "Varer", is_stocked: "YES", account_id_: 1100 });
  state.table("product_group").insert({ name: "Ydelser", is_stocked: "NO", account_id_: 1100 });
  state.table("unit").insert({ name: "stk." });
  state.table("unit").insert({ name: "timer" });
  state.table("draft").insert({ name: "Kassekladde" });
  // Open accounting years from 2020 on, so fixed-date test data stays bookable in later years.
  for (let y = 2020; y <= year + 1; y++) {
    state.table("year").insert({
      name: String(y),
      time_start: Date.UTC(y, 0, 1) / 1000,
      time_end: Date.UTC(y, 11, 31, 23, 59, 59) / 1000,
      is_closed: "NO",
    });
  }
}
