import type { PayoutAccounts } from "../../app/domain/payouts/payout-entry";
import type { LedgerAdapter, LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { FaultController, FaultRequestInfo } from "../../simulators/kit/faults";
import type { SimulatedDocument } from "../../simulators/kit/simulated-document";

/**
 * What each ledger supplies so the one shared contract suite (ledger-contract-suite.ts) can run
 * against its adapter and simulator. Implemented per provider in
 * `app/ledgers/<provider>/<provider>-harness.ts`.
 */

export type { SimulatedDocument };

export interface SimulatorProbe {
  faults: FaultController;
  counts(): {
    customers: number;
    products: number;
    invoices: number;
    creditNotes: number;
    /** Payments registered against invoices. */
    payments: number;
    /** Refund payments registered against credit notes. */
    refunds: number;
    /** E-mails sent. */
    emails: number;
  };
  documents(): SimulatedDocument[];
  /** Number of HTTP requests the simulator answered so far (for calls-per-order checks). */
  requestCount(): number;
  /** Lowers the real rate limit so a test can hit it, e.g. 5 requests per 2 s. */
  setRateLimit(limit: number, windowMs: number): void;
  /**
   * Each account's balance in minor units of the base currency, debit positive, keyed as the
   * adapter names accounts: booked journal entries plus the payments and refunds registered to
   * deposit accounts (where the ledger keeps them as journal drafts, as they would book).
   */
  accountBalances(): Map<string, number>;
}

export interface StartedLedger {
  adapter: LedgerAdapter;
  /** An adapter for the same simulator whose credentials are wrong. */
  adapterWithBadCredentials(): LedgerAdapter;
  probe: SimulatorProbe;
  close(): Promise<void>;
}

export interface LedgerHarness {
  provider: LedgerProviderId;
  /** Accounts that exist in the simulator's seeded chart of accounts. */
  accounts: {
    sales: string;
    salesNoVat: string;
    deposit: string;
    giftCardLiability: string;
    rounding: string;
  };
  /** Whether the ledger can lock an invoice number on booking. */
  supportsLockedNumber: boolean;
  /**
   * Recognises the HTTP request that stores a new invoice / credit note in the ledger, so the
   * suite can inject drop-after-commit exactly there (e.g. POST /v1/:org/invoices).
   */
  isDocumentCreateRequest(kind: "invoice" | "creditNote", request: FaultRequestInfo): boolean;
  start(options?: { adapterTimeoutMs?: number }): Promise<StartedLedger>;
  /** For the journal-entry (payout) cases: accounts of the seeded chart and the committing request. */
  journal: {
    accounts: Omit<PayoutAccounts, "feeVatCode">;
    /** The request whose success stores the entry, where drop-after-commit must strike. */
    isCommitRequest(request: FaultRequestInfo): boolean;
  };
}
