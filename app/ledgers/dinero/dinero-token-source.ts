import type { DineroCredentialHooks, DineroStoredCredentials } from "./dinero-credentials";
import type { DineroTokenSet, TokenRequestOptions } from "./dinero-oauth";
import { refreshTokens, requestApiKeyToken, TOKEN_EXPIRY_MARGIN_MS } from "./dinero-oauth";

/**
 * Hands out a valid bearer token: cached until shortly before expiry, renewed with the API key
 * or the refresh token. Renewals are single-flight, because Visma Connect refresh tokens are
 * one-time: two parallel refreshes would lock the second one out.
 */
export interface DineroTokenSource {
  accessToken(): Promise<string>;
  /** Forget the cached token after the API answered 401. */
  invalidate(): void;
}

export function createDineroTokenSource(
  credentials: DineroStoredCredentials,
  hooks: DineroCredentialHooks,
  options: TokenRequestOptions & { authBaseUrl?: string },
): DineroTokenSource {
  const now = options.now ?? Date.now;
  let current: DineroTokenSet | undefined =
    credentials.kind === "oauth"
      ? {
          accessToken: credentials.accessToken,
          refreshToken: credentials.refreshToken,
          expiresAt: credentials.expiresAt,
        }
      : undefined;
  let pending: Promise<DineroTokenSet> | undefined;

  const renew = async (): Promise<DineroTokenSet> => {
    if (credentials.kind === "apiKey") return requestApiKeyToken({ ...credentials, ...options });
    const refreshToken = current?.refreshToken ?? credentials.refreshToken;
    const tokens = await refreshTokens({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      refreshToken,
      ...options,
    });
    await hooks.onTokensRefreshed?.({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? refreshToken,
      expiresAt: tokens.expiresAt,
    });
    return tokens;
  };

  return {
    async accessToken() {
      if (current && current.expiresAt - TOKEN_EXPIRY_MARGIN_MS > now()) return current.accessToken;
      pending ??= renew().finally(() => {
        pending = undefined;
      });
      current = await pending;
      return current.accessToken;
    },
    invalidate() {
      if (current) current = { ...current, expiresAt: 0 };
    },
  };
}
