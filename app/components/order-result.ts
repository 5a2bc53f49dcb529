/** Answers to Transfer and Retry that describe the queue: true only while something still waits. */
const QUEUE_OUTCOMES = new Set(["queued", "requeued", "retried", "inProgress"]);

/**
 * Whether the answer to the merchant's last click still describes the order. "The transfer is
 * queued" beside "Transferred — invoice 3 in Billy" says two things at once; once nothing on the
 * page is queued or running any more, the status and document number say what happened.
 */
export function resultStillHolds(outcome: string, somethingPending: boolean): boolean {
  return !QUEUE_OUTCOMES.has(outcome) || somethingPending;
}
