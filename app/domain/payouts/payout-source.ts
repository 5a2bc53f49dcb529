import type { Payout } from "./payout";

/**
 * Where a shop's payouts come from. Shopify Payments is the one built; a WooCommerce store's
 * payouts belong to its gateway (Stripe, QuickPay, Reepay…), and each would be one more
 * implementation of this: list the payouts issued in a period, then read one with what it settles.
 */
export interface PayoutHeader {
  id: string;
  issuedAt: string;
  /** Still on its way: a scheduled payout may change, so it is read again on a later round. */
  settled: boolean;
}

export interface PayoutSource {
  payoutsIssued(period: { since: Date; until?: Date }): AsyncIterable<PayoutHeader>;
  readPayout(header: PayoutHeader): Promise<Payout>;
}
