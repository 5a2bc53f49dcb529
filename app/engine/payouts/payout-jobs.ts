import type { Payout } from "../../domain/payouts/payout";

/** Payout jobs share the Job table with the transfers, under a kind of their own. */
export const PAYOUT_JOB_KIND = "payout";

/** The payout id is the business key: a payout is booked once, however often it is found. */
export function payoutBusinessKey(payoutId: string): string {
  return `payout:${payoutId}`;
}

/**
 * The payout's identity in the Job's order columns: its own key, so the queue's per-order rule
 * (a job waits for its order's earlier jobs) never ties a payout to an order's invoice.
 */
export function payoutJobOrderId(payoutId: string): string {
  return payoutBusinessKey(payoutId);
}

/** The payout as stored on its job (sourceOrder holds the source document of every job). */
export function readStoredPayout(text: string): Payout {
  const value = JSON.parse(text) as Payout;
  if (typeof value !== "object" || value === null || !Array.isArray(value.transactions))
    throw new SyntaxError("not a stored payout");
  return value;
}
