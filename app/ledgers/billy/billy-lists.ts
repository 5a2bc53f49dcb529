import type { LedgerOption, Organisation, VatCodeOption } from "../ledger-contract";
import { billyInvalid } from "./billy-check-errors";
import type { BillyContext } from "./billy-context";
import { type BillyAccount, accountSchema, taxRateSchema } from "./billy-schemas";

/** The company and the settings dropdowns: accounts and sales VAT rates. */

export async function verifyBillyConnection(
  context: BillyContext,
): Promise<{ organisations: Organisation[] }> {
  const company = await context.organization();
  if (company.isLocked) {
    throw billyInvalid("ledgerError.billy.companyLocked", { company: company.name });
  }
  return { organisations: [{ id: company.id, name: company.name }] };
}

export async function listBillySalesAccounts({ client }: BillyContext): Promise<LedgerOption[]> {
  const all = await client.list("accounts", accountSchema, "list the accounts");
  return all.filter((a) => a.natureId === "revenue" && !a.isArchived).map(accountOption);
}

export async function listBillyDepositAccounts({ client }: BillyContext): Promise<LedgerOption[]> {
  const all = await client.list("accounts", accountSchema, "list the accounts");
  return all.filter((a) => a.isPaymentEnabled && !a.isArchived).map(accountOption);
}

export async function listBillyVatCodes({ client }: BillyContext): Promise<VatCodeOption[]> {
  const rates = await client.list("taxRates", taxRateSchema, "list the VAT rates");
  return rates
    .filter((rate) => rate.appliesToSales !== false && rate.isActive !== false)
    .map((rate) => ({
      id: rate.id,
      label: rate.abbreviation ? `${rate.name} (${rate.abbreviation})` : rate.name,
      rate: Math.round(rate.rate * 10000),
    }));
}

function accountOption(account: BillyAccount): LedgerOption {
  return { id: account.id, label: [account.accountNo, account.name].filter(Boolean).join(" ") };
}
