/**
 * What the engine needs from a webshop to catch up on orders it was never told about
 * (reconciliation) and to import past orders (backfill). Implemented per source
 * (app/sources/shopify, app/sources/woocommerce).
 */

export interface OrderSummary {
  /** The id jobs are keyed on (Shopify: the order GID). */
  id: string;
  name: string;
  createdAt?: string;
  /** Paid (or partly refunded) orders are the ones that should have an invoice. */
  paid: boolean;
  cancelled: boolean;
  test: boolean;
}

export interface SourceOrderDocument {
  /** Raw JSON text of the order, as the mappers read it. */
  order: string;
  /** Raw JSON text of each refund, keyed by its id. */
  refunds: Array<{ id: string; body: string }>;
}

export interface OrderSource {
  ordersUpdatedSince(since: Date): AsyncIterable<OrderSummary>;
  ordersCreatedBetween(from: Date, to: Date): AsyncIterable<OrderSummary>;
  fetchOrder(id: string): Promise<SourceOrderDocument | null>;
}
