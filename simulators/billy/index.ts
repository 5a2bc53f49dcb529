export { billyHarness, billyProbe } from "./billy-harness";
export { type BillySimulator, type BillySimulatorOptions, startBillySimulator } from "./billy-simulator";
export type { BillySimState } from "./sim-state";
