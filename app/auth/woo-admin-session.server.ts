import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { env } from "../config/env.server";

/**
 * The session of a WooCommerce merchant on the app's own pages. WordPress opens the app with a
 * single-use signed link (app/sources/woocommerce/settings-link.server.ts); the app answers with
 * this cookie, which carries a random session id and expires after two hours. The session itself
 * lives in the database (WooAdminSession, keyed by the id's hash) and names the shop, so Log out
 * ends it on the server: a copied cookie stops working. The id and expiry are also authenticated
 * with an HMAC under a key derived from ENCRYPTION_KEY, so a forged or extended cookie is refused
 * without a database read.
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

function mac(sessionId: string, expires: number): Buffer {
  return createHmac("sha256", sessionKey()).update(`woo-admin|${sessionId}|${expires}`).digest();
}

/** What the database keeps of a session id: its hash, so a leaked table opens no session. */
const sessionHash = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");

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

/**
 * Opens a session for this shop until `now` + two hours and returns its Set-Cookie header.
 * Sessions that ended are forgotten on the way.
 */
export async function wooAdminSessionCookie(
  db: PrismaClient,
  request: Request,
  shopId: string,
  nowMs = Date.now(),
): Promise<string> {
  const expires = Math.floor(nowMs / 1000) + WOO_ADMIN_SESSION_SECONDS;
  const sessionId = randomBytes(32).toString("base64url");
  await db.wooAdminSession.deleteMany({ where: { expiresAt: { lte: new Date(nowMs) } } });
  await db.wooAdminSession.create({
    data: { idHash: sessionHash(sessionId), shopId, expiresAt: new Date(expires * 1000) },
  });
  const value = `${sessionId}.${expires}.${mac(sessionId, expires).toString("base64url")}`;
  return `${WOO_ADMIN_COOKIE}=${value}; ${attributes(request, WOO_ADMIN_SESSION_SECONDS)}`;
}

/** Ends the request's session on the server and returns the Set-Cookie header that clears it. */
export async function endWooAdminSession(db: PrismaClient, request: Request): Promise<string> {
  const sessionId = signedSessionId(request, Date.now());
  if (sessionId) await db.wooAdminSession.deleteMany({ where: { idHash: sessionHash(sessionId) } });
  return `${WOO_ADMIN_COOKIE}=; ${attributes(request, 0)}`;
}

/** The shop of the request's live session (signed, unexpired, not logged out); undefined otherwise. */
export async function wooAdminSessionShopId(
  db: PrismaClient,
  request: Request,
  nowMs = Date.now(),
): Promise<string | undefined> {
  const sessionId = signedSessionId(request, nowMs);
  if (!sessionId) return undefined;
  const session = await db.wooAdminSession.findUnique({ where: { idHash: sessionHash(sessionId) } });
  return session && session.expiresAt.getTime() > nowMs ? session.shopId : undefined;
}

/** The session id of a cookie whose signature and expiry check out. */
function signedSessionId(request: Request, nowMs: number): string | undefined {
  const value = readCookie(request.headers.get("cookie"), WOO_ADMIN_COOKIE);
  if (!value) return undefined;
  const parts = value.split(".");
  if (parts.length !== 3) return undefined;
  const [sessionId = "", expiresText = "", signature = ""] = parts;
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId) || !/^\d{1,12}$/.test(expiresText)) return undefined;
  const expires = Number(expiresText);
  const expected = mac(sessionId, expires);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (expires * 1000 <= nowMs) return undefined;
  return sessionId;
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
