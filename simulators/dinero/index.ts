export { dineroHarness } from "./dinero-harness";
export { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "./dinero-simulator";
export type { DineroSimulator, DineroSimulatorOptions } from "./dinero-simulator";
export type { DineroSimulatorState } from "./simulator-state";
