import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export type WcAuthScope = "read" | "write" | "read_write";

export interface WcAuthorizeRequest {
  storeUrl: string;
  appName: string;
  scope: WcAuthScope;
  /** Our opaque, unguessable per-attempt token; WooCommerce echoes it as `user_id`. */
  stateToken: string;
  returnUrl: string;
  /** Must be https:// (WooCommerce refuses anything else). */
  callbackUrl: string;
  /** For loopback tests only: allow an http://127.0.0.1 callback. */
  allowInsecureLoopbackCallback?: boolean;
}

/** 32 random bytes, url-safe: the `user_id` WooCommerce echoes to the callback and return URL. */
export function newWcAuthState(): string {
  return randomBytes(32).toString("base64url");
}

/** `{store}/wc-auth/v1/authorize?app_name&scope&user_id&return_url&callback_url`. */
export function buildWcAuthorizeUrl(request: WcAuthorizeRequest): string {
  const callback = new URL(request.callbackUrl);
  const loopback = callback.hostname === "127.0.0.1" || callback.hostname === "localhost";
  if (callback.protocol !== "https:" && !(request.allowInsecureLoopbackCallback && loopback)) {
    throw new Error("wc-auth callback_url must use https:// (WooCommerce rejects other callbacks)");
  }
  if (request.stateToken.length < 16) throw new Error("wc-auth state token is too short to be unguessable");
  const url = new URL(
    "wc-auth/v1/authorize",
    request.storeUrl.endsWith("/") ? request.storeUrl : `${request.storeUrl}/`,
  );
  url.searchParams.set("app_name", request.appName);
  url.searchParams.set("scope", request.scope);
  url.searchParams.set("user_id", request.stateToken);
  url.searchParams.set("return_url", request.returnUrl);
  url.searchParams.set("callback_url", request.callbackUrl);
  return url.toString();
}

const callbackSchema = z.strictObject({
  key_id: z.number().int().positive(),
  user_id: z.union([z.string(), z.number()]).transform(String),
  consumer_key: z.string().regex(/^ck_[0-9a-f]{40}$/),
  consumer_secret: z.string().regex(/^cs_[0-9a-f]{40}$/),
  key_permissions: z.enum(["read", "write", "read_write"]),
});

export interface WcAuthKeys {
  keyId: number;
  stateToken: string;
  consumerKey: string;
  consumerSecret: string;
  permissions: WcAuthScope;
}

export type WcAuthCallbackResult = { ok: true; keys: WcAuthKeys } | { ok: false; reason: string };

/**
 * The JSON WooCommerce POSTs to `callback_url` after the merchant approves. Pass the raw body;
 * `expectedState` is the token stored when the flow started (compare in constant time).
 * The caller must answer 200 exactly, or WooCommerce deletes the key.
 */
export function parseWcAuthCallback(rawBody: string | Buffer, expectedState?: string): WcAuthCallbackResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"));
  } catch {
    return { ok: false, reason: "callback body is not JSON" };
  }
  const parsed = callbackSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `invalid callback body at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
    };
  }
  const data = parsed.data;
  if (expectedState !== undefined && !sameToken(data.user_id, expectedState)) {
    return { ok: false, reason: "state token does not match" };
  }
  return {
    ok: true,
    keys: {
      keyId: data.key_id,
      stateToken: data.user_id,
      consumerKey: data.consumer_key,
      consumerSecret: data.consumer_secret,
      permissions: data.key_permissions,
    },
  };
}

/** The browser's return: `return_url?success=0|1&user_id=<state>`. */
export function parseWcAuthReturn(url: string | URL): { success: boolean; stateToken: string } | undefined {
  const target = new URL(url);
  const success = target.searchParams.get("success");
  const stateToken = target.searchParams.get("user_id");
  if ((success !== "0" && success !== "1") || !stateToken) return undefined;
  return { success: success === "1", stateToken };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
