import type { z } from "zod";
import type { LedgerAdapter, LedgerOption } from "../ledger-contract";
import type { EconomicClient } from "./economic-client";
import {
  accountSchema,
  collectionOf,
  layoutSchema,
  paymentTermsSchema,
  vatAccountSchema,
} from "./economic-schemas";
import type { EconomicLookups } from "./economic-settings";

/** The settings dropdowns: agreement, accounts, VAT codes, payment terms and layouts, as e-conomic lists them. */

const PAGE_SIZE = 1000;
const MAX_PAGES = 20;

type EconomicLists = Pick<
  LedgerAdapter,
  | "verifyConnection"
  | "listSalesAccounts"
  | "listDepositAccounts"
  | "listVatCodes"
  | "listPaymentTerms"
  | "listLayouts"
>;

export function economicLists(client: EconomicClient, lookups: EconomicLookups): EconomicLists {
  return {
    async verifyConnection() {
      const self = await lookups.self();
      return {
        organisations: [
          {
            id: String(self.agreementNumber),
            name: self.company?.name ?? `Agreement ${self.agreementNumber}`,
          },
        ],
      };
    },

    // Revenue accounts (profit & loss, credit side) that are open; lines reach them through product groups.
    async listSalesAccounts() {
      const accounts = await listAll(client, "/accounts", accountSchema, {
        operation: "list the sales accounts",
        filter: "accountType$eq:profitAndLoss",
      });
      return accounts
        .filter((account) => account.debitCredit === "credit" && !account.barred)
        .map(accountOption);
    },

    // Balance-sheet asset accounts that take direct entries: bank, cash, payment-provider clearing.
    async listDepositAccounts() {
      const accounts = await listAll(client, "/accounts", accountSchema, {
        operation: "list the deposit accounts",
        filter: "accountType$eq:status",
      });
      return accounts
        .filter(
          (account) => account.debitCredit === "debit" && !account.barred && !account.blockDirectEntries,
        )
        .map(accountOption);
    },

    async listVatCodes() {
      const codes = await listAll(client, "/vat-accounts", vatAccountSchema, {
        operation: "list the VAT codes",
      });
      return codes
        .filter((code) => !code.barred)
        .map((code) => ({
          id: code.vatCode,
          label: `${code.vatCode} ${code.name ?? ""}`.trim(),
          ...(typeof code.ratePercentage === "number" ? { rate: Math.round(code.ratePercentage * 100) } : {}),
        }));
    },

    async listPaymentTerms() {
      const terms = await listAll(client, "/payment-terms", paymentTermsSchema, {
        operation: "list the payment terms",
      });
      return terms.map((term) => ({
        id: String(term.paymentTermsNumber),
        label: term.name ?? `Terms ${term.paymentTermsNumber}`,
      }));
    },

    async listLayouts() {
      const layouts = await listAll(client, "/layouts", layoutSchema, { operation: "list the layouts" });
      return layouts
        .filter((layout) => !layout.deleted)
        .map((layout) => ({
          id: String(layout.layoutNumber),
          label: layout.name ?? `Layout ${layout.layoutNumber}`,
        }));
    },
  };
}

export async function listAll<T extends z.ZodType>(
  client: EconomicClient,
  path: string,
  item: T,
  options: { operation: string; filter?: string },
): Promise<Array<z.infer<T>>> {
  const items: Array<z.infer<T>> = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string> = { skippages: String(page), pagesize: String(PAGE_SIZE) };
    if (options.filter) query.filter = options.filter;
    const result = await client.request(
      { method: "GET", path, query, operation: options.operation },
      collectionOf(item),
    );
    items.push(...(result.collection as Array<z.infer<T>>));
    if (result.collection.length < PAGE_SIZE || !result.pagination?.nextPage) break;
  }
  return items;
}

function accountOption(account: { accountNumber: number; name?: string | null }): LedgerOption {
  return {
    id: String(account.accountNumber),
    label: `${account.accountNumber} ${account.name ?? ""}`.trim(),
  };
}
