import type { JobKind, JobTrigger } from "../engine/job-types";

type TriggerKey = `transfers.trigger.${JobTrigger | "refund"}`;

/**
 * What started a transfer, as the transfers table names it. A credit note's job carries the
 * trigger "paid" (the refunds/create webhook), which read "Paid" beside a refund; it is the refund.
 */
export function triggerKey(row: { kind: JobKind; trigger: JobTrigger }): TriggerKey {
  if (row.kind === "creditNote" && row.trigger === "paid") return "transfers.trigger.refund";
  return `transfers.trigger.${row.trigger}`;
}
