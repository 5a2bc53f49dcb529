import type { Job, Platform, PrismaClient } from "@prisma/client";
import type { Order, Refund } from "../domain/order";
import type { SecretBox } from "../lib/secret-box.server";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * The one shape every webshop takes for the rest of Ledger Bridge. The engine (queue, ingest,
 * transfer) sees a shop only through these types and `sources.server.ts`; each source implements
 * them in its own folder (app/sources/shopify/shopify-source.ts, woocommerce/woocommerce-source.ts)
 * and is held to them by one conformance suite (test/contract/source-conformance.ts).
 */

export type { Platform as SourcePlatform } from "@prisma/client";
// Identity (a body's own id fields) and the transfer trigger are one rule for every source.
export { assertBodyIsOrder, OrderIdentityError, orderIdOfBody } from "./order-identity";
export { transferDue } from "./transfer-due";

/** An order as the source sent or returned it: raw JSON text, as the mappers read it. */
export interface SourceOrderBody {
  /** The id jobs are keyed on (Shopify: the order GID; WooCommerce: the numeric id). */
  orderId: string;
  orderName: string;
  body: string;
}

export interface SourceRefundBody {
  orderId: string;
  refundId: string;
  body: string;
}

/** How far an order has come, which the shop's transfer trigger is checked against. */
export interface OrderMilestones {
  paid: boolean;
  fulfilled: boolean;
  /** The source's own status name, for a trigger on the merchant's statuses. */
  status?: string;
  /** Paid, then refunded in full: its invoice and credit note belong in the books under any trigger. */
  refundedAfterPayment?: boolean;
}

/** Why an order will not be transferred any more (cancelled in the shop, payment failed, deleted). */
export type WithdrawnBecause = "cancelled" | "failed" | "deleted";

/**
 * What a delivery means. Milestone deliveries (Shopify) report one event each; a source whose
 * deliveries are only signals (WooCommerce) re-reads the order and reports its whole current
 * state (`orderState`), which is ingested the same way however often it arrives.
 */
export type SourceEvent =
  | { type: "paid"; order: SourceOrderBody }
  | { type: "fulfilled"; order: SourceOrderBody }
  | { type: "updated"; order: SourceOrderBody }
  | { type: "cancelled"; orderId: string; because: WithdrawnBecause }
  | { type: "refund"; refund: SourceRefundBody }
  | { type: "orderState"; order: SourceOrderBody; reached: OrderMilestones; refunds: SourceRefundBody[] }
  | { type: "uninstalled" }
  | { type: "scopesUpdated"; scopes: string[] }
  | { type: "customerDataRequest"; body: string }
  | { type: "customerRedact"; body: string }
  | { type: "shopRedact"; body: string }
  | { type: "ignored"; reason: string };

export type SourceEventType = SourceEvent["type"];

/** A request as it reached us: the exact bytes (signatures are over them) and the headers. */
export interface RawDelivery {
  rawBody: Buffer;
  headers: Headers;
}

/** A delivery whose signature held: what it is about, never yet what it means. */
export interface VerifiedDelivery {
  /** The source's own topic name ("orders/paid", "order.updated"). */
  topic: string;
  /** Stable across the source's retries of one delivery, when the source has one. */
  deliveryId: string | undefined;
  /** The shop the verified headers name (Shopify), when the source names one. */
  shopDomain: string | undefined;
  /** The body text as received (parse it with big-number care). */
  rawBody: string;
  /** The id of the resource the delivery is about (WooCommerce: the order id). */
  resourceId: string | undefined;
}

export type DeliveryVerdict =
  | { kind: "delivery"; delivery: VerifiedDelivery }
  /** A source's handshake (WooCommerce's creation ping): accepted, carries nothing. */
  | { kind: "ping" }
  | { kind: "rejected"; status: 400 | 401; reason: string };

/** What the engine reads from a shop to catch up (reconcile) and to import the past (backfill). */
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

/** One shop's orders, read through the source's API. */
export interface OrderSource {
  /** Changes since (reconciliation): orders updated at or after `since`. */
  ordersUpdatedSince(since: Date): AsyncIterable<OrderSummary>;
  /** Bulk history (the historical import): orders created in the range. */
  ordersCreatedBetween(from: Date, to: Date): AsyncIterable<OrderSummary>;
  /** One order by its id, with its refunds; null when the shop has no such order. */
  fetchOrder(id: string): Promise<SourceOrderDocument | null>;
}

/** One refund of an order by id, read through the order (no source lists refunds on their own). */
export async function fetchRefund(
  source: OrderSource,
  orderId: string,
  refundId: string,
): Promise<string | null> {
  const document = await source.fetchOrder(orderId);
  return document?.refunds.find((refund) => refund.id === refundId)?.body ?? null;
}

export type StatusWriteBackResult = { written: Array<{ key: string; value: string }> } | { skipped: string };

/** Shows a settled job's outcome on the order in the shop itself (where the shop can show it). */
export interface StatusWriteBack {
  write(
    db: PrismaClient,
    job: Pick<Job, "id">,
    options: { box?: SecretBox; timeoutMs?: number },
  ): Promise<StatusWriteBackResult>;
}

/** What a source can do beyond the contract's core; absent capabilities are null, never missing. */
export interface SourceCapabilities {
  statusWriteBack: StatusWriteBack | null;
}

/** A webshop platform as Ledger Bridge uses it. */
export interface Source {
  readonly platform: Platform;
  /** Checks a delivery's signature over its exact bytes with the shop's secret. */
  verify(delivery: RawDelivery, secret: string): DeliveryVerdict;
  /**
   * A verified delivery as typed events. A source whose deliveries are only signals reads the
   * order's current state from `orders` (the shop's OrderSource); others ignore it.
   */
  events(delivery: VerifiedDelivery, orders: Pick<OrderSource, "fetchOrder"> | null): Promise<SourceEvent[]>;
  /** Which order a body is, from its own id fields; null when it names none. */
  orderIdOf(body: string): string | null;
  /** The order, in the canonical model. Raw JSON text keeps ids beyond 2^53 exact. */
  mapOrder(body: unknown, settings: ShopSettings): Order;
  /** One refund of `order`, in the canonical model. */
  mapRefund(body: unknown, order: Order, settings: ShopSettings): Refund;
  readonly capabilities: SourceCapabilities;
}
