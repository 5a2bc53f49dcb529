export { createDynaccountAdapter } from "./dynaccount-adapter";
export { DynaccountClient, type DynaccountQuery, type DynaccountRow } from "./dynaccount-client";
export {
  dynaccountCredentialsSchema,
  dynaccountDefaultEndpoints,
  dynaccountMeta,
  DEFAULT_DRAFT_NAME,
  type DynaccountCredentials,
} from "./dynaccount-credentials";
export { translateDynaccountFailure, translateDynaccountNetworkError } from "./dynaccount-errors";
export { dynaccountHash } from "./dynaccount-signature";
export {
  DEMO_DYNACCOUNT_COMPANY,
  startDynaccountSimulator,
  type DynaccountSimulatorOptions,
  type RunningDynaccountSimulator,
} from "./simulator/dynaccount-simulator";
export type { DynaccountSimState } from "./simulator/sim-store";
