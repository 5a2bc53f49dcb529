import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { DINERO_PROVIDER } from "./dinero-errors";
import { dineroErrorFromTokenResponse } from "./dinero-token-errors";
import type { DineroGrant } from "./dinero-token-errors";
import { createTransport, exchange } from "./dinero-http";
import { LedgerError } from "../ledger-error";

/**
 * Dinero's two ways in. A public, multi-shop app uses Visma Connect (authorization code + PKCE,
 * refresh tokens with `offline_access`); a merchant's own "personal integration" trades client
 * credentials plus an API key for a token at authz.dinero.dk (password grant, no refresh token).
 */

export const VISMA_CONNECT_BASE_URL = "https://connect.visma.com";
export const DINERO_AUTHZ_BASE_URL = "https://authz.dinero.dk";
export const DINERO_SCOPES = ["dineropublicapi:read", "dineropublicapi:write", "offline_access"] as const;

/** Refresh this long before expiry, so a token never dies between check and use. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;

export interface DineroTokenSet {
  accessToken: string;
  /** Absent for the personal API-key grant. */
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenRequestOptions {
  /** Token host base URL; defaults to the real host for the grant. */
  authBaseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  beforeRequest?: () => Promise<void>;
  now?: () => number;
}

export function buildAuthorizeUrl(options: {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: readonly string[];
  authBaseUrl?: string;
  /** Danish consent screen by default, as Dinero's users are Danish. */
  uiLocales?: string;
}): string {
  const url = new URL("/connect/authorize", options.authBaseUrl ?? VISMA_CONNECT_BASE_URL);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", (options.scopes ?? DINERO_SCOPES).join(" "));
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  url.searchParams.set("code_challenge", options.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("ui_locales", options.uiLocales ?? "da-DK");
  return url.toString();
}

/** RFC 7636 verifier: 43 characters of base64url from 32 random bytes. */
export function createPkceVerifier(): string {
  return randomBytes(32).toString("base64url");
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export async function exchangeCode(
  options: {
    clientId: string;
    clientSecret: string;
    code: string;
    redirectUri: string;
    codeVerifier: string;
  } & TokenRequestOptions,
): Promise<DineroTokenSet> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.codeVerifier,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  return requestToken(
    `${options.authBaseUrl ?? VISMA_CONNECT_BASE_URL}/connect/token`,
    form,
    {},
    "authorizationCode",
    options,
  );
}

export async function refreshTokens(
  options: { clientId: string; clientSecret: string; refreshToken: string } & TokenRequestOptions,
): Promise<DineroTokenSet> {
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: options.refreshToken,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  const tokens = await requestToken(
    `${options.authBaseUrl ?? VISMA_CONNECT_BASE_URL}/connect/token`,
    form,
    {},
    "refreshToken",
    options,
  );
  // Hosts that do not rotate keep the old refresh token valid.
  return { ...tokens, refreshToken: tokens.refreshToken ?? options.refreshToken };
}

/** Personal integration: the API key is sent as both username and password. */
export async function requestApiKeyToken(
  options: { clientId: string; clientSecret: string; apiKey: string } & TokenRequestOptions,
): Promise<DineroTokenSet> {
  const form = new URLSearchParams({
    grant_type: "password",
    scope: "read write",
    username: options.apiKey,
    password: options.apiKey,
  });
  const basic = Buffer.from(
    `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
  ).toString("base64");
  return requestToken(
    `${options.authBaseUrl ?? DINERO_AUTHZ_BASE_URL}/dineroapi/oauth/token`,
    form,
    { authorization: `Basic ${basic}` },
    "apiKey",
    options,
  );
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.coerce.number().nullish(),
  refresh_token: z.string().nullish(),
});

async function requestToken(
  url: string,
  form: URLSearchParams,
  headers: Record<string, string>,
  grant: DineroGrant,
  options: TokenRequestOptions,
): Promise<DineroTokenSet> {
  const transport = createTransport(options);
  const response = await exchange(
    transport,
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...headers,
      },
      body: form.toString(),
    },
    `token request (${grant})`,
  );
  if (response.status < 200 || response.status >= 300) throw dineroErrorFromTokenResponse(response, grant);
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    json = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "unknown",
      detail: `token request (${grant}): unexpected body ${response.text.slice(0, 200)}`,
      messageKey: "ledgerError.dinero.loginServiceUnreadable",
    });
  }
  const now = (options.now ?? Date.now)();
  // Dinero documents about an hour; assume that when the host leaves expires_in out.
  const lifetimeSeconds = parsed.data.expires_in ?? 3600;
  return {
    accessToken: parsed.data.access_token,
    ...(parsed.data.refresh_token ? { refreshToken: parsed.data.refresh_token } : {}),
    expiresAt: now + lifetimeSeconds * 1000,
  };
}
