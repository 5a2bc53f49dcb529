export {
  DEMO_DYNACCOUNT_COMPANY,
  startDynaccountSimulator,
  type DynaccountSimulatorOptions,
  type RunningDynaccountSimulator,
} from "./dynaccount-simulator";
export type { DynaccountSimState } from "./sim-store";
