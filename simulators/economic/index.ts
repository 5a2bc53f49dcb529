export {
  startEconomicSimulator,
  type EconomicSimulatorOptions,
  type RunningEconomicSimulator,
} from "./economic-simulator";
export { economicHarness, economicProbe } from "./economic-harness";
