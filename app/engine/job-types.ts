/** The transfer engine's vocabulary, shared by the queue, the worker and the UI. */

export type JobKind = "invoice" | "creditNote";

/** Defined with the state machine, the one place that changes it. */
export type { JobStatus } from "./job-state";

export type JobTrigger = "paid" | "fulfilled" | "status" | "manual" | "reconcile" | "backfill" | "product";

export interface JobError {
  kind: string;
  message: string;
  retryable: boolean;
  at: string;
  /** What the failure concerns: the shop's connection (paused) or this order (parked). */
  scope?: "connection" | "order";
  /**
   * The catalogue key of `message` and its parameters, when Ledger Bridge itself wrote it: pages
   * show it in the merchant's language (a parameter that is itself a key is translated too).
   * `message` stays the English text, for logs, the CLI and readers that know no key.
   */
  messageKey?: string;
  params?: Record<string, string | number>;
}

/** Business keys make a redelivered webhook or a double click a no-op. */
export function businessKeyFor(kind: JobKind, ids: { orderId: string; refundId?: string }): string {
  if (kind === "creditNote") {
    if (!ids.refundId) throw new Error("a credit-note job needs a refund id");
    return `creditNote:${ids.refundId}`;
  }
  return `invoice:${ids.orderId}`;
}
