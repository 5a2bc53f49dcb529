import type { ShopSettings } from "../../settings/settings-schema";
import type { OrderMilestones } from "../source-contract";
import { transferDue } from "../transfer-due";

/** What matters about a WooCommerce order for deciding whether it should have an invoice. */
export interface WooOrderState {
  status: string;
  datePaid: string | null | undefined;
}

/** Statuses WooCommerce uses for orders that were never paid or are gone. */
const NEVER_PAID = new Set([
  "pending",
  "failed",
  "cancelled",
  "checkout-draft",
  "trash",
  "draft",
  "auto-draft",
]);

/** How far a WooCommerce order has come, by its status and WooCommerce's record of a payment. */
export function wooMilestones(order: WooOrderState): OrderMilestones {
  const status = order.status.toLowerCase();
  if (NEVER_PAID.has(status)) return { paid: false, fulfilled: false };
  return {
    paid: Boolean(order.datePaid) && status !== "on-hold",
    fulfilled: status === "completed",
    status,
    refundedAfterPayment: status === "refunded" && Boolean(order.datePaid),
  };
}

/**
 * Whether the shop's settings say this order should be transferred now (the one trigger rule,
 * app/sources/transfer-due.ts): `statuses` — one of the merchant's statuses; `paid` — WooCommerce
 * recorded a payment (`date_paid`) and the order is not on hold, failed or cancelled;
 * `fulfilled` — completed.
 */
export function shouldTransferWooOrder(order: WooOrderState, settings: ShopSettings): boolean {
  return transferDue(wooMilestones(order), settings);
}

/** Statuses after which a queued (not yet transferred) invoice should not go out. */
export function isWithdrawnStatus(status: string): boolean {
  return ["cancelled", "failed", "trash"].includes(status.toLowerCase());
}
