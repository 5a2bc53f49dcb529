import { isDraftError } from "../domain/draft-errors";
import type { LedgerErrorScope } from "../ledgers/ledger-error";
import { LedgerError } from "../ledgers/ledger-error";

/**
 * The one rule for a final failure: does it concern the shop's whole connection, so every order
 * would fail the same way (pause the shop until the merchant fixes it), or only this order (park
 * the job as needing attention; the shop's other orders keep flowing)?
 *
 * - Connection: rejected credentials, an ended subscription, a required account or setting that
 *   is missing (a DraftError `missingSetting`, or a LedgerError an adapter marks `connection`),
 *   and a ledger that stayed unavailable or kept throttling through every retry.
 * - Order: everything about this document's own data — the builder's other DraftErrors, the
 *   ledger refusing this document, a conflict, an unexpected exception that retrying did not
 *   cure, a job whose worker kept dying while running it.
 */
export type FailureScope = LedgerErrorScope;

const CONNECTION_KINDS = new Set(["authentication", "unavailable", "rateLimited"]);

export function failureScope(error: unknown): FailureScope {
  if (error instanceof LedgerError) {
    if (error.scope) return error.scope;
    return CONNECTION_KINDS.has(error.kind) ? "connection" : "order";
  }
  if (isDraftError(error)) return error.code === "missingSetting" ? "connection" : "order";
  return "order";
}
