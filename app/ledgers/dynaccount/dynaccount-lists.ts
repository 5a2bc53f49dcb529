import type { LedgerOption, Organisation, VatCodeOption } from "../ledger-contract";
import type { DynaccountContext, PaymentTerm } from "./dynaccount-context";
import {
  accountRowSchema,
  paymentTermRowSchema,
  readRows,
  vatCodeRowSchema,
  yearRowSchema,
} from "./dynaccount-schemas";

/**
 * Settings dropdowns. Accounts: `type` OPERATING (result) or BALANCE; sales accounts are result
 * accounts not tied to a purchase VAT code; deposit accounts are balance accounts, bank accounts
 * first. One API id is one company's books, so there is exactly one organisation.
 */

export async function verifyDynaccountConnection(
  context: DynaccountContext,
): Promise<{ organisations: Organisation[] }> {
  const operation = "connect to Dynaccount";
  // Any signed read proves API ID, key and secret; accounting years exist in every company.
  readRows(
    yearRowSchema,
    await context.client.get(
      "year",
      { select: ["id", "name"], order: "name desc", limit: [0, 1] },
      operation,
    ),
    operation,
  );
  const apiId = context.credentials.apiId;
  return { organisations: [{ id: apiId, name: `Dynaccount (API ID ${apiId})` }] };
}

export async function listDynaccountSalesAccounts(context: DynaccountContext): Promise<LedgerOption[]> {
  const operation = "list the sales accounts in Dynaccount";
  // One request at a time: the shared per-connection limiter paces us, and a failed call leaves no stray request behind.
  const accounts = await context.client.get(
    "account",
    { where: { type: "OPERATING" }, select: ["account_id_", "name", "vatcode_name"], order: "account_id_" },
    operation,
  );
  const codes = await vatCodes(context, operation);
  const purchase = new Set(codes.filter((code) => code.type === "PURCHASE").map((code) => code.name));
  return readRows(accountRowSchema, accounts, operation)
    .filter((account) => !purchase.has(account.vatcode_name ?? ""))
    .map(toOption);
}

export async function listDynaccountDepositAccounts(context: DynaccountContext): Promise<LedgerOption[]> {
  const operation = "list the bank accounts in Dynaccount";
  const rows = await context.client.get(
    "account",
    { where: { type: "BALANCE" }, select: ["account_id_", "name", "is_bank"], order: "account_id_" },
    operation,
  );
  const accounts = readRows(accountRowSchema, rows, operation);
  const banks = accounts.filter((account) => account.is_bank === "YES");
  const others = accounts.filter((account) => account.is_bank !== "YES");
  return [...banks, ...others].map(toOption);
}

export async function listDynaccountVatCodes(context: DynaccountContext): Promise<VatCodeOption[]> {
  const codes = await vatCodes(context, "list the VAT codes in Dynaccount");
  return codes
    .filter((code) => code.type !== "PURCHASE")
    .map((code) => {
      const rate = percentToBasisPoints(code.percent);
      return {
        id: code.name,
        label: code.txt ? `${code.name} ${code.txt}` : code.name,
        ...(rate === undefined ? {} : { rate }),
      };
    });
}

export async function listDynaccountPaymentTerms(context: DynaccountContext): Promise<LedgerOption[]> {
  return (await paymentTerms(context)).map((term) => ({ id: term.name, label: term.name }));
}

/** The payment term matching the draft's days (cash for 0), or undefined to keep the debtor's. */
export async function paymentTermFor(context: DynaccountContext, days: number): Promise<string | undefined> {
  const terms = await paymentTerms(context);
  const exact = terms.filter((term) => term.days === days && (term.type === "NET" || term.type === "CASH"));
  return (exact.find((term) => term.type === (days === 0 ? "CASH" : "NET")) ?? exact[0])?.name;
}

async function paymentTerms(context: DynaccountContext): Promise<PaymentTerm[]> {
  if (context.cache.paymentTerms) return context.cache.paymentTerms;
  const operation = "read the payment terms in Dynaccount";
  const rows = await context.client.get(
    "payment",
    { select: ["name", "type", "days"], order: "id" },
    operation,
  );
  const terms = readRows(paymentTermRowSchema, rows, operation).map((term) => ({
    name: term.name,
    type: term.type ?? "",
    days: Number(term.days ?? 0),
  }));
  context.cache.paymentTerms = terms;
  return terms;
}

async function vatCodes(context: DynaccountContext, operation: string) {
  const rows = await context.client.get(
    "vatcode",
    { select: ["name", "txt", "type", "percent"], order: "name" },
    operation,
  );
  return readRows(vatCodeRowSchema, rows, operation);
}

function toOption(account: { account_id_: string; name?: string | null }): LedgerOption {
  return { id: account.account_id_, label: `${account.account_id_} ${account.name ?? ""}`.trim() };
}

function percentToBasisPoints(value: string | number | null | undefined): number | undefined {
  const percent = Number(value);
  return value === null || value === undefined || value === "" || !Number.isFinite(percent)
    ? undefined
    : Math.round(percent * 100);
}
