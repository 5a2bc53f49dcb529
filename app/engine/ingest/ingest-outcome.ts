/** What the one ingest use case did with an event (ingest-events.server.ts). */

/** Where the events came from: a delivery, or the reconciliation poll reading the shop. */
export type IngestVia = "webhook" | "reconcile";

export type OrderStateInvoice =
  | "enqueued"
  | "requeued"
  | "refreshed"
  | "unchanged"
  | "notDue"
  | "skipped"
  | "flaggedChange"
  | "transferred";

export type IngestOutcome =
  | { action: "enqueued"; jobId: string; created: boolean }
  | { action: "ignored"; reason: string }
  | { action: "skippedJob"; jobId: string }
  | { action: "flaggedChange"; jobId: string }
  | { action: "refreshed"; jobId: string }
  | { action: "orderState"; invoice: OrderStateInvoice; invoiceJobId?: string; creditNotesEnqueued: number };

/** Whether an outcome created work a worker should be woken for. */
export function createdWork(outcome: IngestOutcome): boolean {
  if (outcome.action === "enqueued") return outcome.created;
  if (outcome.action !== "orderState") return false;
  return outcome.invoice === "enqueued" || outcome.invoice === "requeued" || outcome.creditNotesEnqueued > 0;
}
