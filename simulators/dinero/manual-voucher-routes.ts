import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SimResponse } from "../kit/router";
import type { DineroApiRoutes } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import type { ValidationIssue } from "./dinero-error-bodies";
import { notFound, timestampOutdated, validationError } from "./dinero-error-bodies";
import type { OrganizationState } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { fromDecimal, toDecimal } from "./voucher-math";

/**
 * Manual vouchers (`/v1/{org}/vouchers/manuel`) and the booked entries (`/v1/{org}/entries`).
 * Bodies are checked against Dinero's OpenAPI document by DineroApiRoutes first; then what the
 * schema cannot say: known accounts and VAT codes, and — at booking, as Dinero refuses to book
 * a voucher that does not balance — lines that add up to zero. Entries hold the booked manual
 * voucher lines and the payments registered on invoices and credit notes (deposit account
 * debited for a payment, credited for a refund), so a test can read an account's balance.
 */

interface ManualLine {
  Description: string | null;
  AccountNumber: number;
  /** DKK øre; VAT included for a purchase VAT code. */
  amount: number;
  vatCode: string | null;
  vatAmount: number;
}

interface ManualVoucher {
  Guid: string;
  VoucherDate: string;
  ExternalReference: string | null;
  Status: "Draft" | "Booked";
  Timestamp: string;
  VoucherNumber: number | null;
  lines: ManualLine[];
  BookedAt: string | null;
}

interface ManualVoucherBook {
  vouchers: Map<string, ManualVoucher>;
  nextNumber: number;
}

const books = new WeakMap<OrganizationState, ManualVoucherBook>();

function bookOf(org: OrganizationState): ManualVoucherBook {
  let book = books.get(org);
  if (!book) {
    book = { vouchers: new Map(), nextNumber: 1 };
    books.set(org, book);
  }
  return book;
}

/** Purchase VAT (I-codes) is inside the amount and goes to the input-VAT account. */
const INPUT_VAT_ACCOUNT = 64060;

const createSchema = z.object({
  VoucherDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "VoucherDate must be a date (yyyy-MM-dd)."),
  ExternalReference: z.string().max(128).nullish(),
  FileGuid: z.string().nullish(),
  Lines: z
    .array(
      z.object({
        Description: z.string().nullish(),
        AccountNumber: z.number().int({ message: "AccountNumber is required." }),
        BalancingAccountNumber: z.number().int().nullish(),
        Amount: z.number(),
        AccountVatCode: z.string().nullish(),
        BalancingAccountVatCode: z.string().nullish(),
      }),
    )
    .min(1, "The voucher must have at least one line."),
});

const bookSchema = z.object({ Timestamp: z.string().min(1), Number: z.number().int().nullish() });

