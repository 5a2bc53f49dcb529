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
