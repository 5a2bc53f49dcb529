import { DEFAULT_SIM_ACCESS_TOKEN } from "../simulators/billy/billy-simulator";
import { DINERO_SIMULATOR_DEFAULTS } from "../simulators/dinero/dinero-simulator";
import { DEMO_DYNACCOUNT_COMPANY } from "../simulators/dynaccount/dynaccount-simulator";
import { DEFAULT_SIM_TOKENS } from "../simulators/economic/economic-simulator";
import type { LedgerProviderId } from "../app/ledgers/ledger-contract";

/**
 * The keys each ledger simulator accepts out of the box, for `ledger-bridge connect --demo`
 * against a simulator (the *_BASE_URL variables point the app at it).
 */
export function demoCredentials(provider: LedgerProviderId): Record<string, unknown> {
  switch (provider) {
    case "dinero":
      return {
        kind: "apiKey",
        ...DINERO_SIMULATOR_DEFAULTS.personalClient,
        apiKey: DINERO_SIMULATOR_DEFAULTS.apiKey,
      };
    case "billy":
      return { accessToken: DEFAULT_SIM_ACCESS_TOKEN };
    case "economic":
      return { ...DEFAULT_SIM_TOKENS };
    case "dynaccount":
      return {
        apiId: DEMO_DYNACCOUNT_COMPANY.apiId,
        apiKey: DEMO_DYNACCOUNT_COMPANY.apiKey,
        apiSecret: DEMO_DYNACCOUNT_COMPANY.apiSecret,
      };
  }
}
