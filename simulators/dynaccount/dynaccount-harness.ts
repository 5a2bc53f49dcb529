import type { LedgerHarness, StartedLedger } from "../../test/contract/ledger-harness";
import type { FaultRequestInfo } from "../kit/faults";
import { createDynaccountAdapter } from "../../app/ledgers/dynaccount/dynaccount-adapter";
import type { DynaccountCredentials } from "../../app/ledgers/dynaccount/dynaccount-credentials";
import { startDynaccountSimulator } from "./dynaccount-simulator";
import { dynaccountAccountBalances } from "./sim-balances";
import { simulatedCounts, simulatedDocuments } from "./sim-probe";

/**
 * Dynaccount for the shared contract suite. A document is committed by its lines request
 * (`insert_bulk/debtor_order_product` or `…/debtor_creditnote_product`), so that is where a
 * drop-after-commit must strike to leave a stored document behind a lost answer.
 */

const LINES_TABLE = { invoice: "debtor_order_product", creditNote: "debtor_creditnote_product" } as const;

export const dynaccountHarness: LedgerHarness = {
  provider: "dynaccount",
  accounts: {
    sales: "1100",
    salesNoVat: "1140",
    deposit: "5820",
    giftCardLiability: "6800",
    rounding: "3990",
  },
  supportsLockedNumber: false,
  journal: {
    accounts: {
      clearing: "5820",
      bank: "5800",
      fees: "3100",
      disputes: "3990",
      reserves: "5830",
      adjustments: "3990",
    },
    // The rows carry the amounts; an empty voucher is completed by the next attempt.
    isCommitRequest: (request) =>
      request.method === "POST" && /^\/v7\/[^/]+\/[^/]+\/insert_bulk\/accounting\/?$/.test(request.path),
  },
  isDocumentCreateRequest(kind: "invoice" | "creditNote", request: FaultRequestInfo): boolean {
    return (
      request.method === "POST" &&
      new RegExp(`^/v7/[^/]+/[^/]+/insert_bulk/${LINES_TABLE[kind]}/?$`).test(request.path)
    );
  },
  async start(options?: { adapterTimeoutMs?: number }): Promise<StartedLedger> {
    const simulator = await startDynaccountSimulator();
    const credentials: DynaccountCredentials = {
      apiId: simulator.company.apiId,
      apiKey: simulator.company.apiKey,
      apiSecret: simulator.company.apiSecret,
    };
    const build = (creds: DynaccountCredentials) =>
      createDynaccountAdapter({
        credentials: creds,
        endpoints: { apiBaseUrl: simulator.url },
        ...(options?.adapterTimeoutMs !== undefined ? { timeoutMs: options.adapterTimeoutMs } : {}),
      });
    return {
      adapter: build(credentials),
      adapterWithBadCredentials: () => build({ ...credentials, apiSecret: "0".repeat(40) }),
      probe: {
        faults: simulator.faults,
        counts: () => simulatedCounts(simulator.state),
        documents: () => simulatedDocuments(simulator.state),
        requestCount: () => simulator.requests.length,
        setRateLimit: (limit, windowMs) => simulator.setRateLimit(limit, windowMs),
        accountBalances: () => dynaccountAccountBalances(simulator.state),
      },
      close: () => simulator.close(),
    };
  },
};
