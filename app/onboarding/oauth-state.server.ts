import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "../config/env.server";

/**
 * The `state` of an OAuth round trip to a ledger. The callback arrives as a top-level browser
 * request without the Shopify session (the ledger's login page cannot run inside the admin
 * iframe), so the state itself must say which shop started the flow — signed with a server
 * secret, so it cannot be forged or pointed at another shop, and expiring, so an old link is
 * useless. No table is needed: everything the callback needs travels in the signed value.
 */

export const OAUTH_STATE_LIFETIME_MS = 15 * 60_000;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  provider: z.string().min(1),
  platform: z.enum(["shopify", "woocommerce"]),
  shop: z.string().min(1),
  /** The exact redirect_uri sent to the authorize endpoint; the token exchange must repeat it. */
  redirectUri: z.url(),
  /** Epoch milliseconds. */
  exp: z.number().int(),
  nonce: z.string().min(16),
});

export type OAuthStatePayload = z.infer<typeof payloadSchema>;

export type OAuthStateCheck =
  { ok: true; payload: OAuthStatePayload } | { ok: false; reason: "malformed" | "forged" | "expired" };

export function signOAuthState(
  input: Omit<OAuthStatePayload, "v" | "exp" | "nonce">,
  secret: Buffer,
  now = Date.now(),
): { state: string; payload: OAuthStatePayload } {
  const payload: OAuthStatePayload = {
    v: 1,
    ...input,
    exp: now + OAUTH_STATE_LIFETIME_MS,
    nonce: randomBytes(16).toString("base64url"),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return { state: `${body}.${mac(secret, body)}`, payload };
}

export function verifyOAuthState(
  state: string | null | undefined,
  secret: Buffer,
  now = Date.now(),
): OAuthStateCheck {
  const [body, signature, extra] = (state ?? "").split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "forged" };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success) return { ok: false, reason: "malformed" };
  if (payload.data.exp <= now) return { ok: false, reason: "expired" };
  return { ok: true, payload: payload.data };
}

/**
 * The PKCE code verifier of this round trip, derived from the state's nonce with the server
 * secret: the callback can recompute it without storing anything, and nobody without the secret
 * can, even holding the state.
 */
export function pkceVerifierFor(payload: OAuthStatePayload, secret: Buffer): string {
  return createHmac("sha256", secret).update(`pkce|${payload.nonce}`).digest("base64url");
}

function mac(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(`state|${body}`).digest("base64url");
}

declare global {
  var ledgerBridgeOAuthStateSecret: Buffer | undefined;
}

/**
 * The signing key: derived from ENCRYPTION_KEY (always set outside local mode) with its own
 * HKDF label, so the encryption key is never used for two purposes. A local demo without
 * ENCRYPTION_KEY signs with a per-process random key: a restart only means "connect again".
 */
export function oauthStateSecret(): Buffer {
  const key = env().ENCRYPTION_KEY;
  if (key) {
    return Buffer.from(
      hkdfSync("sha256", Buffer.from(key, "base64"), Buffer.alloc(0), "ledger-bridge/oauth-state/v1", 32),
    );
  }
  globalThis.ledgerBridgeOAuthStateSecret ??= randomBytes(32);
  return globalThis.ledgerBridgeOAuthStateSecret;
}
