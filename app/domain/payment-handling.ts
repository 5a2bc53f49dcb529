import type { DraftPayment } from "./invoice-draft";
import type { Order } from "./order";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * Payment handling per gateway (#18): an order paid through a gateway the merchant set to "open
 * with terms" (bank transfer, invoice, cash on delivery) is booked as an open invoice with those
 * days' terms, and none of that gateway's money is registered as paid — not on the invoice, and
 * not as a refund payment on its credit notes, since nothing was ever received.
 */

export interface OpenTerms {
  /** The open gateways the order used, in the order they appear. */
  gateways: string[];
  /** The longest terms among them: the invoice is due when the last of them is. */
  days: number;
}

/** Days of terms when `gateway` is set to stay open, else undefined. */
export function openTermsDays(gateway: string, settings: ShopSettings): number | undefined {
  return settings.payments.openGateways[gateway];
}

/** The gateways the order was paid (or is to be paid) through. */
export function orderGateways(order: Order): string[] {
  const fromTransactions = order.transactions
    .filter(
      (t) =>
        (t.kind === "sale" || t.kind === "capture" || t.kind === "authorization") && t.status !== "failure",
    )
    .map((t) => t.gateway);
  return [...new Set([...fromTransactions, ...order.paymentGateways])];
}

/** The open terms the order's invoice gets, or undefined when every gateway registers as paid. */
export function openTermsFor(order: Order, settings: ShopSettings): OpenTerms | undefined {
  const gateways = orderGateways(order).filter((g) => openTermsDays(g, settings) !== undefined);
  if (gateways.length === 0) return undefined;
  const days = Math.max(...gateways.map((g) => openTermsDays(g, settings) ?? 0));
  return { gateways, days };
}

/** Leaves out the payments of open gateways: that money has not been received. */
export function registeredPayments(payments: DraftPayment[], settings: ShopSettings): DraftPayment[] {
  return payments.filter((p) => openTermsDays(p.gateway, settings) === undefined);
}
