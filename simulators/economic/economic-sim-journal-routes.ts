import type { SimHandler, SimRequest, SimResponse, SimRouter } from "../kit/router";
import { doesNotExist } from "./economic-sim-customer-routes";
import { type FieldError, legacyError, notFoundError, validationError } from "./economic-sim-errors";
import {
  baseUrl,
  collection,
  fromHundredths,
  isObject,
  referenceNumber,
  toHundredths,
} from "./economic-sim-http";
import type { EconomicSimState, Json, SimVoucher, SimVoucherEntry } from "./economic-sim-state";
import {
  readEntryDateAndCurrency,
  readFinanceVouchers,
  renderFinanceFields,
} from "./economic-sim-finance-vouchers";
import { validateBody } from "./economic-sim-validation";

/**
 * `POST /journals/{n}/vouchers`: entries land in the journal (kassekladde) as draft entries;
 * booking them is a Journals-API operation the legacy REST API does not have, so nothing here
 * changes an invoice's remainder. The answer is a JSON array of vouchers. `customerPayments` and
 * `financeVouchers` (economic-sim-finance-vouchers.ts) are simulated; other entry types answer 501.
 */
export function registerJournalRoutes(
  router: SimRouter,
  state: EconomicSimState,
  api: (handler: SimHandler) => SimHandler,
): void {
  router.on(
    "POST",
    "/journals/:journalNumber/vouchers",
    api((request) => createVouchers(state, request)),
  );
  router.on(
    "GET",
    "/journals/:journalNumber/entries",
    api((request) => {
      const journalNumber = Number(request.params.journalNumber);
      if (!state.journals.some((journal) => journal.journalNumber === journalNumber))
        return notFoundError("Journal");
      const base = baseUrl(request);
      const items = state.vouchers
        .filter((voucher) => voucher.journalNumber === journalNumber)
        .flatMap((voucher) => voucher.entries.map((entry) => renderEntry(entry, voucher, base)));
      return collection(request, items, {
        path: `/journals/${journalNumber}/entries`,
        filterable: ["journalEntryNumber", "date", "text"],
      });
    }),
  );
}

function createVouchers(state: EconomicSimState, request: SimRequest): SimResponse {
  const journalNumber = Number(request.params.journalNumber);
  const journal = state.journals.find((candidate) => candidate.journalNumber === journalNumber);
  if (!journal) return notFoundError("Journal");
  const { value, errors } = validateBody(request.json(), "journals.journalNumber.vouchers.post");
  if (errors.length > 0) return validationError(errors);

  const entries = isObject(value.entries) ? value.entries : {};
  const otherTypes = Object.keys(entries).filter(
    (type) => type !== "customerPayments" && type !== "financeVouchers",
  );
  if (otherTypes.length > 0) {
    return legacyError(
      501,
      "Not implemented.",
      `The simulator only supports customerPayments entries, not ${otherTypes.join(", ")}.`,
    );
  }
  const types = Object.keys(entries).map((type) => type.replace(/s$/, ""));
  if (journal.entryTypeRestrictedTo && types.some((type) => type !== journal.entryTypeRestrictedTo)) {
    return validationError([
      {
        path: ["journal"],
        message: `Journal ${journalNumber} only accepts ${journal.entryTypeRestrictedTo} entries.`,
      },
    ]);
  }

  const problems: FieldError[] = [];
  const yearKey = isObject(value.accountingYear)
    ? (value.accountingYear.year ?? yearFromSelf(value.accountingYear.self))
    : undefined;
  const year = state.accountingYears.find((candidate) => candidate.year === yearKey);
  if (!year) problems.push(doesNotExist("accountingYear", yearKey, "accounting-years"));
  else if (year.closed)
    problems.push({
      path: ["accountingYear"],
      message: `Accounting year ${year.year} is closed.`,
      value: year.year,
    });

  const payments = Array.isArray(entries.customerPayments) ? entries.customerPayments : [];
  const finance = readFinanceVouchers(state, entries.financeVouchers, year, problems);
  if (payments.length === 0 && finance.length === 0)
    problems.push({ path: ["entries"], message: "The voucher has no entries." });
  const accepted: Array<Omit<SimVoucherEntry, "journalEntryNumber">> = [];
  payments.forEach((raw: unknown, index) => {
    const entry = isObject(raw) ? raw : {};
    const at = (field: string) => ["entries", "customerPayments", index, field];
    const customerNumber = referenceNumber(entry.customer, "customerNumber");
    const contraAccountNumber = referenceNumber(entry.contraAccount, "accountNumber");
    if (customerNumber === undefined && contraAccountNumber === undefined) {
      problems.push({ path: at("customer"), message: "Either customer or contraAccount must be set." });
    }
    if (customerNumber !== undefined && !state.customers.has(customerNumber)) {
      problems.push({ ...doesNotExist("customer", customerNumber, "customers"), path: at("customer") });
    }
    if (contraAccountNumber !== undefined) {
      const account = state.accounts.find((candidate) => candidate.accountNumber === contraAccountNumber);
      if (!account)
        problems.push({
          ...doesNotExist("contraAccount", contraAccountNumber, "accounts"),
          path: at("contraAccount"),
        });
      else if (
        account.barred ||
        account.blockDirectEntries ||
        (account.accountType !== "status" && account.accountType !== "profitAndLoss")
      ) {
        problems.push({
          path: at("contraAccount"),
          message: `Account ${contraAccountNumber} does not allow direct entries.`,
          value: contraAccountNumber,
        });
      }
    }
    if (typeof entry.customerInvoice === "number") {
      const invoice = state.findBooked(entry.customerInvoice);
      if (!invoice || (customerNumber !== undefined && invoice.customerNumber !== customerNumber)) {
        problems.push({
          ...doesNotExist("customerInvoice", entry.customerInvoice, "invoices/booked"),
          path: at("customerInvoice"),
        });
      }
    }
    const amountCents = typeof entry.amount === "number" ? toHundredths(entry.amount) : undefined;
    if (amountCents === undefined) {
      problems.push({
        path: at("amount"),
        errorCode: "E04740",
        message: "amount scale cannot be greater then two decimal places.",
        value: entry.amount,
      });
    }
    const { date, currency } = readEntryDateAndCurrency(state, entry, year, at, problems);
    accepted.push({
      entryType: "customerPayment",
      ...(customerNumber !== undefined ? { customerNumber } : {}),
      ...(typeof entry.customerInvoice === "number" ? { customerInvoice: entry.customerInvoice } : {}),
      amountCents: amountCents ?? 0,
      currency,
      ...(contraAccountNumber !== undefined ? { contraAccountNumber } : {}),
      date,
      ...(typeof entry.text === "string" ? { text: entry.text } : {}),
    });
  });
  accepted.push(...finance);
  if (problems.length > 0 || !year) return validationError(problems);

  const used = state.vouchers.filter(
    (voucher) => voucher.journalNumber === journalNumber && voucher.accountingYear === year.year,
  );
  const voucherNumber =
    typeof value.voucherNumber === "number"
      ? value.voucherNumber
      : Math.max(journal.minimumVoucherNumber - 1, ...used.map((voucher) => voucher.voucherNumber)) + 1;
  const voucher: SimVoucher = {
    journalNumber,
    accountingYear: year.year,
    voucherNumber,
    entries: accepted.map((entry) => ({ ...entry, journalEntryNumber: state.takeJournalEntryNumber() })),
  };
  state.vouchers.push(voucher);
  const base = baseUrl(request);
  const self = `${base}/journals/${journalNumber}/vouchers/${year.year}-${voucherNumber}`;
  return { status: 201, headers: { Location: self }, body: [renderVoucher(voucher, base)] };
}