export function registerManualVoucherRoutes(api: DineroApiRoutes): void {
  api.on(
    "POST",
    "/v1/{organizationId}/vouchers/manuel",
    ({ org, body }) => {
      const input = bind(createSchema, body);
      if (!input.ok) return input.response;
      const issues: ValidationIssue[] = [];
      const lines: ManualLine[] = [];
      input.value.Lines.forEach((line, index) => {
        const at = (field: string) => `Lines[${index}].${field}`;
        if (line.BalancingAccountNumber != null)
          issues.push({
            property: at("BalancingAccountNumber"),
            message: "The simulator books balanced lines only; leave the balancing account empty.",
          });
        const account = findAccount(org, line.AccountNumber);
        if (!account)
          issues.push({
            property: at("AccountNumber"),
            message: `Account ${line.AccountNumber} does not exist.`,
          });
        const code =
          line.AccountVatCode === "none" ? null : (line.AccountVatCode ?? account?.vatCode ?? null);
        const vatType = code ? org.vatTypes.find((type) => type.VatCode === code) : undefined;
        if (code && !vatType)
          issues.push({ property: at("AccountVatCode"), message: `Unknown VAT code ${code}.` });
        if (vatType && vatType.VatRate > 0 && !code?.startsWith("I"))
          issues.push({
            property: at("AccountVatCode"),
            message: `The simulator models purchase VAT only on manual voucher lines, not ${code}.`,
          });
        if (line.Amount === 0)
          issues.push({ property: at("Amount"), message: "Amount has to be different from 0." });
        const amount = fromDecimal(line.Amount);
        const rate = vatType?.VatRate ?? 0;
        const vatAmount = rate > 0 ? amount - Math.round(amount / (1 + rate)) : 0;
        lines.push({
          Description: line.Description ?? null,
          AccountNumber: line.AccountNumber,
          amount,
          vatCode: code,
          vatAmount,
        });
      });
      if (issues.length > 0) return validationError(issues);
      const voucher: ManualVoucher = {
        Guid: randomUUID(),
        VoucherDate: input.value.VoucherDate,
        ExternalReference: input.value.ExternalReference ?? null,
        Status: "Draft",
        Timestamp: nextTimestamp(org),
        VoucherNumber: null,
        lines,
        BookedAt: null,
      };
      bookOf(org).vouchers.set(voucher.Guid, voucher);
      return ok(readModel(voucher));
    },
    { body: "required" },
  );

  api.on("GET", "/v1/{organizationId}/vouchers/manuel/{guid}", ({ org, request }) => {
    const voucher = bookOf(org).vouchers.get(request.params.guid ?? "");
    return voucher ? ok(readModel(voucher)) : unknownVoucher(request.params.guid ?? "");
  });

  api.on(
    "POST",
    "/v1/{organizationId}/vouchers/manuel/{guid}/book",
    ({ org, request, body }) => {
      const input = bind(bookSchema, body);
      if (!input.ok) return input.response;
      const book = bookOf(org);
      const voucher = book.vouchers.get(request.params.guid ?? "");
      if (!voucher) return unknownVoucher(request.params.guid ?? "");
      if (voucher.Timestamp !== input.value.Timestamp) return timestampOutdated();
      if (voucher.Status === "Booked")
        return validationError([{ property: "Status", message: "The voucher is already booked." }]);
      const difference = voucher.lines.reduce((sum, line) => sum + line.amount, 0);
      if (difference !== 0) {
        return validationError([
          {
            property: "Lines",
            message: `The voucher does not balance: the lines differ by ${toDecimal(difference)}.`,
          },
        ]);
      }
      const number = input.value.Number ?? book.nextNumber;
      if ([...book.vouchers.values()].some((other) => other.VoucherNumber === number))
        return validationError([
          { property: "Number", message: `Voucher number ${number} is already used.` },
        ]);
      book.nextNumber = Math.max(book.nextNumber, number + 1);
      voucher.Status = "Booked";
      voucher.VoucherNumber = number;
      voucher.BookedAt = nowIso();
      voucher.Timestamp = nextTimestamp(org);
      return ok(readModel(voucher));
    },
    { body: "required" },
  );

  api.on("GET", "/v1/{organizationId}/entries", ({ org, request }) => {
    const from = request.query.get("fromDate")?.slice(0, 10);
    const to = request.query.get("toDate")?.slice(0, 10);
    if (!from || !to)
      return validationError([{ property: "fromDate", message: "fromDate and toDate are required." }]);
    if (from.slice(0, 4) !== to.slice(0, 4))
      return validationError([{ property: "toDate", message: "The period cannot cross accounting years." }]);
    return ok(dineroEntries(org).filter((entry) => entry.Date >= from && entry.Date <= to));
  });
}

interface EntryModel {
  AccountNumber: number;
  AccountName: string | null;
  Date: string;
  VoucherNumber: number | null;
  VoucherGuid: string | null;
  VoucherType: string;
  Description: string | null;
  VatCode: string | null;
  Amount: number;
  EntryGuid: string;
  Type: "Normal";
}

