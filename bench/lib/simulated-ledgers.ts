import { billyHarness } from "../../simulators/billy/billy-harness";
import { startBillySimulator } from "../../simulators/billy";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { startDynaccountSimulator } from "../../simulators/dynaccount";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { startEconomicSimulator } from "../../simulators/economic";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { FaultController } from "../../simulators/kit/faults";
import type { RecordedRequest } from "../../simulators/kit/simulator-server";

/**
 * A ledger simulator as the transfer benchmark drives it: a real rate limit (requests per
 * minute, as the ledger enforces it), a fixed latency on every answer, the environment that
 * points the app's adapters at it, and the connection a shop stores.
 */
export interface BenchLedger {
  provider: LedgerProviderId;
  env: Record<string, string>;
  connection: { provider: LedgerProviderId; credentials: unknown; organisationId?: string };
  settings: Record<string, unknown>;
  /** Every request the rate-limited API host answered, in order (token hosts are not limited). */
  requests: RecordedRequest[];
  faults: FaultController;
  close(): Promise<void>;
}

export interface LedgerLoad {
  /** The ledger's limit, requests per minute. */
  perMinute: number;
  /** Added to every answer, ms. */
  latencyMs: number;
}

const MINUTE = 60_000;

/** Settings that book to accounts the simulator's chart has (as the contract suite does). */
function settingsFor(accounts: typeof dineroHarness.accounts): Record<string, unknown> {
  const { sales, salesNoVat, deposit, giftCardLiability, rounding } = accounts;
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

export const BENCH_LEDGERS: Record<LedgerProviderId, (load: LedgerLoad) => Promise<BenchLedger>> = {
  async dinero(load) {
    const simulator = await startDineroSimulator({ rateLimit: { limit: load.perMinute, windowMs: MINUTE } });
    simulator.faults.latencyMs = load.latencyMs;
    return {
      provider: "dinero",
      env: { DINERO_API_BASE_URL: simulator.url, DINERO_AUTH_BASE_URL: simulator.authUrl },
      connection: {
        provider: "dinero",
        credentials: {
          kind: "apiKey",
          ...DINERO_SIMULATOR_DEFAULTS.personalClient,
          apiKey: DINERO_SIMULATOR_DEFAULTS.apiKey,
        },
        organisationId: String(DINERO_SIMULATOR_DEFAULTS.organizationId),
      },
      settings: settingsFor(dineroHarness.accounts),
      requests: simulator.requests,
      faults: simulator.faults,
      close: () => simulator.close(),
    };
  },
  async billy(load) {
    const simulator = await startBillySimulator({ rateLimit: { limit: load.perMinute, windowMs: MINUTE } });
    simulator.faults.latencyMs = load.latencyMs;
    return {
      provider: "billy",
      env: { BILLY_API_BASE_URL: simulator.apiBaseUrl },
      connection: { provider: "billy", credentials: { accessToken: simulator.accessToken } },
      settings: settingsFor(billyHarness.accounts),
      requests: simulator.requests,
      faults: simulator.faults,
      close: () => simulator.close(),
    };
  },
  async economic(load) {
    // e-conomic charges tokens per call; the simulator's default cost is 1, so the budget is calls.
    const simulator = await startEconomicSimulator({
      rateLimit: { limit: load.perMinute, windowMs: MINUTE },
    });
    simulator.faults.latencyMs = load.latencyMs;
    return {
      provider: "economic",
      env: { ECONOMIC_API_BASE_URL: simulator.url },
      connection: { provider: "economic", credentials: { ...simulator.tokens } },
      settings: settingsFor(economicHarness.accounts),
      requests: simulator.requests,
      faults: simulator.faults,
      close: () => simulator.close(),
    };
  },
  async dynaccount(load) {
    const simulator = await startDynaccountSimulator({
      rateLimit: { limit: load.perMinute, windowMs: MINUTE },
    });
    simulator.faults.latencyMs = load.latencyMs;
    return {
      provider: "dynaccount",
      env: { DYNACCOUNT_API_BASE_URL: simulator.url },
      connection: {
        provider: "dynaccount",
        credentials: {
          apiId: simulator.company.apiId,
          apiKey: simulator.company.apiKey,
          apiSecret: simulator.company.apiSecret,
        },
      },
      settings: settingsFor(dynaccountHarness.accounts),
      requests: simulator.requests,
      faults: simulator.faults,
      close: () => simulator.close(),
    };
  },
};
