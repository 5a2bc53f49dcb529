export { createBillyAdapter } from "./billy-adapter";
export { BILLY_API_BASE_URL, BillyClient } from "./billy-client";
export {
  type BillyCredentials,
  type BillyMeta,
  billyCredentialsSchema,
  billyMeta,
} from "./billy-credentials";
export { billyHttpError, billyNetworkError } from "./billy-errors";
