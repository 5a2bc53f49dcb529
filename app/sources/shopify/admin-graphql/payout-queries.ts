import { z } from "zod";
import type { AdminGraphqlClient } from "./admin-graphql-client";

/**
 * Shopify Payments payouts and the balance transactions each settles (scope
 * `read_shopify_payments_payouts`). Both documents are checked against Shopify's published schema
 * in test/shopify-schema. Balance transactions are selected per payout with the search filter
 * `payments_transfer_id:<payout legacy id>`; `hideTransfers` leaves out the payout's own transfer
 * row, which is the payout itself and not something it settles.
 */
export const PAYOUTS_ISSUED_SINCE = `#graphql
query PayoutsIssuedSince($first: Int!, $after: String, $query: String!) {
  shopifyPaymentsAccount {
    payouts(first: $first, after: $after, query: $query, sortKey: ISSUED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id legacyResourceId issuedAt status transactionType
        net { amount currencyCode }
      }
    }
  }
}`;

export const PAYOUT_BALANCE_TRANSACTIONS = `#graphql
query PayoutBalanceTransactions($first: Int!, $after: String, $query: String!) {
  shopifyPaymentsAccount {
    balanceTransactions(first: $first, after: $after, query: $query, hideTransfers: true) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id type test transactionDate adjustmentReason
        amount { amount currencyCode }
        fee { amount currencyCode }
        net { amount currencyCode }
        associatedOrder { id name }
        associatedPayout { id status }
      }
    }
  }
}`;

const moneyV2 = z.object({ amount: z.string(), currencyCode: z.string() });
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

export const graphqlPayout = z.object({
  id: z.string(),
  legacyResourceId: z.string(),
  issuedAt: z.string(),
  status: z.string(),
  transactionType: z.string(),
  net: moneyV2,
});
export type GraphqlPayout = z.infer<typeof graphqlPayout>;

export const graphqlBalanceTransaction = z.object({
  id: z.string(),
  type: z.string(),
  test: z.boolean(),
  transactionDate: z.string(),
  adjustmentReason: z.string().nullish(),
  amount: moneyV2,
  fee: moneyV2,
  net: moneyV2,
  associatedOrder: z.object({ id: z.string(), name: z.string() }).nullish(),
  associatedPayout: z.object({ id: z.string().nullish(), status: z.string().nullish() }).nullish(),
});
export type GraphqlBalanceTransaction = z.infer<typeof graphqlBalanceTransaction>;

// A shop without Shopify Payments answers `shopifyPaymentsAccount: null`.
const payoutsResult = z.object({
  shopifyPaymentsAccount: z
    .object({ payouts: z.object({ pageInfo, nodes: z.array(graphqlPayout) }) })
    .nullable(),
});
const transactionsResult = z.object({
  shopifyPaymentsAccount: z
    .object({ balanceTransactions: z.object({ pageInfo, nodes: z.array(graphqlBalanceTransaction) }) })
    .nullable(),
});

/** Payouts issued on or after a day, oldest first, page by page. */
export async function* listPayoutsIssuedSince(
  client: AdminGraphqlClient,
  since: Date,
  pageSize = 50,
): AsyncGenerator<GraphqlPayout> {
  const query = `issued_at:>=${since.toISOString().slice(0, 10)}`;
  let after: string | undefined;
  for (;;) {
    const { shopifyPaymentsAccount } = await client.request(
      PAYOUTS_ISSUED_SINCE,
      { first: pageSize, query, ...(after ? { after } : {}) },
      payoutsResult,
    );
    if (!shopifyPaymentsAccount) return;
    const { nodes, pageInfo: page } = shopifyPaymentsAccount.payouts;
    yield* nodes;
    if (!page.hasNextPage || !page.endCursor) return;
    after = page.endCursor;
  }
}

/** Every balance transaction a payout settles (all pages). */
export async function fetchPayoutTransactions(
  client: AdminGraphqlClient,
  payoutLegacyId: string,
  pageSize = 100,
): Promise<GraphqlBalanceTransaction[]> {
  if (!/^\d+$/.test(payoutLegacyId)) throw new RangeError(`not a payout id: ${payoutLegacyId}`);
  const query = `payments_transfer_id:${payoutLegacyId}`;
  const all: GraphqlBalanceTransaction[] = [];
  let after: string | undefined;
  for (;;) {
    const { shopifyPaymentsAccount } = await client.request(
      PAYOUT_BALANCE_TRANSACTIONS,
      { first: pageSize, query, ...(after ? { after } : {}) },
      transactionsResult,
    );
    if (!shopifyPaymentsAccount) return all;
    const { nodes, pageInfo: page } = shopifyPaymentsAccount.balanceTransactions;
    all.push(...nodes);
    if (!page.hasNextPage || !page.endCursor) return all;
    after = page.endCursor;
  }
}
