import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The companion plugin's two signed messages (extensions/woocommerce, LB_Signer), both keyed
 * with the per-store secret:
 * - requests to the app: `X-LB-Signature: base64(HMAC-SHA256(raw body))`, the body carrying a
 *   Unix `timestamp` so a captured request cannot be replayed later;
 * - "Open Ledger Bridge" links: `base64url(shop|expires).base64url(HMAC(shop|expires))`.
 */

/** How far a request's timestamp may be from our clock (both directions: clock skew). */
export const REPLAY_WINDOW_SECONDS = 5 * 60;
/** Orders one transfer request may name (the bulk action sends a page of the orders list). */
export const MAX_ORDERS_PER_REQUEST = 100;

const transferBody = z.strictObject({
  shop: z.string().min(1).max(2048),
  order_ids: z.array(z.number().int().positive()).min(1).max(MAX_ORDERS_PER_REQUEST),
  requested_by: z.number().int().nonnegative().optional(),
  timestamp: z.number().int().positive(),
});

export type PluginTransferRequest = z.infer<typeof transferBody>;

export type PluginRequestVerdict =
  { ok: true; request: PluginTransferRequest } | { ok: false; status: 400 | 401; reason: string };

export function signPluginBody(rawBody: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}

/** Checks signature (over the raw bytes, constant time), then shape, then the replay window. */
export function verifyPluginRequest(input: {
  rawBody: Buffer;
  signature: string | null | undefined;
  secret: string;
  nowSeconds: number;
}): PluginRequestVerdict {
  const given = Buffer.from((input.signature ?? "").trim(), "base64");
  const expected = createHmac("sha256", input.secret).update(input.rawBody).digest();
  if (!input.secret || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: "signature does not match" };
  }
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody.toString("utf8"));
  } catch {
    return { ok: false, status: 400, reason: "body is not JSON" };
  }
  const parsed = transferBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      status: 400,
      reason: `invalid body at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
    };
  }
  if (Math.abs(input.nowSeconds - parsed.data.timestamp) > REPLAY_WINDOW_SECONDS) {
    return { ok: false, status: 401, reason: "the request is too old (or the store's clock is wrong)" };
  }
  return { ok: true, request: parsed.data };
}

const MAX_TOKEN_SECONDS = 15 * 60;

export function settingsToken(shop: string, expiresAt: number, secret: string): string {
  const payload = `${shop}|${expiresAt}|${randomBytes(8).toString("hex")}`;
  return `${b64url(Buffer.from(payload))}.${b64url(createHmac("sha256", secret).update(payload).digest())}`;
}

/**
 * Base64url exactly as the plugin writes it (PHP: rtrim(strtr(base64_encode(…), '+/', '-_'), '=')),
 * or undefined. Node's decoder is lenient — it skips padding, spaces and stray characters and
 * ignores the unused bits of the last character — so many texts decode to the same bytes; a
 * single-use token must have exactly one spelling, so only the text that re-encodes to itself is
 * accepted.
 */
export function decodeCanonicalBase64url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

/** The token's shop part without checking it, to find whose secret checks it. */
export function settingsTokenShop(token: string): string | undefined {
  const bytes = decodeCanonicalBase64url(token.split(".")[0] ?? "");
  const text = bytes ? utf8(bytes) : undefined;
  if (text === undefined) return undefined;
  const payload = withoutNonce(text);
  const separator = payload.lastIndexOf("|");
  return separator > 0 ? payload.slice(0, separator) : undefined;
}

/** The shop a valid, unexpired settings token names; undefined when forged or expired. */
export function verifySettingsToken(token: string, secret: string, nowSeconds: number): string | undefined {
  return verifySettingsTokenClaims(token, secret, nowSeconds)?.shop;
}

/**
 * A valid, unexpired settings token's shop, expiry (Unix seconds) and signed bytes (the identity
 * of the token, for remembering its use); undefined when forged, expired or not canonically
 * encoded.
 */
export function verifySettingsTokenClaims(
  token: string,
  secret: string,
  nowSeconds: number,
): { shop: string; expiresAt: number; signedBytes: Buffer } | undefined {
  const parts = token.split(".");
  if (parts.length !== 2 || !secret) return undefined;
  const signed = decodeCanonicalBase64url(parts[0] ?? "");
  const given = decodeCanonicalBase64url(parts[1] ?? "");
  if (!signed || !given) return undefined;
  const expected = createHmac("sha256", secret).update(signed).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const payload = utf8(signed);
  if (payload === undefined) return undefined;
  const claims = withoutNonce(payload);
  const separator = claims.lastIndexOf("|");
  if (separator <= 0) return undefined;
  const expires = Number(claims.slice(separator + 1));
  // The plugin signs links for 5 minutes; a far-future expiry was not made by it.
  if (!Number.isInteger(expires) || expires < nowSeconds || expires > nowSeconds + MAX_TOKEN_SECONDS) {
    return undefined;
  }
  return { shop: claims.slice(0, separator), expiresAt: expires, signedBytes: signed };
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * "shop|expires|nonce" → "shop|expires". The plugin adds a random nonce so that two links signed
 * in the same second differ (each is accepted once); links of plugin versions without it still work.
 */
function withoutNonce(payload: string): string {
  return /\|[0-9a-f]{16,64}$/.test(payload) ? payload.slice(0, payload.lastIndexOf("|")) : payload;
}

function b64url(bytes: Buffer): string {
  return bytes.toString("base64url");
}
