import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SimRequest, SimResponse } from "../kit/router";
import { wooErrorBody } from "./woo-sim-json";

export type WooKeyPermissions = "read" | "write" | "read_write";

export interface WooApiKey {
  keyId: number;
  userId: number;
  description: string;
  consumerKey: string;
  consumerSecret: string;
  permissions: WooKeyPermissions;
  /** OAuth nonces seen, with their timestamps; WooCommerce rejects a repeat within 15 minutes. */
  nonces: Map<string, number>;
}

const WINDOW_SECONDS = 15 * 60;

export function generateApiKey(
  keyId: number,
  userId: number,
  permissions: WooKeyPermissions,
  description: string,
): WooApiKey {
  return {
    keyId,
    userId,
    description,
    consumerKey: `ck_${randomBytes(20).toString("hex")}`,
    consumerSecret: `cs_${randomBytes(20).toString("hex")}`,
    permissions,
    nonces: new Map(),
  };
}

export interface WooAuthOptions {
  /** WooCommerce only tries Basic auth / query-string keys when `is_ssl()` (HTTPS or a proxy saying so). */
  ssl: boolean;
  /** The store URL the OAuth base string is built from (WooCommerce uses the home URL, not the Host header). */
  baseUrl: () => string;
  nowSeconds: () => number;
}

const unauthorized = (code: string, message: string): SimResponse => ({
  status: 401,
  body: wooErrorBody(code, message, 401),
});

/**
 * The authentication WooCommerce's `WC_REST_Authentication` performs: Basic auth or
 * `consumer_key`/`consumer_secret` query parameters only over SSL, otherwise OAuth 1.0a
 * one-legged (HMAC-SHA1 or HMAC-SHA256, key = secret + "&", ±15 min timestamp, unique nonce).
 * Returns the key, or the 401 WooCommerce answers. No credentials at all is left to the route's
 * permission check ("Sorry, you cannot list resources.").
 */
export function authenticateWooRequest(
  request: SimRequest,
  keys: readonly WooApiKey[],
  options: WooAuthOptions,
): WooApiKey | SimResponse | undefined {
  const findKey = (consumerKey: string) => keys.find((k) => k.consumerKey === consumerKey);

  if (options.ssl) {
    const basic = parseBasic(request.header("authorization"));
    const pair = basic ?? queryPair(request.query);
    if (pair) {
      const key = findKey(pair.key);
      if (!key) return unauthorized("woocommerce_rest_authentication_error", "Consumer key is invalid.");
      if (!safeEqual(key.consumerSecret, pair.secret)) {
        return unauthorized("woocommerce_rest_authentication_error", "Consumer secret is invalid.");
      }
      return key;
    }
  }

  const params = lastWins(request.query);
  if (!params.has("oauth_consumer_key")) return undefined;
  for (const required of [
    "oauth_consumer_key",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_signature",
    "oauth_signature_method",
  ]) {
    if (!params.get(required)) {
      return unauthorized("woocommerce_rest_authentication_error", `Missing OAuth parameter ${required}`);
    }
  }
  const key = findKey(params.get("oauth_consumer_key") ?? "");
  if (!key) return unauthorized("woocommerce_rest_authentication_error", "Consumer key is invalid.");

  const method = params.get("oauth_signature_method");
  if (method !== "HMAC-SHA1" && method !== "HMAC-SHA256") {
    return unauthorized(
      "woocommerce_rest_authentication_error",
      "Invalid signature - signature method is invalid.",
    );
  }
  const given = params.get("oauth_signature") ?? "";
  params.delete("oauth_signature");
  const baseString = [
    request.method.toUpperCase(),
    rfc3986(options.baseUrl() + request.path),
    rfc3986(
      [...params.entries()]
        .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join("&"),
    ),
  ].join("&");
  const expected = createHmac(method === "HMAC-SHA1" ? "sha1" : "sha256", `${key.consumerSecret}&`)
    .update(baseString)
    .digest("base64");
  if (!safeEqual(expected, given)) {
    return unauthorized(
      "woocommerce_rest_authentication_error",
      "Invalid signature - provided signature does not match.",
    );
  }

  const timestamp = Number(params.get("oauth_timestamp"));
  const now = options.nowSeconds();
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > WINDOW_SECONDS) {
    return unauthorized("woocommerce_rest_authentication_error", "Invalid timestamp.");
  }
  for (const [nonce, at] of key.nonces) if (at < now - WINDOW_SECONDS) key.nonces.delete(nonce);
  const nonce = params.get("oauth_nonce") ?? "";
  if (key.nonces.has(nonce)) {
    return unauthorized(
      "woocommerce_rest_authentication_error",
      "Invalid nonce - nonce has already been used.",
    );
  }
  key.nonces.set(nonce, timestamp);
  return key;
}

/** GET/HEAD need read, everything else write, per WooCommerce's per-method permission check. */
export function checkKeyPermission(key: WooApiKey, method: string): SimResponse | undefined {
  const reading = method === "GET" || method === "HEAD";
  if (reading && key.permissions === "write") {
    return unauthorized(
      "woocommerce_rest_authentication_error",
      "The API key provided does not have read permissions.",
    );
  }
  if (!reading && key.permissions === "read") {
    return unauthorized(
      "woocommerce_rest_authentication_error",
      "The API key provided does not have write permissions.",
    );
  }
  return undefined;
}

/** PHP keeps the last of repeated query parameters (the npm library sends each twice over HTTP). */
function lastWins(query: URLSearchParams): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of query) map.set(k, v);
  return map;
}

function parseBasic(header: string | undefined): { key: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function queryPair(query: URLSearchParams): { key: string; secret: string } | undefined {
  const key = query.get("consumer_key");
  const secret = query.get("consumer_secret");
  return key && secret ? { key, secret } : undefined;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
