import { z } from "zod";
import { moneyBag } from "../shopify-graphql-schemas";
import type { AdminGraphqlClient } from "./admin-graphql-client";

/**
 * A REST refund's transactions state only the customer's currency (`amount`, `currency`); the
 * shop money Shopify booked for each is on GraphQL's `OrderTransaction.amountSet`. A document in
 * the shop currency takes that figure rather than converting the customer's.
 */
export const REFUND_TRANSACTION_MONEY = `#graphql
query RefundTransactionMoney($id: ID!) {
  refund(id: $id) {
    transactions(first: 10) {
      nodes {
        id
        amountSet {
          shopMoney { amount currencyCode }
          presentmentMoney { amount currencyCode }
        }
      }
    }
  }
}`;

const result = z.object({
  refund: z
    .object({
      transactions: z.object({ nodes: z.array(z.object({ id: z.string(), amountSet: moneyBag })) }),
    })
    .nullable(),
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const gidOf = (resource: string, object: Json): string | undefined =>
  typeof object.admin_graphql_api_id === "string"
    ? object.admin_graphql_api_id
    : object.id !== undefined && object.id !== null
      ? `gid://shopify/${resource}/${String(object.id)}`
      : undefined;

/**
 * The `refunds/create` body (`{ refund }` or bare) with each transaction stated in another
 * currency than the shop's given its `amount_set` as Shopify states it. Unchanged (and no
 * request made) when every transaction is already in the shop currency or has its set. Throws
 * when Shopify does not know a transaction: its shop money is never guessed.
 */
export async function withTransactionShopMoney(
  client: AdminGraphqlClient,
  body: Json,
  shopCurrency: string,
): Promise<Json> {
  const refund = isObject(body.refund) ? body.refund : body;
  const transactions = Array.isArray(refund.transactions) ? refund.transactions.filter(isObject) : [];
  const lacking = transactions.filter(
    (t) => !t.amount_set && String(t.currency ?? shopCurrency).toUpperCase() !== shopCurrency.toUpperCase(),
  );
  if (lacking.length === 0) return body;
  const refundId = gidOf("Refund", refund);
  if (!refundId) throw new Error("the refund has no id to read its transactions' shop money by");
  const answer = await client.request(REFUND_TRANSACTION_MONEY, { id: refundId }, result);
  const byId = new Map((answer.refund?.transactions.nodes ?? []).map((n) => [n.id, n.amountSet]));
  const enriched = transactions.map((t) => {
    if (!lacking.includes(t)) return t;
    const id = gidOf("OrderTransaction", t);
    const set = id ? byId.get(id) : undefined;
    if (!set?.shopMoney || !set.presentmentMoney) {
      throw new Error(`Shopify states no shop money for transaction ${id ?? "(without id)"} of ${refundId}`);
    }
    const money = (m: { amount: string | number; currencyCode?: string | null | undefined }) => ({
      amount: String(m.amount),
      currency_code: m.currencyCode ?? null,
    });
    return {
      ...t,
      amount_set: { shop_money: money(set.shopMoney), presentment_money: money(set.presentmentMoney) },
    };
  });
  const copy = { ...refund, transactions: enriched };
  return isObject(body.refund) ? { ...body, refund: copy } : copy;
}
