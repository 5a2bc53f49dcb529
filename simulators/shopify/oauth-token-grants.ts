import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SimRequest, SimResponse } from "../kit/router";

/**
 * Shopify's token endpoint, `POST https://{shop}/admin/oauth/access_token`, for the grants an
 * embedded app uses: token exchange of a session token (App Bridge's ID token) for an offline or
 * online access token, the refresh-token grant, and the migration of a non-expiring offline token
 * to an expiring one. What it refuses, Shopify refuses: a wrong client id or secret, a session token
 * not signed with the app's secret, for another app or another shop, or out of its time window, an
 * unknown, used-up or expired refresh token. Expiring offline tokens last an hour, their refresh
 * tokens 90 days; every refresh replaces the refresh token (the old one still works until the
 * replacement's access token is used, as Shopify has kept it since August 2026).
 */

export interface ShopifyOAuthApp {
  clientId: string;
  clientSecret: string;
}

export interface OAuthGrantsOptions {
  app: ShopifyOAuthApp;
  /** The simulated store's myshopify domain; session tokens must be for it. */
  shop: string;
  scopes?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  now?: () => number;
}

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

interface IssuedAccessToken {
  expiresAt: number | undefined;
  online: boolean;
  /** The refresh token issued with it; the one it replaced is dropped when this token is first used. */
  refreshToken?: string;
}

interface IssuedRefreshToken {
  expiresAt: number;
  /** The refresh token this one replaced, still accepted until this one's access token is used. */
  previous?: string;
}

type Grant = "token_exchange" | "refresh_token" | "migrate_to_expiring";

export class ShopifyOAuthGrants {
  /** Every grant answered with a token, in order. */
  readonly grants: Array<{ grant: Grant; requested: "offline" | "online"; expiring: boolean }> = [];
  private readonly accessTokens = new Map<string, IssuedAccessToken>();
  private readonly refreshTokens = new Map<string, IssuedRefreshToken>();
  private readonly now: () => number;

