import type { DocumentDraft } from "../../domain/invoice-draft";
import type { LedgerDocument } from "../../ledgers/ledger-contract";

/**
 * What a transfer job has done so far, saved after every step. A retry — after a crash, a lost
 * response or a ledger fault — reads it and continues with the first step not recorded here.
 */
export interface TransferProgress {
  /** The draft, frozen at the first attempt so every retry sends the same document. */
  draft?: DocumentDraft;
  customerId?: string;
  productIds?: Record<string, string>;
  /** Set just before the create call: after a crash, look the document up before creating again. */
  creating?: boolean;
  document?: LedgerDocument;
  /** Ledger ids of registered payments (or refunds), by the draft payment's reference. */
  payments?: Record<string, string>;
  /** The reference of the payment (or refund) whose call was sent and not yet answered. */
  paying?: string;
  emailed?: boolean;
  /** Text the ledger cannot carry was changed, and the originals were written to the audit. */
  textAdjusted?: boolean;
}
