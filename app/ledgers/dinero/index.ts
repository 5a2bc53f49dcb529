export { createDineroAdapter } from "./dinero-adapter";
export type { DineroAdapterOptions } from "./dinero-adapter";
export {
  dineroApiKeyCredentialsSchema,
  dineroCredentialsSchema,
  dineroMeta,
  dineroOAuthCredentialsSchema,
} from "./dinero-credentials";
export type { DineroCredentialHooks, DineroCredentials, DineroStoredCredentials } from "./dinero-credentials";
export {
  buildAuthorizeUrl,
  createPkceVerifier,
  DINERO_AUTHZ_BASE_URL,
  DINERO_SCOPES,
  exchangeCode,
  pkceChallenge,
  refreshTokens,
  requestApiKeyToken,
  VISMA_CONNECT_BASE_URL,
} from "./dinero-oauth";
export type { DineroTokenSet } from "./dinero-oauth";
export { DINERO_PROVIDER, dineroErrorFromResponse } from "./dinero-errors";
