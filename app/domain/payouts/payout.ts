import type { CurrencyCode } from "../money";

/**
 * A payout as the payment provider reports it: the money it sent to (or took from) the merchant's
 * bank, and every balance transaction it settles. Amounts are minor units of the payout currency,
 * signed as they move the provider balance: a charge is positive, a refund or chargeback negative;
 * `fee` is what the provider kept (positive) or gave back (negative).
 */
export interface Payout {
  /** Which provider; the business key of the booking is `<source>:<id>`. */
  source: "shopifyPayments";
  id: string;
  issuedAt: string;
  status: "scheduled" | "inTransit" | "paid" | "failed" | "canceled";
  /** A deposit moves money to the bank; a withdrawal takes it from the bank (negative balance). */
  direction: "deposit" | "withdrawal";
  currency: CurrencyCode;
  /** What reached the bank (negative for a withdrawal). */
  net: number;
  transactions: PayoutTransaction[];
}

/**
 * What a balance transaction is, for the bookkeeping: sales and refunds settle the clearing
 * account the app posts order payments to; the rest goes to accounts of their own.
 */
export type PayoutCategory = "sale" | "refund" | "dispute" | "reserve" | "adjustment";

export interface PayoutTransaction {
  id: string;
  category: PayoutCategory;
  /** The provider's own type name, kept for the audit and the payout page. */
  providerType: string;
  amount: number;
  fee: number;
  net: number;
  date: string;
  /** The shop order it belongs to, when there is one (charges, refunds, disputes). */
  order?: { id: string; name: string };
}
