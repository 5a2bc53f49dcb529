export { createBillyAdapter } from "./billy-adapter";
export { BILLY_API_BASE_URL, BillyClient } from "./billy-client";
export {
  type BillyCredentials,
  type BillyMeta,
  billyCredentialsSchema,
  billyMeta,
} from "./billy-credentials";
export { billyHttpError, billyNetworkError } from "./billy-errors";
export { billyHarness, billyProbe } from "./billy-harness";
export {
  type BillySimulator,
  type BillySimulatorOptions,
  startBillySimulator,
} from "./simulator/billy-simulator";
export type { BillySimState } from "./simulator/sim-state";
