import type { DynaccountClient } from "./dynaccount-client";
import type { DynaccountCredentials } from "./dynaccount-credentials";

/** What the adapter's parts share: the client, the credentials and look-ups worth keeping. */
export interface DynaccountContext {
  client: DynaccountClient;
  credentials: DynaccountCredentials;
  /** Filled on first successful look-up; a failed look-up is simply retried next time. */
  cache: {
    debtorGroup?: string;
    draftId?: string;
    paymentTerms?: PaymentTerm[];
    /** Account number → whether it is a result (OPERATING) account a product can sell on. */
    salesAccounts?: Map<string, boolean>;
  };
}

export interface PaymentTerm {
  name: string;
  type: string;
  days: number;
}