function renderVoucher(voucher: SimVoucher, base: string): Json {
  return {
    accountingYear: {
      year: voucher.accountingYear,
      self: `${base}/accounting-years/${voucher.accountingYear}`,
    },
    journal: { journalNumber: voucher.journalNumber, self: `${base}/journals/${voucher.journalNumber}` },
    entries: {
      customerPayments: voucher.entries
        .filter((entry) => entry.entryType === "customerPayment")
        .map((entry) => renderEntry(entry, voucher, base)),
      financeVouchers: voucher.entries
        .filter((entry) => entry.entryType === "financeVoucher")
        .map((entry) => renderEntry(entry, voucher, base)),
    },
    voucherNumber: voucher.voucherNumber,
    self: `${base}/journals/${voucher.journalNumber}/vouchers/${voucher.accountingYear}-${voucher.voucherNumber}`,
  };
}

function renderEntry(entry: SimVoucherEntry, voucher: SimVoucher, base: string): Json {
  return {
    journalEntryNumber: entry.journalEntryNumber,
    entryType: entry.entryType,
    ...(entry.customerNumber !== undefined
      ? {
          customer: {
            customerNumber: entry.customerNumber,
            self: `${base}/customers/${entry.customerNumber}`,
          },
        }
      : {}),
    ...(entry.customerInvoice !== undefined ? { customerInvoice: entry.customerInvoice } : {}),
    ...renderFinanceFields(entry, base),
    amount: fromHundredths(entry.amountCents),
    currency: { code: entry.currency, self: `${base}/currencies/${entry.currency}` },
    ...(entry.contraAccountNumber !== undefined
      ? {
          contraAccount: {
            accountNumber: entry.contraAccountNumber,
            self: `${base}/accounts/${entry.contraAccountNumber}`,
          },
        }
      : {}),
    date: entry.date,
    ...(entry.text ? { text: entry.text } : {}),
    voucher: {
      voucherNumber: voucher.voucherNumber,
      self: `${base}/journals/${voucher.journalNumber}/vouchers/${voucher.accountingYear}-${voucher.voucherNumber}`,
    },
    metaData: {
      delete: {
        href: `${base}/journals/${voucher.journalNumber}/entries/${entry.journalEntryNumber}`,
        httpMethod: "delete",
      },
    },
  };
}

function yearFromSelf(self: unknown): string | undefined {
  return typeof self === "string" ? self.split("/").filter(Boolean).pop() : undefined;
}
