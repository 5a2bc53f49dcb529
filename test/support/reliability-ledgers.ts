import type { LedgerHarness, SimulatorProbe } from "../contract/ledger-harness";
import { billyProbe, startBillySimulator } from "../../simulators/billy";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import { dineroHarness, dineroProbe } from "../../simulators/dinero/dinero-harness";
import { startDynaccountSimulator } from "../../simulators/dynaccount";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { dynaccountAccountBalances } from "../../simulators/dynaccount/sim-balances";
import { simulatedCounts, simulatedDocuments } from "../../simulators/dynaccount/sim-probe";
import { economicProbe, startEconomicSimulator } from "../../simulators/economic";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { RecordedRequest } from "../../simulators/kit/simulator-server";
import { DINERO_SIMULATOR_CREDENTIALS } from "./reliability-shops";

/**
 * Every ledger's simulator as the engine reaches it: the environment that points the app at it,
 * the credentials a connection stores, and the contract harness's probe of what it holds.
 */
export interface SimulatedLedger {
  provider: LedgerProviderId;
  /** *_API_BASE_URL (and auth host) for env(). */
  env: Record<string, string>;
  credentials: Record<string, unknown>;
  organisationId?: string;
  probe: SimulatorProbe;
  /** Every request the simulator answered (or dropped), in order. */
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface LedgerUnderTest {
  provider: LedgerProviderId;
  harness: LedgerHarness;
  /**
   * Which calls the fault suite strikes. Dinero: all of them. The others read a lot per step
   * (e-conomic's invoice create alone makes ~12 lookups, so at 20 % of all calls a step succeeds
   * 7 % of the time and each 429 costs a second); there the suite strikes the writes, where
   * duplicates are born, to stay within its time bound.
   */
  faultsOn: "allCalls" | "writes";
  start(): Promise<SimulatedLedger>;
}

/** No simulated rate limit: the suites inject their own 429s. */
const UNLIMITED = { limit: 10_000_000, windowMs: 60_000 };

export const LEDGERS_UNDER_TEST: LedgerUnderTest[] = [
  {
    provider: "dinero",
    harness: dineroHarness,
    faultsOn: "allCalls",
    start: async () => {
      const simulator = await startDineroSimulator({ rateLimit: UNLIMITED });
      return {
        provider: "dinero",
        env: { DINERO_API_BASE_URL: simulator.url, DINERO_AUTH_BASE_URL: simulator.authUrl },
        credentials: { ...DINERO_SIMULATOR_CREDENTIALS },
        organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId),
        probe: dineroProbe(simulator),
        requests: () => simulator.requests,
        close: () => simulator.close(),
      };
    },
  },
  {
    provider: "billy",
    harness: billyHarness,
    faultsOn: "writes",
    start: async () => {
      const simulator = await startBillySimulator({ rateLimit: UNLIMITED });
      return {
        provider: "billy",
        env: { BILLY_API_BASE_URL: simulator.apiBaseUrl },
        credentials: { accessToken: simulator.accessToken },
        probe: billyProbe(simulator),
        requests: () => simulator.requests,
        close: () => simulator.close(),
      };
    },
  },
  {
    provider: "economic",
    harness: economicHarness,
    faultsOn: "writes",
    start: async () => {
      const simulator = await startEconomicSimulator({ rateLimit: UNLIMITED });
      return {
        provider: "economic",
        env: { ECONOMIC_API_BASE_URL: simulator.url },
        credentials: { ...simulator.tokens },
        probe: economicProbe(simulator),
        requests: () => simulator.requests,
        close: () => simulator.close(),
      };
    },
  },
  {
    provider: "dynaccount",
    harness: dynaccountHarness,
    faultsOn: "writes",
    start: async () => {
      const simulator = await startDynaccountSimulator();
      return {
        provider: "dynaccount",
        env: { DYNACCOUNT_API_BASE_URL: simulator.url },
        credentials: {
          apiId: simulator.company.apiId,
          apiKey: simulator.company.apiKey,
          apiSecret: simulator.company.apiSecret,
        },
        probe: {
          faults: simulator.faults,
          counts: () => simulatedCounts(simulator.state),
          documents: () => simulatedDocuments(simulator.state),
          requestCount: () => simulator.requests.length,
          accountBalances: () => dynaccountAccountBalances(simulator.state),
          setRateLimit: (limit, windowMs) => simulator.setRateLimit(limit, windowMs),
        },
        requests: () => simulator.requests,
        close: () => simulator.close(),
      };
    },
  },
];

/** Settings that book to accounts existing in the ledger's simulated chart. */
export function settingsForLedger(harness: LedgerHarness): Record<string, unknown> {
  const { sales, salesNoVat, deposit, giftCardLiability, rounding } = harness.accounts;
  const perTreatment = {
    domestic: sales,
    exempt: salesNoVat,
    euReverseCharge: salesNoVat,
    export: salesNoVat,
  };
  return {
    version: 1,
    accounts: { revenue: perTreatment, shipping: perTreatment, giftCardLiability },
    payments: { defaultDepositAccount: deposit },
    rounding: { account: rounding },
  };
}
