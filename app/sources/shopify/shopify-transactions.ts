import type { Transaction, TransactionKind } from "../../domain/order";
import type { ShopifyMoney, GraphqlMoneyBag } from "./shopify-money";
import type { RestMoneySet } from "./shopify-rest-schemas";
import { sourceAmount } from "../source-money";
import { draftWarning, type DraftWarning } from "../../domain/draft-warning";

const KINDS: Readonly<Record<string, TransactionKind>> = {
  sale: "sale",
  capture: "capture",
  authorization: "authorization",
  refund: "refund",
  void: "void",
};

export function transactionKind(kind: string | null | undefined): TransactionKind {
  return KINDS[(kind ?? "").toLowerCase()] ?? "other";
}

export function transactionStatus(status: string | null | undefined): Transaction["status"] {
  const lower = (status ?? "").toLowerCase();
  if (lower === "success") return "success";
  if (lower === "pending") return "pending";
  if (lower === "failure" || lower === "error") return "failure";
  return "other";
}

interface RestTransactionInput {
  id?: string | number | null | undefined;
  admin_graphql_api_id?: string | null | undefined;
  kind?: string | null | undefined;
  status?: string | null | undefined;
  gateway?: string | null | undefined;
  amount?: string | number | null | undefined;
  currency?: string | null | undefined;
  amount_set?: RestMoneySet;
  processed_at?: string | null | undefined;
  created_at?: string | null | undefined;
}

/**
 * REST transactions state one amount, in the currency the customer paid in. With the shop money
 * Shopify states for it (`amount_set`, fetched over GraphQL by `withTransactionShopMoney`) it is
 * read in the document currency; without, one in another currency than the document cannot be
 * converted here and is left out with a note rather than guessed.
 */
export function mapRestTransactions(
  transactions: readonly RestTransactionInput[] | null | undefined,
  money: ShopifyMoney,
  path: string,
  notes: DraftWarning[],
): Transaction[] {
  const result: Transaction[] = [];
  (transactions ?? []).forEach((t, i) => {
    const field = `${path}[${i}]`;
    const code = (t.currency ?? money.document).toUpperCase();
    if (!t.amount_set && code !== money.document) {
      notes.push(
        draftWarning("preview.warning.transactionOtherCurrency", {
          field,
          currency: code,
          document: money.document,
        }),
      );
      return;
    }
    const id =
      t.admin_graphql_api_id ??
      (t.id !== null && t.id !== undefined ? `gid://shopify/OrderTransaction/${String(t.id)}` : field);
    const processedAt = t.processed_at ?? t.created_at ?? undefined;
    result.push({
      id,
      kind: transactionKind(t.kind),
      status: transactionStatus(t.status),
      gateway: t.gateway ?? "",
      amount: t.amount_set
        ? money.rest(t.amount, t.amount_set, `${field}.amount`)
        : sourceAmount(t.amount, money.document, `${field}.amount`),
      ...(processedAt ? { processedAt } : {}),
    });
  });
  return result;
}

interface GraphqlTransactionInput {
  id?: string | null | undefined;
  kind?: string | null | undefined;
  status?: string | null | undefined;
  gateway?: string | null | undefined;
  processedAt?: string | null | undefined;
  createdAt?: string | null | undefined;
  amountSet?: GraphqlMoneyBag | null | undefined;
}

export function mapGraphqlTransactions(
  transactions: readonly GraphqlTransactionInput[],
  money: ShopifyMoney,
  path: string,
): Transaction[] {
  return transactions.map((t, i) => {
    const field = `${path}[${i}]`;
    const processedAt = t.processedAt ?? t.createdAt ?? undefined;
    return {
      id: t.id ?? field,
      kind: transactionKind(t.kind),
      status: transactionStatus(t.status),
      gateway: t.gateway ?? "",
      amount: money.bag(t.amountSet, `${field}.amountSet`),
      ...(processedAt ? { processedAt } : {}),
    };
  });
}
