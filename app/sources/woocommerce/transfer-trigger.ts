import type { ShopSettings } from "../../settings/settings-schema";

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

/**
 * Whether the shop's settings say this order should be transferred now:
 * - `statuses`: the order is in one of the merchant's statuses (e.g. processing, completed);
 * - `paid`: WooCommerce recorded a payment (`date_paid`) and the order is not failed/cancelled;
 * - `fulfilled`: the order is completed.
 * An order that was paid and then fully refunded (status `refunded`) transfers under every
 * automatic trigger: its invoice and credit note belong in the books, even when the order
 * skipped the trigger status or its webhook was lost.
 */
export function shouldTransferWooOrder(order: WooOrderState, settings: ShopSettings): boolean {
  const status = order.status.toLowerCase();
  const trigger = settings.transfer.trigger;
  if (trigger === "manual" || NEVER_PAID.has(status)) return false;
  if (status === "refunded" && order.datePaid) return true;
  switch (trigger) {
    case "statuses":
      return settings.transfer.statuses.map((s) => s.toLowerCase().replace(/^wc-/, "")).includes(status);
    case "paid":
      return Boolean(order.datePaid) && status !== "on-hold";
    case "fulfilled":
      return status === "completed";
  }
}

/** Statuses after which a queued (not yet transferred) invoice should not go out. */
export function isWithdrawnStatus(status: string): boolean {
  return ["cancelled", "failed", "trash"].includes(status.toLowerCase());
}
