import { DraftError } from "../../domain/draft-errors";
import type { CurrencyCode } from "../../domain/money";
import type { Refund, RefundFee, RefundLine, RefundShipping } from "../../domain/order";
import { sourceAmount } from "../source-money";
import { parseJsonSafely } from "../shopify/parse-json-safely";
import { zodToDraftError } from "../zod-draft-error";
import { decodeEntities } from "./decode-entities";
import { wooRefund } from "./woocommerce-schemas";
import { draftWarning, type DraftWarning } from "../../domain/draft-warning";

export interface WooRefundContext {
  /** The order's currency (refunds do not repeat it). */
  currency: CurrencyCode;
  /** The order's `prices_include_tax`: refund amounts follow the order's basis. */
  pricesIncludeTax: boolean;
  /** The order's payment method: refunds through the gateway go back the same way. */
  gateway?: string;
}

/**
 * A WooCommerce refund (`GET /orders/<id>/refunds/<refund_id>`) → the canonical Refund.
 * WooCommerce states refund lines with negative quantities and totals and the refunded order
 * line in the `_refunded_item_id` meta; the refund's own `amount` is positive and is what the
 * credit note must total. `refunded_payment: true` means the gateway sent the money back.
 */
export function mapWooCommerceRefund(input: string | unknown, context: WooRefundContext): Refund {
  const payload = typeof input === "string" ? parseJsonSafely(input) : input;
  if (Array.isArray(payload)) {
    throw new DraftError(
      "invalidInput",
      "(refund)",
      `expected one refund but the file holds a list of ${payload.length}; pass a single refund`,
    );
  }
  const parsed = wooRefund.safeParse(payload);
  if (!parsed.success) throw zodToDraftError(parsed.error);
  const refund = parsed.data;
  const { currency: code, pricesIncludeTax: inclusive } = context;
  const money = (value: string | number | null | undefined, field: string) =>
    value === null || value === undefined || value === "" ? 0 : sourceAmount(value, code, field);
  const withTax = (total: number, tax: number) => negate(total + (inclusive ? tax : 0));

  const lines: RefundLine[] = (refund.line_items ?? []).map((item, i) => {
    const path = `line_items[${i}]`;
    if (!Number.isInteger(item.quantity)) {
      throw new DraftError(
        "invalidInput",
        `${path}.quantity`,
        `quantity must be a whole number, got ${item.quantity}`,
      );
    }
    const refundedItem = (item.meta_data ?? []).find((m) => m.key === "_refunded_item_id")?.value;
    if (typeof refundedItem !== "string" && typeof refundedItem !== "number") {
      throw new DraftError(
        "invalidInput",
        `${path}.meta_data`,
        "the refunded order line (_refunded_item_id) is missing",
      );
    }
    const total = money(item.total, `${path}.total`);
    const tax = money(item.total_tax, `${path}.total_tax`);
    const sku = item.sku?.trim() || undefined;
    return {
      lineId: String(refundedItem),
      ...(sku ? { sku } : {}),
      ...(item.name ? { title: decodeEntities(item.name) } : {}),
      quantity: Math.abs(item.quantity),
      amount: withTax(total, tax),
      tax: negate(tax),
      restock: false,
      path,
    };
  });

  const shipping: RefundShipping[] = (refund.shipping_lines ?? []).map((line, i) => {
    const path = `shipping_lines[${i}]`;
    const total = money(line.total, `${path}.total`);
    const tax = money(line.total_tax, `${path}.total_tax`);
    return { shippingLineId: String(line.id), amount: withTax(total, tax), tax: negate(tax), path };
  });

  const fees: RefundFee[] = (refund.fee_lines ?? []).map((fee, i) => {
    const path = `fee_lines[${i}]`;
    const total = money(fee.total, `${path}.total`);
    const tax = money(fee.total_tax, `${path}.total_tax`);
    return {
      feeId: String(fee.id),
      title: decodeEntities(fee.name ?? ""),
      amount: withTax(total, tax),
      tax: negate(tax),
      path,
    };
  });

  const amount = sourceAmount(refund.amount, code, "amount");
  if (amount < 0)
    throw new DraftError("invalidInput", "amount", "a refund amount is positive in WooCommerce");
  const createdAt = refund.date_created ?? refund.date_created_gmt;
  if (!createdAt) throw new DraftError("invalidInput", "date_created", "the refund has no date");
  const orderId = /\/orders\/(\d+)(?:\/|$)/.exec(refund._links?.up?.[0]?.href ?? "")?.[1];
  const notes: DraftWarning[] = refund.refunded_payment
    ? []
    : [draftWarning("preview.warning.refundedOutsideGateway")];
  return {
    source: "woocommerce",
    id: String(refund.id),
    ...(orderId ? { orderId } : {}),
    createdAt,
    ...(refund.reason ? { note: refund.reason } : {}),
    currency: code,
    lines,
    shipping,
    fees,
    adjustments: [],
    transactions: refund.refunded_payment
      ? [
          {
            id: `wc-refund-${String(refund.id)}`,
            kind: "refund",
            status: "success",
            gateway: context.gateway ?? "",
            amount,
            processedAt: createdAt,
          },
        ]
      : [],
    statedTotal: amount,
    notes,
  };
}

function negate(value: number): number {
  return value === 0 ? 0 : -value;
}
