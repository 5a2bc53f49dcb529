import type { PayoutHeader, PayoutSource } from "../../domain/payouts/payout-source";
import type { AdminGraphqlClient } from "./admin-graphql/admin-graphql-client";
import type { GraphqlPayout } from "./admin-graphql/payout-queries";
import { fetchPayoutTransactions, listPayoutsIssuedSince } from "./admin-graphql/payout-queries";
import { mapShopifyPayout } from "./map-shopify-payout";

/** Shopify Payments payouts over Admin GraphQL (scope read_shopify_payments_payouts). */
export function shopifyPayoutSource(client: AdminGraphqlClient): PayoutSource {
  const listed = new Map<string, GraphqlPayout>();
  return {
    async *payoutsIssued({ since, until }) {
      for await (const payout of listPayoutsIssuedSince(client, since)) {
        if (until && new Date(payout.issuedAt) >= until) continue;
        listed.set(payout.legacyResourceId, payout);
        const header: PayoutHeader = {
          id: payout.legacyResourceId,
          issuedAt: payout.issuedAt,
          settled: payout.status === "PAID" || payout.status === "IN_TRANSIT",
        };
        yield header;
      }
    },
    async readPayout(header) {
      const payout = listed.get(header.id);
      if (!payout) throw new Error(`payout ${header.id} was not listed by this source`);
      return mapShopifyPayout(payout, await fetchPayoutTransactions(client, payout.legacyResourceId));
    },
  };
}
