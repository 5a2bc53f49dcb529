import { DraftError } from "../../domain/draft-errors";
import type { Refund, RefundAdjustment, RefundLine, RefundShipping } from "../../domain/order";
import { zodToDraftError } from "../zod-draft-error";
import { checkQuantity } from "./map-shopify-order-parts";
import { shopifyGid } from "./shopify-buyer";
import type { ShopifyMoney } from "./shopify-money";
import { restRefund, type RestRefund } from "./shopify-rest-schemas";
import { mapGraphqlTransactions, mapRestTransactions } from "./shopify-transactions";
import { graphqlRefund, nodesOf, type GraphqlRefund } from "./shopify-graphql-schemas";
import { draftWarning, type DraftWarning } from "../../domain/draft-warning";
import { isStoreCreditGateway } from "../../domain/draft-payments";
import { formatMinor } from "../../domain/money";

export interface ShopifyRefundContext {
  money: ShopifyMoney;
  /** The order's `taxes_included`: refund amounts are in the same price basis as the order. */
  pricesIncludeTax: boolean;
}

/**
 * A Shopify refund — a `refunds/create` webhook body (`{"refund": …}` or bare), an element of
 * an order's `refunds`, or a GraphQL Refund node — → the canonical Refund.
 *
 * Amount bases (Shopify documents them loosely): refund line `subtotal` and refund shipping
 * `subtotal_amount` are taken in the order's price basis, like the order's own line prices;
 * order adjustments state `amount` before tax with `tax_amount` "added to" it. A shipping refund
 * appears both as `refund_shipping_lines` and as a `shipping_refund` adjustment in newer
 * versions; the builder uses one of them, never both.
 */
export function mapShopifyRefund(raw: unknown, context: ShopifyRefundContext): Refund {
  const payload = unwrapRefund(raw);
  if (typeof payload === "object" && payload !== null && "refundLineItems" in payload) {
    const parsed = graphqlRefund.safeParse(payload);
    if (!parsed.success) throw zodToDraftError(parsed.error);
    return mapGraphqlRefund(parsed.data, context, "");
  }
  const parsed = restRefund.safeParse(payload);
  if (!parsed.success) throw zodToDraftError(parsed.error);
  return mapRestRefund(parsed.data, context, "");
}

function unwrapRefund(raw: unknown): unknown {
  if (typeof raw === "object" && raw !== null && "refund" in raw) return (raw as { refund: unknown }).refund;
  return raw;
}

export function mapRestRefund(refund: RestRefund, context: ShopifyRefundContext, prefix: string): Refund {
  const { money, pricesIncludeTax } = context;
  const notes: DraftWarning[] = [];
  const id = shopifyGid("Refund", refund.id, refund.admin_graphql_api_id);
  if (!id)
    throw new DraftError("invalidInput", `${prefix}admin_graphql_api_id`, "the refund has no usable id");
  const orderId = shopifyGid("Order", refund.order_id, undefined);

  const lines: RefundLine[] = (refund.refund_line_items ?? []).map((item, i) => {
    const path = `${prefix}refund_line_items[${i}]`;
    checkQuantity(item.quantity, path);
    const lineId =
      item.line_item?.admin_graphql_api_id ??
      shopifyGid("LineItem", item.line_item_id ?? item.line_item?.id, undefined);
    if (!lineId)
      throw new DraftError("invalidInput", `${path}.line_item_id`, "the refunded line has no usable id");
    const hasTax = item.total_tax_set != null || (item.total_tax !== null && item.total_tax !== undefined);
    const sku = item.line_item?.sku ?? undefined;
    const title = item.line_item?.name ?? item.line_item?.title ?? undefined;
    return {
      lineId,
      ...(sku ? { sku } : {}),
      ...(title ? { title } : {}),
      quantity: item.quantity,
      amount: money.rest(item.subtotal, item.subtotal_set, `${path}.subtotal`),
      tax: hasTax ? money.rest(item.total_tax, item.total_tax_set, `${path}.total_tax`) : undefined,
      restock: (item.restock_type ?? "no_restock") !== "no_restock",
      ...(item.restock_type ? { restockType: item.restock_type } : {}),
      path,
    };
  });

  const shipping: RefundShipping[] = (refund.refund_shipping_lines ?? []).map((line, i) => {
    const path = `${prefix}refund_shipping_lines[${i}]`;
    const shippingLineId = shopifyGid("ShippingLine", line.shipping_line_id, undefined);
    return {
      ...(shippingLineId ? { shippingLineId } : {}),
      amount: money.rest(undefined, line.subtotal_amount_set, `${path}.subtotal_amount`),
      tax: line.tax_amount_set ? money.rest(undefined, line.tax_amount_set, `${path}.tax_amount`) : undefined,
      path,
    };
  });

  const adjustments: RefundAdjustment[] = (refund.order_adjustments ?? []).map((adjustment, i) => {
    const path = `${prefix}order_adjustments[${i}]`;
    const amount = money.rest(adjustment.amount, adjustment.amount_set, `${path}.amount`);
    const tax = money.restOptional(adjustment.tax_amount, adjustment.tax_amount_set, `${path}.tax_amount`);
    return {
      // Every adjustment reason 2026-10 knows is named; only a shipping refund has none.
      kind: adjustmentKind(adjustment.reason ?? "shipping_refund"),
      // Shopify: negative = money back to the customer; tax comes on top of `amount`.
      amount: negate(pricesIncludeTax ? amount + tax : amount),
      tax: negate(tax),
      ...(adjustment.reason ? { reason: adjustment.reason } : {}),
    };
  });

  if ((refund.duties ?? []).length > 0) notes.push(draftWarning("preview.warning.refundDuties"));
  const createdAt = refund.processed_at ?? refund.created_at;
  if (!createdAt) throw new DraftError("invalidInput", `${prefix}created_at`, "the refund has no date");
  return shopifyRefund(money, {
    id,
    orderId,
    createdAt,
    note: refund.note,
    lines,
    shipping,
    adjustments,
    transactions: mapRestTransactions(refund.transactions, money, `${prefix}transactions`, notes),
    notes,
  });
}

