/**
 * The job state machine: every status a transfer job can be in and every event that moves it,
 * as one table. job-state.server.ts is the only code that writes Job.status, and only along
 * this table; the migration's CHECK constraint holds the same list (a test compares them).
 */

export const JOB_STATUSES = [
  /** Ready to run (at or after `runAfter`). */
  "queued",
  /** A credit note whose invoice is not transferred yet. */
  "waiting",
  "running",
  "succeeded",
  /** A final failure that concerns the shop's connection: automatic transfer paused. */
  "failed",
  /** Decided not to transfer (e.g. cancelled before transfer, test order), with a reason. */
  "skipped",
  /** An order-level failure parked for the merchant: the shop's other jobs keep running. */
  "needsAttention",
  /** The merchant booked it by hand: final, nothing sent to the ledger. */
  "handled",
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** The states a job is created in (enqueue): anything else is reached only by a transition. */
export const INITIAL_JOB_STATUSES = ["queued", "waiting", "skipped"] as const satisfies readonly JobStatus[];
export type InitialJobStatus = (typeof INITIAL_JOB_STATUSES)[number];

/**
 * States that hold back the later jobs of the same order (a credit note never passes its
 * invoice): still to run, running, or waiting for the merchant or a resume.
 */
export const ORDER_BLOCKING_STATUSES = [
  "queued",
  "running",
  "failed",
  "needsAttention",
] as const satisfies readonly JobStatus[];

interface Transition {
  from: readonly JobStatus[];
  to: JobStatus;
}

/** (status, event) → status. An event from a state not listed under it is refused. */
export const JOB_TRANSITIONS = {
  /** A worker takes a ready job. */
  claim: { from: ["queued"], to: "running" },
  /** A worker takes over a job whose holder's lease lapsed (a crash or a stall). */
  leaseLost: { from: ["running"], to: "running" },
  /** The document is in the ledger. */
  succeed: { from: ["running"], to: "succeeded" },
  /** The handler decided not to transfer (e.g. a test order). */
  skip: { from: ["running"], to: "skipped" },
  /** A passing failure: back to the queue after a backoff. */
  failRetryable: { from: ["running"], to: "queued" },
  /** A final failure of the shop's connection: the job fails and the shop pauses. */
  failFinal: { from: ["running"], to: "failed" },
  /** A final failure of this order only: parked for the merchant. */
  park: { from: ["running"], to: "needsAttention" },
  /** The order's invoice was booked: its waiting credit notes may run. */
  invoiceBooked: { from: ["waiting"], to: "queued" },
  /** The order's invoice was booked by hand: its waiting credit notes cannot credit it. */
  invoiceHandled: { from: ["waiting"], to: "needsAttention" },
  /** The merchant's Retry of a parked or failed job. */
  retry: { from: ["needsAttention", "failed"], to: "queued" },
  /** The merchant's Retry of a credit note whose invoice is not booked yet. */
  retryAwaitingInvoice: { from: ["needsAttention", "failed"], to: "waiting" },
  /** "Mark as handled manually" (from waiting only for a credit note of a handled invoice). */
  markHandled: { from: ["needsAttention", "failed", "waiting"], to: "handled" },
  /** The merchant resumes a paused shop: its failed jobs run again. */
  resume: { from: ["failed"], to: "queued" },
  /** The order was cancelled (or deleted) before its invoice was transferred. */
  skipCancelled: { from: ["queued", "failed"], to: "skipped" },
  /** The merchant's Transfer button on an order not transferred (nor handled, nor in progress). */
  requestTransfer: { from: ["failed", "skipped", "needsAttention"], to: "queued" },
  /** An order skipped as cancelled is due again (restored and paid). */
  restore: { from: ["skipped"], to: "queued" },
} as const satisfies Record<string, Transition>;

export type JobEvent = keyof typeof JOB_TRANSITIONS;
export type TargetOf<E extends JobEvent> = (typeof JOB_TRANSITIONS)[E]["to"];

export const JOB_EVENTS = Object.keys(JOB_TRANSITIONS) as JobEvent[];

/** A transition the table does not allow: a programming error or a lost race, never written. */
export class IllegalJobTransitionError extends Error {
  override name = "IllegalJobTransitionError";
  constructor(
    readonly event: JobEvent,
    /** The job's status when refused; null when there is no such job. */
    readonly status: string | null,
    readonly jobId?: string,
  ) {
    super(
      `job${jobId ? ` ${jobId}` : ""}: "${event}" is not allowed from ${status === null ? "a missing job" : `"${status}"`}`,
    );
  }
}

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === "string" && (JOB_STATUSES as readonly string[]).includes(value);
}

export function canTransition(status: string, event: JobEvent): boolean {
  return (JOB_TRANSITIONS[event].from as readonly string[]).includes(status);
}

/** The status `event` moves a job in `status` to; throws IllegalJobTransitionError when not allowed. */
export function nextJobStatus<E extends JobEvent>(status: string, event: E): TargetOf<E> {
  if (!canTransition(status, event)) throw new IllegalJobTransitionError(event, status);
  return JOB_TRANSITIONS[event].to;
}

/**
 * The states `event` may leave, narrowed to `only` when a use case is stricter than the table
 * (e.g. a Shopify cancel skips only queued invoices); a state outside the table is refused.
 */
export function sourceStates(event: JobEvent, only?: readonly string[]): JobStatus[] {
  const legal = JOB_TRANSITIONS[event].from as readonly JobStatus[];
  if (!only) return [...legal];
  const illegal = only.find((status) => !(legal as readonly string[]).includes(status));
  if (illegal !== undefined) throw new IllegalJobTransitionError(event, illegal);
  return legal.filter((status) => only.includes(status));
}
