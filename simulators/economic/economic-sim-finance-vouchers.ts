import { doesNotExist } from "./economic-sim-customer-routes";
import type { FieldError } from "./economic-sim-errors";
import { isObject, referenceNumber, toHundredths } from "./economic-sim-http";
import type { EconomicSimState, Json, SimVoucherEntry } from "./economic-sim-state";

/**
 * `financeVouchers` entries of `POST /journals/{n}/vouchers`, after the JSON-schema check: each
 * posts `amount` to `account` (and its negative to `contraAccount`, when one is given). The
 * journal keeps them as draft entries; an unbalanced voucher is accepted, as e-conomic's
 * kassekladde accepts one until it is booked — booking is not part of the legacy API.
 */
type AccountingYear = { fromDate: string; toDate: string; year: string };

/**
 * What every journal entry type checks alike: its date lies in the voucher's accounting year,
 * and its currency (the agreement's base currency when none is given) is one the agreement knows.
 */
export function readEntryDateAndCurrency(
  state: EconomicSimState,
  entry: Json,
  year: AccountingYear | undefined,
  at: (field: string) => Array<string | number>,
  problems: FieldError[],
): { date: string; currency: string } {
  const date = String(entry.date);
  if (year && (date < year.fromDate || date > year.toDate))
    problems.push({
      path: at("date"),
      message: `The date ${date} is outside accounting year ${year.year}.`,
      value: date,
    });
  const currency =
    isObject(entry.currency) && typeof entry.currency.code === "string"
      ? entry.currency.code.toUpperCase()
      : state.agreement.baseCurrency;
  if (!(currency in state.exchangeRates))
    problems.push({ ...doesNotExist("currency", currency, "currencies"), path: at("currency") });
  return { date, currency };
}

export function readFinanceVouchers(
  state: EconomicSimState,
  raw: unknown,
  year: AccountingYear | undefined,
  problems: FieldError[],
): Array<Omit<SimVoucherEntry, "journalEntryNumber">> {
  const list = Array.isArray(raw) ? raw : [];
  return list.map((item: unknown, index) => {
    const entry = isObject(item) ? item : {};
    const at = (field: string) => ["entries", "financeVouchers", index, field];
    const accountNumber = referenceNumber(entry.account, "accountNumber");
    const contraAccountNumber = referenceNumber(entry.contraAccount, "accountNumber");
    if (accountNumber === undefined && contraAccountNumber === undefined)
      problems.push({ path: at("account"), message: "Either account or contraAccount must be set." });
    for (const [field, number] of [
      ["account", accountNumber],
      ["contraAccount", contraAccountNumber],
    ] as const) {
      if (number === undefined) continue;
      const account = state.accounts.find((candidate) => candidate.accountNumber === number);
      if (!account) problems.push({ ...doesNotExist(field, number, "accounts"), path: at(field) });
      else if (
        account.barred ||
        account.blockDirectEntries ||
        (account.accountType !== "status" && account.accountType !== "profitAndLoss")
      )
        problems.push({
          path: at(field),
          message: `Account ${number} does not allow direct entries.`,
          value: number,
        });
    }
    const vatCode =
      isObject(entry.vatAccount) && typeof entry.vatAccount.vatCode === "string"
        ? entry.vatAccount.vatCode
        : undefined;
    if (vatCode !== undefined && !state.vatAccounts.some((candidate) => candidate.vatCode === vatCode))
      problems.push({ ...doesNotExist("vatAccount", vatCode, "vat-accounts"), path: at("vatAccount") });
    const amountCents = typeof entry.amount === "number" ? toHundredths(entry.amount) : undefined;
    if (amountCents === undefined)
      problems.push({
        path: at("amount"),
        errorCode: "E04740",
        message: "amount scale cannot be greater then two decimal places.",
        value: entry.amount,
      });
    const { date, currency } = readEntryDateAndCurrency(state, entry, year, at, problems);
    return {
      entryType: "financeVoucher" as const,
      ...(accountNumber !== undefined ? { accountNumber } : {}),
      ...(contraAccountNumber !== undefined ? { contraAccountNumber } : {}),
      ...(vatCode !== undefined ? { vatCode } : {}),
      amountCents: amountCents ?? 0,
      currency,
      date,
      ...(typeof entry.text === "string" ? { text: entry.text } : {}),
    };
  });
}

/** The finance-voucher fields of an entry as e-conomic renders them. */
export function renderFinanceFields(entry: SimVoucherEntry, base: string): Json {
  return {
    ...(entry.accountNumber !== undefined
      ? { account: { accountNumber: entry.accountNumber, self: `${base}/accounts/${entry.accountNumber}` } }
      : {}),
    ...(entry.vatCode !== undefined
      ? { vatAccount: { vatCode: entry.vatCode, self: `${base}/vat-accounts/${entry.vatCode}` } }
      : {}),
  };
}

/**
 * Each account's balance (debit positive, minor units of the base currency) as the journal's
 * draft entries would book them: a customer payment debits its contra account with −amount (the
 * amount credits the customer); a finance voucher posts amount to `account`, −amount to `contraAccount`.
 */
export function economicAccountBalances(state: EconomicSimState): Map<string, number> {
  const balances = new Map<string, number>();
  const add = (account: number | undefined, amount: number) => {
    if (account === undefined) return;
    balances.set(String(account), (balances.get(String(account)) ?? 0) + amount);
  };
  for (const entry of state.voucherEntries()) {
    const rate =
      entry.currency === state.agreement.baseCurrency ? 1 : (state.exchangeRates[entry.currency] ?? 1) / 100;
    const amount = Math.round(entry.amountCents * rate);
    if (entry.entryType === "customerPayment") add(entry.contraAccountNumber, -amount);
    else {
      add(entry.accountNumber, amount);
      add(entry.contraAccountNumber, -amount);
    }
  }
  return balances;
}