export function mapGraphqlRefund(
  refund: GraphqlRefund,
  context: ShopifyRefundContext,
  prefix: string,
): Refund {
  const { money, pricesIncludeTax } = context;
  const lines: RefundLine[] = nodesOf(refund.refundLineItems).map((item, i) => {
    const path = `${prefix}refundLineItems[${i}]`;
    checkQuantity(item.quantity, path);
    const restockType = item.restockType?.toLowerCase();
    return {
      lineId: item.lineItem.id,
      ...(item.lineItem.sku ? { sku: item.lineItem.sku } : {}),
      ...(item.lineItem.name ? { title: item.lineItem.name } : {}),
      quantity: item.quantity,
      amount: money.bag(item.subtotalSet, `${path}.subtotalSet`),
      tax: item.totalTaxSet ? money.bag(item.totalTaxSet, `${path}.totalTaxSet`) : undefined,
      restock: item.restocked ?? (restockType !== undefined && restockType !== "no_restock"),
      ...(restockType ? { restockType } : {}),
      path,
    };
  });
  const shipping: RefundShipping[] = nodesOf(refund.refundShippingLines).map((line, i) => {
    const path = `${prefix}refundShippingLines[${i}]`;
    return {
      ...(line.shippingLine?.id ? { shippingLineId: line.shippingLine.id } : {}),
      amount: money.bag(line.subtotalAmountSet, `${path}.subtotalAmountSet`),
      tax: line.taxAmountSet ? money.bag(line.taxAmountSet, `${path}.taxAmountSet`) : undefined,
      path,
    };
  });
  const adjustments: RefundAdjustment[] = nodesOf(refund.orderAdjustments).map((adjustment, i) => {
    const path = `${prefix}orderAdjustments[${i}]`;
    const amount = money.bag(adjustment.amountSet, `${path}.amountSet`);
    const tax = money.bagOptional(adjustment.taxAmountSet, `${path}.taxAmountSet`);
    return {
      // Every adjustment reason 2026-10 knows is named; only a shipping refund has none.
      kind: adjustmentKind(adjustment.reason ?? "shipping_refund"),
      amount: negate(pricesIncludeTax ? amount + tax : amount),
      tax: negate(tax),
      ...(adjustment.reason ? { reason: adjustment.reason } : {}),
    };
  });
  return shopifyRefund(money, {
    id: refund.id,
    orderId: undefined,
    createdAt: graphqlRefundDate(refund, prefix),
    note: refund.note,
    lines,
    shipping,
    adjustments,
    transactions: mapGraphqlTransactions(nodesOf(refund.transactions), money, `${prefix}transactions`),
    notes: [],
  });
}

/** The canonical refund; a Shopify refund has no fee lines of its own. */
function shopifyRefund(
  money: ShopifyMoney,
  r: Omit<Refund, "source" | "orderId" | "note" | "currency" | "fees"> & {
    orderId: string | undefined;
    note: string | null | undefined;
  },
): Refund {
  const { orderId, note } = r;
  // Store credit is money the customer keeps with the shop: credited like money returned, and
  // said so, because it lands on a liability rather than leaving the bank.
  const storeCredit = r.transactions
    .filter((t) => t.kind === "refund" && t.status === "success" && isStoreCreditGateway(t.gateway))
    .reduce((acc, t) => acc + t.amount, 0);
  const notes =
    storeCredit > 0
      ? [
          ...r.notes,
          draftWarning("preview.warning.storeCreditIssued", {
            amount: formatMinor(storeCredit, money.document),
            currency: money.document,
          }),
        ]
      : r.notes;
  return {
    source: "shopify",
    id: r.id,
    ...(orderId ? { orderId } : {}),
    createdAt: r.createdAt,
    ...(note ? { note } : {}),
    currency: money.document,
    lines: r.lines,
    shipping: r.shipping,
    fees: [],
    adjustments: r.adjustments,
    transactions: r.transactions,
    notes,
  };
}

function adjustmentKind(kind: string | null | undefined): RefundAdjustment["kind"] {
  const lower = (kind ?? "").toLowerCase();
  if (lower.includes("shipping")) return "shippingRefund";
  if (lower.includes("discrepancy")) return "refundDiscrepancy";
  return "other";
}

/** When the money moved, as the REST mapping reads it: processed, else created. */
function graphqlRefundDate(refund: GraphqlRefund, prefix: string): string {
  const date = refund.processedAt ?? refund.createdAt;
  if (!date) throw new DraftError("invalidInput", `${prefix}processedAt`, "the refund has no date");
  return date;
}

/** Flips the sign without producing -0 (which JSON and deep equality treat oddly). */
function negate(value: number): number {
  return value === 0 ? 0 : -value;
}