/** The organisation's booked entries, as `GET /entries` lists them. */
export function dineroEntries(org: OrganizationState): EntryModel[] {
  const entries: EntryModel[] = [];
  const add = (
    entry: Omit<EntryModel, "AccountName" | "EntryGuid" | "Type" | "Amount"> & { amount: number },
  ) => {
    const { amount, ...rest } = entry;
    entries.push({
      ...rest,
      AccountName: findAccount(org, entry.AccountNumber)?.name ?? null,
      Amount: toDecimal(amount),
      EntryGuid: randomUUID(),
      Type: "Normal",
    });
  };
  for (const voucher of bookOf(org).vouchers.values()) {
    if (voucher.Status !== "Booked") continue;
    for (const line of voucher.lines) {
      const base = {
        Date: voucher.VoucherDate,
        VoucherNumber: voucher.VoucherNumber,
        VoucherGuid: voucher.Guid,
        VoucherType: "ManuelVoucher",
        Description: line.Description,
      };
      add({
        ...base,
        AccountNumber: line.AccountNumber,
        VatCode: line.vatCode,
        amount: line.amount - line.vatAmount,
      });
      if (line.vatAmount !== 0)
        add({ ...base, AccountNumber: INPUT_VAT_ACCOUNT, VatCode: null, amount: line.vatAmount });
    }
  }
  for (const [kind, vouchers, sign] of [
    ["Invoice", org.invoices, 1],
    ["CreditNote", org.creditNotes, -1],
  ] as const) {
    for (const voucher of vouchers.values()) {
      for (const payment of voucher.payments) {
        add({
          AccountNumber: payment.DepositAccountNumber,
          Date: payment.PaymentDate,
          VoucherNumber: voucher.Number,
          VoucherGuid: payment.RelatedVoucherGuid,
          VoucherType: `${kind}Payment`,
          Description: payment.Description,
          VatCode: null,
          amount: sign * payment.amountDkk,
        });
      }
    }
  }
  return entries;
}

/** Each account's balance in øre (debit positive) over every booked entry. */
export function dineroAccountBalances(org: OrganizationState): Map<string, number> {
  const balances = new Map<string, number>();
  for (const entry of dineroEntries(org)) {
    const key = String(entry.AccountNumber);
    balances.set(key, (balances.get(key) ?? 0) + fromDecimal(entry.Amount));
  }
  return balances;
}

function findAccount(
  org: OrganizationState,
  number: number,
): { name: string; vatCode: string | null } | undefined {
  const entry = org.accounts.find((account) => account.AccountNumber === number);
  if (entry) return { name: entry.Name, vatCode: entry.VatCode };
  const deposit = org.depositAccounts.find((account) => account.AccountNumber === number);
  return deposit ? { name: deposit.Name, vatCode: null } : undefined;
}

function readModel(voucher: ManualVoucher) {
  const total = voucher.lines.reduce((sum, line) => sum + line.amount, 0);
  const vat = voucher.lines.reduce((sum, line) => sum + line.vatAmount, 0);
  return {
    Guid: voucher.Guid,
    VoucherNumber: voucher.VoucherNumber,
    VoucherDate: voucher.VoucherDate,
    TotalInclVat: toDecimal(total),
    TotalExclVat: toDecimal(total - vat),
    FileGuid: null,
    Status: voucher.Status,
    Timestamp: voucher.Timestamp,
    ExternalReference: voucher.ExternalReference,
    Lines: voucher.lines.map((line) => ({
      Description: line.Description,
      AmountInclVatValue: toDecimal(line.amount),
      AmountExclVatValue: toDecimal(line.amount - line.vatAmount),
      VatAmountValue: toDecimal(line.vatAmount),
      AccountNumber: line.AccountNumber,
      BalancingAccountNumber: null,
      AccountVatCode: line.vatCode,
      BalancingAccountVatCode: null,
      CurrencyKey: "DKK",
      AmountInForeignCurrency: null,
    })),
  };
}

function unknownVoucher(guid: string): SimResponse {
  return notFound(`No manual voucher with guid '${guid}'.`);
}
