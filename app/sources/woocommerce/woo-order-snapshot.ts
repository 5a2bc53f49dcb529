import { z } from "zod";
import type { WooFetchedOrder } from "./woocommerce-api-shapes";
import type { WooCommerceClient } from "./woocommerce-client";
import { SourceError } from "../source-error";

/** One WooCommerce order's current state, as the REST API returned it. */
export interface WooOrderSnapshot {
  orderId: string;
  /** The order as the REST API returned it; null when the store no longer has it. */
  order: { json: string; status: string; number: string; datePaid: string | null } | null;
  /** Raw JSON of each of the order's refunds. */
  refunds: Array<{ id: string; json: string }>;
}

const orderFacts = z.looseObject({
  id: z.number(),
  status: z.string(),
  number: z.union([z.string(), z.number()]).nullish(),
  date_paid: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  refunds: z.array(z.looseObject({ id: z.number() })).nullish(),
});

/** The facts the ingest decides on, read from an order's JSON as the REST API returned it. */
export function orderFactsOf(json: string): NonNullable<WooOrderSnapshot["order"]> & { refundIds: string[] } {
  const facts = orderFacts.parse(JSON.parse(json));
  return {
    json,
    status: facts.status,
    number: String(facts.number ?? facts.id),
    datePaid: facts.date_paid_gmt ?? facts.date_paid ?? null,
    refundIds: (facts.refunds ?? []).map((r) => String(r.id)),
  };
}

/**
 * The order's current state and its refunds, read through the REST API. A 404 means the order
 * was deleted for good (emptied from the trash). Refunds are only listed when the order's
 * summary names some, which saves a request for the usual order.
 */
export async function fetchWooSnapshot(
  client: WooCommerceClient,
  orderId: string,
  known?: WooFetchedOrder,
): Promise<WooOrderSnapshot> {
  let fetched = known;
  if (!fetched) {
    try {
      fetched = await client.getOrder(orderId);
    } catch (error) {
      if (
        error instanceof SourceError &&
        error.kind === "notFound" &&
        error.providerCode !== "rest_no_route"
      ) {
        return { orderId, order: null, refunds: [] };
      }
      throw error;
    }
  }
  const { refundIds, ...order } = orderFactsOf(fetched.json);
  const refunds =
    refundIds.length > 0
      ? (await client.listRefunds(orderId)).map((r) => ({ id: String(r.summary.id), json: r.json }))
      : [];
  return { orderId: String(fetched.summary.id), order, refunds };
}
