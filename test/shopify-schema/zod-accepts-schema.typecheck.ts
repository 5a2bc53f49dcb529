import type { z } from "zod";
import type {
  OrderForInvoiceResult,
  PayoutBalanceTransactionsResult,
  PayoutsIssuedSinceResult,
  RefundForCreditNoteResult,
} from "../../app/sources/shopify/admin-graphql/admin-graphql-types.generated";
import type {
  graphqlBalanceTransaction,
  graphqlPayout,
} from "../../app/sources/shopify/admin-graphql/payout-queries";
import type { graphqlOrder, graphqlRefund } from "../../app/sources/shopify/shopify-graphql-schemas";

type Accepts<Parser, Answer extends Parser> = Answer;
type NodeOf<T> = T extends { nodes: Array<infer N> } ? N : never;
type Order = NonNullable<OrderForInvoiceResult["order"]>;

export type Checks = [
  Accepts<
    z.input<typeof graphqlPayout>,
    NodeOf<NonNullable<PayoutsIssuedSinceResult["shopifyPaymentsAccount"]>["payouts"]>
  >,
  Accepts<
    z.input<typeof graphqlBalanceTransaction>,
    NodeOf<NonNullable<PayoutBalanceTransactionsResult["shopifyPaymentsAccount"]>["balanceTransactions"]>
  >,
  Accepts<z.input<typeof graphqlRefund>, NonNullable<RefundForCreditNoteResult["refund"]>>,
  Accepts<
    z.input<typeof graphqlOrder>,
    Omit<Order, "refunds"> & { refunds: Array<NonNullable<RefundForCreditNoteResult["refund"]>> }
  >,
];
