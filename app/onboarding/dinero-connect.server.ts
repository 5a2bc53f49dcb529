import type { Platform, PrismaClient, Shop } from "@prisma/client";
import { env, type Env } from "../config/env.server";
import { saveConnection } from "../engine/ledger-connections.server";
import { buildAuthorizeUrl, exchangeCode, pkceChallenge } from "../ledgers/dinero";
import { LedgerError } from "../ledgers/ledger-error";
import { LOCAL_DINERO_OAUTH_CLIENT } from "./local-dinero-client";
import { connectLedger, type AdapterOverrides } from "./connect-ledger.server";
import { oauthStateSecret, pkceVerifierFor, signOAuthState, verifyOAuthState } from "./oauth-state.server";

/**
 * "Connect with Dinero": Visma Connect's authorization-code flow with PKCE. The merchant leaves
 * the app for Visma's login (top-level, since it refuses to run in the admin's iframe) and comes
 * back to a callback outside /app — that request carries no Shopify session, so the signed state
 * says which shop it belongs to, and the PKCE verifier is derived from it (nothing is stored
 * between the two requests).
 */

export const DINERO_CALLBACK_PATH = "/connect/dinero/callback";

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Ledger Bridge's Visma Connect client; the local demo falls back to the simulator's. */
export function dineroOAuthClient(config: Env = env()): OAuthClient | null {
  if (config.DINERO_CLIENT_ID && config.DINERO_CLIENT_SECRET) {
    return { clientId: config.DINERO_CLIENT_ID, clientSecret: config.DINERO_CLIENT_SECRET };
  }
  return config.localMode ? { ...LOCAL_DINERO_OAUTH_CLIENT } : null;
}

/** Where Visma Connect sends the merchant back: the public app URL, or this host locally. */
export function dineroRedirectUri(requestUrl: string, config: Env = env()): string {
  const base = config.localMode
    ? new URL(requestUrl).origin
    : (config.SHOPIFY_APP_URL ?? config.PUBLIC_APP_URL ?? requestUrl);
  return new URL(DINERO_CALLBACK_PATH, base).toString();
}

export function startDineroConnect(
  shop: Pick<Shop, "platform" | "domain">,
  redirectUri: string,
  locale: string,
): { authorizeUrl: string } | { unavailable: true } {
  const client = dineroOAuthClient();
  if (!client) return { unavailable: true };
  const secret = oauthStateSecret();
  const { state, payload } = signOAuthState(
    { provider: "dinero", platform: shop.platform, shop: shop.domain, redirectUri },
    secret,
  );
  return {
    authorizeUrl: buildAuthorizeUrl({
      clientId: client.clientId,
      redirectUri,
      state,
      codeChallenge: pkceChallenge(pkceVerifierFor(payload, secret)),
      authBaseUrl: env().DINERO_AUTH_BASE_URL,
      uiLocales: locale === "da" ? "da-DK" : "en-GB",
    }),
  };
}

export interface ShopRef {
  platform: Platform;
  domain: string;
  locale: string;
}

export type DineroCallbackResult =
  | { status: "invalidState"; reason: "malformed" | "forged" | "expired" | "unknownShop" }
  | { status: "denied"; shop: ShopRef }
  | { status: "failed"; shop: ShopRef; message: string }
  | { status: "connected"; shop: ShopRef; needsOrganisation: boolean; settingsProposed: boolean };

/** The callback: check the state, trade the code for tokens, verify them and store them sealed. */
export async function completeDineroConnect(
  db: PrismaClient,
  callbackUrl: string,
  overrides: AdapterOverrides = {},
): Promise<DineroCallbackResult> {
  const params = new URL(callbackUrl).searchParams;
  const secret = oauthStateSecret();
  const check = verifyOAuthState(params.get("state"), secret);
  if (!check.ok) return { status: "invalidState", reason: check.reason };
  if (check.payload.provider !== "dinero") return { status: "invalidState", reason: "malformed" };
  const shop = await db.shop.findUnique({
    where: { platform_domain: { platform: check.payload.platform, domain: check.payload.shop } },
  });
  if (!shop || shop.uninstalledAt) return { status: "invalidState", reason: "unknownShop" };
  const ref: ShopRef = { platform: shop.platform, domain: shop.domain, locale: shop.locale };

  if (params.get("error")) return { status: "denied", shop: ref };
  const code = params.get("code");
  const client = dineroOAuthClient();
  if (!code || !client) {
    return { status: "failed", shop: ref, message: "Dinero did not send a login code. Start again." };
  }
  let tokens;
  try {
    tokens = await exchangeCode({
      ...client,
      code,
      redirectUri: check.payload.redirectUri,
      codeVerifier: pkceVerifierFor(check.payload, secret),
      authBaseUrl: env().DINERO_AUTH_BASE_URL,
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    });
  } catch (error) {
    if (!LedgerError.is(error)) throw error;
    return { status: "failed", shop: ref, message: error.merchantMessage };
  }
  if (!tokens.refreshToken) {
    return {
      status: "failed",
      shop: ref,
      message:
        "Dinero did not grant lasting access (offline_access). Connect again and accept every permission.",
    };
  }
  const credentials = {
    kind: "oauth",
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
  };
  const result = await connectLedger(db, shop, { provider: "dinero", credentials }, overrides);
  switch (result.status) {
    case "connected":
      return {
        status: "connected",
        shop: ref,
        needsOrganisation: false,
        settingsProposed: result.settingsProposed,
      };
    case "chooseOrganisation":
      // The login reaches several organisations: keep the tokens, the merchant picks one next.
      await saveConnection(db, { shopId: shop.id, provider: "dinero", credentials });
      return { status: "connected", shop: ref, needsOrganisation: true, settingsProposed: false };
    case "ledgerError":
      return { status: "failed", shop: ref, message: result.problem.message };
    default:
      return { status: "failed", shop: ref, message: "Dinero answered unexpectedly. Connect again." };
  }
}

/**
 * The app page to return to. Embedded in Shopify, that is the admin's URL of the app (the
 * callback ran outside the admin); locally, the app's own page.
 */
export function appPageUrl(shop: Pick<ShopRef, "platform" | "domain">, path: string, config: Env = env()) {
  if (config.localMode || shop.platform !== "shopify" || !config.SHOPIFY_API_KEY) return path;
  return `https://${shop.domain}/admin/apps/${config.SHOPIFY_API_KEY}${path}`;
}
