import type { OrderSource, OrderSummary, SourceOrderDocument } from "../source-contract";
import type { ShopSettings } from "../../settings/settings-schema";
import { isWithdrawnStatus, shouldTransferWooOrder } from "./transfer-trigger";
import type { ModifiedOrdersPage, WooFetchedOrder } from "./woocommerce-api-shapes";
import type { WooCommerceClient } from "./woocommerce-client";
import { fetchWooSnapshot, orderFactsOf, type WooOrderSnapshot } from "./woo-order-snapshot";

export interface WooOrderSourceOptions {
  /** The shop's settings decide which orders are due (`transfer.trigger`, `transfer.statuses`). */
  settings: ShopSettings;
  /** Orders per REST page (WordPress allows at most 100). */
  perPage?: number;
}

/**
 * A WooCommerce store as the engine's OrderSource, over its REST API: the reconciliation poll
 * lists orders by `modified_after` and the historical import by creation date, both following
 * `X-WP-TotalPages`. "Paid" means due under the shop's trigger settings. Listed orders are kept
 * for the round, so only refunds cost an extra request when an order turns out to be missing.
 */
export function wooOrderSource(client: WooCommerceClient, options: WooOrderSourceOptions): OrderSource {
  const seen = new Map<string, WooFetchedOrder>();
  const perPage = options.perPage ?? 100;

  async function* summaries(pages: AsyncIterable<ModifiedOrdersPage>): AsyncIterable<OrderSummary> {
    for await (const page of pages) {
      for (const fetched of page.orders) {
        const facts = orderFactsOf(fetched.json);
        const id = String(fetched.summary.id);
        seen.set(id, fetched);
        const createdAt = (JSON.parse(fetched.json) as { date_created_gmt?: unknown }).date_created_gmt;
        yield {
          id,
          name: `#${facts.number}`,
          ...(typeof createdAt === "string" ? { createdAt: `${createdAt}Z` } : {}),
          paid: shouldTransferWooOrder(facts, options.settings),
          cancelled: isWithdrawnStatus(facts.status),
          test: false,
        };
      }
    }
  }

  return {
    ordersUpdatedSince: (since) => summaries(client.ordersModifiedAfter(since, { perPage })),
    ordersCreatedBetween: (from, to) => summaries(client.ordersCreatedBetween(from, to, { perPage })),
    fetchOrder: async (id) => documentOf(await fetchWooSnapshot(client, id, seen.get(id))),
  };
}

/** One order and its refunds by id: what a delivery, which is only a signal, is answered with. */
export function wooOrderReader(client: WooCommerceClient): Pick<OrderSource, "fetchOrder"> {
  return { fetchOrder: async (id) => documentOf(await fetchWooSnapshot(client, id)) };
}

function documentOf(snapshot: WooOrderSnapshot): SourceOrderDocument | null {
  if (!snapshot.order) return null;
  return {
    order: snapshot.order.json,
    refunds: snapshot.refunds.map((refund) => ({ id: refund.id, body: refund.json })),
  };
}
