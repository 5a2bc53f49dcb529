import type { LedgerOption, Organisation, VatCodeOption } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DineroClient } from "./dinero-client";
import { DINERO_PROVIDER } from "./dinero-errors";
import {
  depositAccountsSchema,
  entryAccountsSchema,
  organisationsSchema,
  templatesSchema,
  vatTypesSchema,
} from "./dinero-schemas";

/** The settings page's dropdown sources, read from the merchant's own Dinero organisation. */

export async function verifyDineroConnection(
  client: DineroClient,
  chosenId: string | undefined,
): Promise<{ organisations: Organisation[] }> {
  const listed = await client.call({
    method: "GET",
    version: "v1",
    path: "/organizations",
    inOrganisation: false,
    query: { fields: "Id,Name,IsPro,IsPayingPro" },
    schema: organisationsSchema,
    operation: "list organisations",
  });
  const all = listed.flatMap((org) =>
    org.Id != null
      ? [{ id: String(org.Id), name: org.Name ?? `Dinero ${org.Id}`, isPro: org.IsPro !== false }]
      : [],
  );
  const candidates = chosenId ? all.filter((org) => org.id === chosenId) : all;
  if (chosenId && candidates.length === 0) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "authentication",
      detail: `organisation ${chosenId} not among ${all.map((org) => org.id).join(", ")}`,
      messageKey: "ledgerError.dinero.organisationUnreachable",
    });
  }
  const usable = candidates.filter((org) => org.isPro);
  if (usable.length === 0) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "authentication",
      detail: "no organisation with Pro",
      messageKey: "ledgerError.dinero.proRequired",
    });
  }
  return { organisations: usable.map(({ id, name }) => ({ id, name })) };
}

export async function listDineroSalesAccounts(client: DineroClient): Promise<LedgerOption[]> {
  const accounts = await client.call({
    method: "GET",
    version: "v1",
    path: "/accounts/entry",
    query: { fields: "AccountNumber,Name,VatCode,IsHidden", categoryFilter: "Turnover" },
    schema: entryAccountsSchema,
    operation: "list sales accounts",
  });
  return accounts
    .filter((account) => !account.IsHidden)
    .map((account) => ({
      id: String(account.AccountNumber),
      label:
        `${account.AccountNumber} ${account.Name ?? ""}${account.VatCode ? ` (${account.VatCode})` : " (no VAT)"}`
          .replace(/\s+/g, " ")
          .trim(),
    }));
}

export async function listDineroDepositAccounts(client: DineroClient): Promise<LedgerOption[]> {
  const accounts = await client.call({
    method: "GET",
    version: "v1",
    path: "/accounts/deposit",
    query: { fields: "AccountNumber,Name,IsHidden" },
    schema: depositAccountsSchema,
    operation: "list deposit accounts",
  });
  return accounts
    .filter((account) => !account.IsHidden)
    .map((account) => ({
      id: String(account.AccountNumber),
      label: `${account.AccountNumber} ${account.Name ?? ""}`.trim(),
    }));
}

export async function listDineroVatCodes(client: DineroClient): Promise<VatCodeOption[]> {
  const types = await client.call({
    method: "GET",
    version: "v1",
    path: "/vatTypes",
    schema: vatTypesSchema,
    operation: "list VAT types",
  });
  return types.flatMap((type) =>
    type.VatCode
      ? [
          {
            id: type.VatCode,
            label: `${type.VatCode} ${type.Name ?? ""}`.trim(),
            ...(type.VatRate != null ? { rate: Math.round(type.VatRate * 10_000) } : {}),
          },
        ]
      : [],
  );
}

/**
 * Dinero has no list of payment terms: an invoice states a condition type and a day count. These
 * are the terms the adapter sends (id = days; 0 = "netto kontant", due at once).
 */
export function dineroPaymentTerms(): LedgerOption[] {
  return [
    { id: "0", label: "Netto kontant (due at once)" },
    ...[8, 14, 30].map((days) => ({ id: String(days), label: `Netto ${days} dage` })),
  ];
}

export async function listDineroLayouts(client: DineroClient): Promise<LedgerOption[]> {
  const templates = await client.call({
    method: "GET",
    version: "v1",
    path: "/invoices/templates",
    schema: templatesSchema,
    operation: "list invoice templates",
  });
  return templates.map((template) => ({
    id: template.Id,
    label: `${template.Name ?? "Skabelon"}${template.IsDefault ? " (default)" : ""}`,
  }));
}