  constructor(private readonly options: OAuthGrantsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether the Admin API takes this token now; its first use retires the refresh token it replaced. */
  acceptsAccessToken(token: string | undefined): boolean {
    const issued = token ? this.accessTokens.get(token) : undefined;
    if (!issued || (issued.expiresAt !== undefined && issued.expiresAt <= this.now())) return false;
    const replaced = issued.refreshToken ? this.refreshTokens.get(issued.refreshToken) : undefined;
    if (replaced?.previous) {
      this.refreshTokens.delete(replaced.previous);
      replaced.previous = undefined;
    }
    return true;
  }

  /** A non-expiring offline token the store already holds (an install from before expiring tokens). */
  grantNonExpiringOfflineToken(): string {
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    this.accessTokens.set(token, { expiresAt: undefined, online: false });
    return token;
  }

  /** Makes every access token issued so far expired, as an hour passing would. */
  expireAccessTokens(): void {
    for (const issued of this.accessTokens.values()) {
      if (issued.expiresAt !== undefined) issued.expiresAt = this.now() - 1;
    }
  }

  handle(request: SimRequest): SimResponse {
    const body = readBody(request);
    if (!body) return oauthError(400, "invalid_request", "The request body is not JSON or a form");
    const { app } = this.options;
    if (body.client_id !== app.clientId || !sameSecret(body.client_secret, app.clientSecret)) {
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    if (body.grant_type === "refresh_token") return this.refresh(body.refresh_token);
    if (body.grant_type !== TOKEN_EXCHANGE) {
      return oauthError(
        400,
        "unsupported_grant_type",
        `Grant type ${body.grant_type ?? ""} is not supported`,
      );
    }
    const requested = body.requested_token_type;
    if (requested !== OFFLINE && requested !== ONLINE) {
      return oauthError(400, "invalid_request", "requested_token_type is not supported");
    }
    if (body.subject_token_type === OFFLINE && requested === OFFLINE) {
      return this.migrate(body.subject_token, body.expiring === "1");
    }
    if (body.subject_token_type !== ID_TOKEN) {
      return oauthError(400, "invalid_request", "subject_token_type is not supported");
    }
    const claims = this.verifySessionToken(body.subject_token);
    if (!claims) return oauthError(400, "invalid_subject_token", "The session token is invalid");
    const online = requested === ONLINE;
    const expiring = !online && body.expiring === "1";
    this.grants.push({ grant: "token_exchange", requested: online ? "online" : "offline", expiring });
    return { status: 200, body: online ? this.onlineToken(claims.sub) : this.offlineToken(expiring) };
  }

  private refresh(token: string | undefined): SimResponse {
    const issued = token ? this.refreshTokens.get(token) : undefined;
    if (!token || !issued || issued.expiresAt <= this.now()) {
      return oauthError(400, "invalid_grant", "The refresh token is invalid, expired or revoked");
    }
    // Using a replacement retires the token it replaced; the used one itself stays valid until its
    // own replacement (issued now) is put to use.
    if (issued.previous) this.refreshTokens.delete(issued.previous);
    issued.previous = undefined;
    this.grants.push({ grant: "refresh_token", requested: "offline", expiring: true });
    const answer = this.offlineToken(true);
    const replacement = this.refreshTokens.get(String(answer.refresh_token));
    if (replacement) replacement.previous = token;
    return { status: 200, body: answer };
  }

  private migrate(subject: string | undefined, expiring: boolean): SimResponse {
    const issued = subject ? this.accessTokens.get(subject) : undefined;
    if (!subject || !issued || issued.online || issued.expiresAt !== undefined || !expiring) {
      return oauthError(
        400,
        "invalid_subject_token",
        "The subject token is not a non-expiring offline token",
      );
    }
    // The non-expiring token stops working once it has been exchanged.
    this.accessTokens.delete(subject);
    this.grants.push({ grant: "migrate_to_expiring", requested: "offline", expiring: true });
    return { status: 200, body: this.offlineToken(true) };
  }

  private offlineToken(expiring: boolean): Record<string, unknown> {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const scope = this.options.scopes ?? "read_orders";
    if (!expiring) {
      this.accessTokens.set(accessToken, { expiresAt: undefined, online: false });
      return { access_token: accessToken, scope };
    }
    const accessTtl = this.options.accessTokenTtlSeconds ?? 3600;
    const refreshTtl = this.options.refreshTokenTtlSeconds ?? 90 * 24 * 3600;
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    this.accessTokens.set(accessToken, {
      expiresAt: this.now() + accessTtl * 1000,
      online: false,
      refreshToken,
    });
    this.refreshTokens.set(refreshToken, { expiresAt: this.now() + refreshTtl * 1000 });
    return {
      access_token: accessToken,
      scope,
      expires_in: accessTtl,
      refresh_token: refreshToken,
      refresh_token_expires_in: refreshTtl,
    };
  }

  private onlineToken(userId: string): Record<string, unknown> {
    const accessToken = `shpua_${randomBytes(16).toString("hex")}`;
    const expiresIn = 86_399;
    this.accessTokens.set(accessToken, { expiresAt: this.now() + expiresIn * 1000, online: true });
    const scope = this.options.scopes ?? "read_orders";
    return {
      access_token: accessToken,
      scope,
      expires_in: expiresIn,
      associated_user_scope: scope,
      associated_user: {
        id: Number(userId),
        first_name: "Simulated",
        last_name: "Merchant",
        email: "merchant@example.com",
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    };
  }

  /** An HS256 JWT signed with the app's secret, for this app (aud) and this store (dest), in its window. */
  private verifySessionToken(token: string | undefined): { sub: string } | undefined {
    const [header, payload, signature] = token?.split(".") ?? [];
    if (!header || !payload || !signature) return undefined;
    const expected = createHmac("sha256", this.options.app.clientSecret)
      .update(`${header}.${payload}`)
      .digest("base64url");
    if (!sameSecret(signature, expected)) return undefined;
    const claims = parseJson(Buffer.from(payload, "base64url").toString("utf8"));
    const alg = parseJson(Buffer.from(header, "base64url").toString("utf8"))?.alg;
    if (!claims || alg !== "HS256") return undefined;
    const seconds = this.now() / 1000;
    const leeway = 5;
    if (claims.aud !== this.options.app.clientId) return undefined;
    if (claims.dest !== `https://${this.options.shop}`) return undefined;
    if (typeof claims.exp !== "number" || claims.exp + leeway < seconds) return undefined;
    if (typeof claims.nbf === "number" && claims.nbf - leeway > seconds) return undefined;
    return { sub: typeof claims.sub === "string" ? claims.sub : "0" };
  }
}

function readBody(request: SimRequest): Record<string, string | undefined> | undefined {
  const type = request.header("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(request.form());
  try {
    const body = request.json();
    if (!body || typeof body !== "object") return undefined;
    return Object.fromEntries(
      Object.entries(body).map(([key, value]) => [key, typeof value === "string" ? value : undefined]),
    );
  } catch {
    return undefined;
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}
