import { createHash, randomBytes } from "node:crypto";
import type { SimRequest, SimResponse } from "../kit/router";
import { SimRouter } from "../kit/router";
import type { ApiClient, DineroSimulatorState } from "./simulator-state";

/**
 * The two token services Dinero uses, served from one simulated auth host:
 *  - `POST /dineroapi/oauth/token` — authz.dinero.dk's personal-integration password grant
 *    (Basic client credentials, the API key as both username and password);
 *  - `GET /connect/authorize` + `POST /connect/token` — Visma Connect's authorization-code
 *    flow with PKCE and rotating refresh tokens. Client credentials are refused, as Dinero's FAQ
 *    says service applications cannot use the Dinero scopes.
 * Errors are OAuth 2 error bodies with status 400, as IdentityServer (behind both) answers.
 */

const CODE_LIFETIME_MS = 5 * 60_000;
export const DINERO_SCOPES = ["dineropublicapi:read", "dineropublicapi:write", "offline_access"] as const;

export function createAuthRouter(state: DineroSimulatorState): SimRouter {
  const router = new SimRouter();

  router.on("POST", "/dineroapi/oauth/token", (request) => {
    const form = request.form();
    const client = authenticateClient(state, request, form);
    if (!client) return oauthError("invalid_client");
    if (form.get("grant_type") !== "password") return oauthError("unsupported_grant_type");
    const apiKey = form.get("username") ?? "";
    const organizationId = state.apiKeys.get(apiKey);
    if (organizationId === undefined || form.get("password") !== apiKey) {
      return oauthError("invalid_grant", "The user name or password is incorrect.");
    }
    return tokenResponse(state, issueAccessToken(state, client.clientId, [organizationId], "apiKey"));
  });

  router.on("GET", "/connect/authorize", (request) => {
    const query = request.query;
    const client = state.clients.get(query.get("client_id") ?? "");
    const redirectUri = query.get("redirect_uri");
    if (!client || !redirectUri) return { status: 400, body: "Invalid client_id or redirect_uri" };
    const scope = query.get("scope") ?? "";
    const stateParam = query.get("state");
    if (query.get("response_type") !== "code")
      return redirectWithError(redirectUri, "unsupported_response_type", stateParam);
    if (!scope.split(" ").includes("dineropublicapi:read"))
      return redirectWithError(redirectUri, "invalid_scope", stateParam);
    const challengeMethod = query.get("code_challenge_method");
    if (query.get("code_challenge") && challengeMethod !== "S256")
      return redirectWithError(redirectUri, "invalid_request", stateParam);
    const code = randomBytes(24).toString("base64url");
    state.authorizationCodes.set(code, {
      clientId: client.clientId,
      redirectUri,
      codeChallenge: query.get("code_challenge"),
      scope,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    const params = { code, scope, ...(stateParam ? { state: stateParam } : {}) };
    if (query.get("response_mode") === "form_post") return formPost(redirectUri, params);
    const target = new URL(redirectUri);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    return { status: 302, headers: { location: target.toString() } };
  });

  router.on("POST", "/connect/token", (request) => {
    const form = request.form();
    const client = authenticateClient(state, request, form);
    if (!client) return oauthError("invalid_client");
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") return exchangeCode(state, client, form);
    if (grantType === "refresh_token") return refresh(state, client, form);
    if (grantType === "client_credentials") return oauthError("unauthorized_client");
    return oauthError("unsupported_grant_type");
  });

  router.on("GET", "/.well-known/openid-configuration", (request) => {
    const base = `http://${request.header("host") ?? "127.0.0.1"}`;
    return {
      status: 200,
      body: {
        issuer: base,
        authorization_endpoint: `${base}/connect/authorize`,
        token_endpoint: `${base}/connect/token`,
        grant_types_supported: ["authorization_code", "refresh_token"],
        code_challenge_methods_supported: ["S256"],
        scopes_supported: [...DINERO_SCOPES],
      },
    };
  });

  return router;
}

function exchangeCode(state: DineroSimulatorState, client: ApiClient, form: URLSearchParams): SimResponse {
  const code = form.get("code") ?? "";
  const grant = state.authorizationCodes.get(code);
  // A code is single-use whatever the outcome, as in IdentityServer.
  state.authorizationCodes.delete(code);
  if (!grant || grant.expiresAt < Date.now() || grant.clientId !== client.clientId)
    return oauthError("invalid_grant");
  if (form.get("redirect_uri") !== grant.redirectUri)
    return oauthError("invalid_grant", "redirect_uri does not match");
  if (grant.codeChallenge) {
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (challenge !== grant.codeChallenge) return oauthError("invalid_grant", "Invalid code_verifier");
  }
  const token = issueAccessToken(state, client.clientId, state.vismaUserOrganizationIds, "visma");
  const refreshToken = grant.scope.split(" ").includes("offline_access")
    ? issueRefreshToken(state, client.clientId, grant.scope)
    : undefined;
  return tokenResponse(state, token, refreshToken, grant.scope);
}

function refresh(state: DineroSimulatorState, client: ApiClient, form: URLSearchParams): SimResponse {
  const presented = form.get("refresh_token") ?? "";
  const stored = state.refreshTokens.get(presented);
  if (!stored || stored.clientId !== client.clientId) return oauthError("invalid_grant");
  // One-time use: the caller must persist the rotated refresh token.
  state.refreshTokens.delete(presented);
  const token = issueAccessToken(state, client.clientId, state.vismaUserOrganizationIds, "visma");
  return tokenResponse(state, token, issueRefreshToken(state, client.clientId, stored.scope), stored.scope);
}

function authenticateClient(
  state: DineroSimulatorState,
  request: SimRequest,
  form: URLSearchParams,
): ApiClient | undefined {
  let clientId = form.get("client_id");
  let clientSecret = form.get("client_secret");
  const authorization = request.header("authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    if (separator > 0) {
      clientId = decodeURIComponent(decoded.slice(0, separator));
      clientSecret = decodeURIComponent(decoded.slice(separator + 1));
    }
  }
  const client = state.clients.get(clientId ?? "");
  return client && client.clientSecret === clientSecret ? client : undefined;
}

function issueAccessToken(
  state: DineroSimulatorState,
  clientId: string,
  organizationIds: number[],
  grant: "apiKey" | "visma",
) {
  const token = `sim_at_${randomBytes(24).toString("base64url")}`;
  state.tokens.set(token, {
    clientId,
    organizationIds: [...organizationIds],
    expiresAt: Date.now() + state.tokenLifetimeSeconds * 1000,
    grant,
  });
  return token;
}

function issueRefreshToken(state: DineroSimulatorState, clientId: string, scope: string): string {
  const token = `sim_rt_${randomBytes(24).toString("base64url")}`;
  state.refreshTokens.set(token, { clientId, scope });
  return token;
}

function tokenResponse(
  state: DineroSimulatorState,
  accessToken: string,
  refreshToken?: string,
  scope = "read write",
): SimResponse {
  return {
    status: 200,
    headers: { "cache-control": "no-store" },
    body: {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: state.tokenLifetimeSeconds,
      scope,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    },
  };
}

export function oauthError(error: string, description?: string): SimResponse {
  return { status: 400, body: description ? { error, error_description: description } : { error } };
}

function redirectWithError(redirectUri: string, error: string, stateParam: string | null): SimResponse {
  const target = new URL(redirectUri);
  target.searchParams.set("error", error);
  if (stateParam) target.searchParams.set("state", stateParam);
  return { status: 302, headers: { location: target.toString() } };
}

function formPost(redirectUri: string, params: Record<string, string>): SimResponse {
  const inputs = Object.entries(params)
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}"/>`)
    .join("");
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: `<html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
