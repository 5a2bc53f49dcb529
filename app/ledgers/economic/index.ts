export { createEconomicAdapter, type EconomicAdapterOptions } from "./economic-adapter";
export { EconomicClient, ECONOMIC_API_BASE_URL } from "./economic-client";
export { economicCredentialsSchema, economicMeta, type EconomicCredentials } from "./economic-credentials";
export { parseEconomicErrorBody } from "./economic-error-body";
export { translateEconomicNetworkError, translateEconomicResponse } from "./economic-errors";
export {
  buildInstallationUrl,
  ECONOMIC_AUTH_BASE_URL,
  parseInstallationCallback,
  type InstallationCallback,
  type InstallationUrlInput,
} from "./economic-installation";
export type { EconomicSettingsOverrides } from "./economic-settings";
