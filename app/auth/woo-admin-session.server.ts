import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../config/env.server";

/**
 * The session of a WooCommerce merchant on the app's own pages. WordPress opens the app with a
 * single-use signed link (app/sources/woocommerce/settings-link.server.ts); the app answers with
 * this cookie, which names one shop and expires after two hours. It holds no secret: the shop id
 * and expiry are authenticated with an HMAC under a key derived from ENCRYPTION_KEY, so it cannot
 * be forged, pointed at another shop or extended.
 */

export const WOO_ADMIN_COOKIE = "lb_woo_admin";
export const WOO_ADMIN_SESSION_SECONDS = 2 * 60 * 60;

declare global {
  var ledgerBridgeWooAdminSecret: Buffer | undefined;
}

/**
 * Derived from ENCRYPTION_KEY with its own HKDF label (as the OAuth state's key is), so the
 * encryption key is never used for two purposes. A local demo without ENCRYPTION_KEY uses a
 * per-process random key: a restart only means "open the app from WordPress again".
 */
function sessionKey(): Buffer {
  const key = env().ENCRYPTION_KEY;
  if (key) {
    return Buffer.from(
      hkdfSync(
        "sha256",
        Buffer.from(key, "base64"),
        Buffer.alloc(0),
        "ledger-bridge/woo-admin-session/v1",
        32,
      ),
    );
  }
  globalThis.ledgerBridgeWooAdminSecret ??= randomBytes(32);
  return globalThis.ledgerBridgeWooAdminSecret;
}

function mac(shopId: string, expires: number): Buffer {
  return createHmac("sha256", sessionKey()).update(`woo-admin|${shopId}|${expires}`).digest();
}

/** HTTPS as the browser sees it (behind a TLS-terminating proxy: X-Forwarded-Proto). */
function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return new URL(request.url).protocol === "https:" || forwarded === "https";
}

function attributes(request: Request, maxAge: number): string {
  return [
    `Max-Age=${maxAge}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    ...(isHttps(request) ? ["Secure"] : []),
  ].join("; ");
}

/** The Set-Cookie header that opens a session for this shop until `now` + two hours. */
export function wooAdminSessionCookie(request: Request, shopId: string, nowMs = Date.now()): string {
  const expires = Math.floor(nowMs / 1000) + WOO_ADMIN_SESSION_SECONDS;
  const value = `${shopId}.${expires}.${mac(shopId, expires).toString("base64url")}`;
  return `${WOO_ADMIN_COOKIE}=${value}; ${attributes(request, WOO_ADMIN_SESSION_SECONDS)}`;
}

/** The Set-Cookie header that ends the session. */
export function clearedWooAdminSessionCookie(request: Request): string {
  return `${WOO_ADMIN_COOKIE}=; ${attributes(request, 0)}`;
}

/** The shop id of a valid, unexpired session cookie on the request; undefined otherwise. */
export function wooAdminSessionShopId(request: Request, nowMs = Date.now()): string | undefined {
  const value = readCookie(request.headers.get("cookie"), WOO_ADMIN_COOKIE);
  if (!value) return undefined;
  const parts = value.split(".");
  if (parts.length !== 3) return undefined;
  const [shopId = "", expiresText = "", signature = ""] = parts;
  if (!/^[0-9a-f-]{1,64}$/i.test(shopId) || !/^\d{1,12}$/.test(expiresText)) return undefined;
  const expires = Number(expiresText);
  const expected = mac(shopId, expires);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (expires * 1000 <= nowMs) return undefined;
  return shopId;
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
