import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  OAUTH_STATE_LIFETIME_MS,
  pkceVerifierFor,
  signOAuthState,
  verifyOAuthState,
} from "./oauth-state.server";

const SECRET = Buffer.alloc(32, 1);
const OTHER_SECRET = Buffer.alloc(32, 2);
const INPUT = {
  provider: "dinero",
  platform: "shopify" as const,
  shop: "kaffebaren.myshopify.com",
  redirectUri: "https://app.example.com/connect/dinero/callback",
};

describe("OAuth state", () => {
  it("round-trips the shop, provider and redirect URI until it expires", () => {
    const now = 1_700_000_000_000;
    const { state } = signOAuthState(INPUT, SECRET, now);
    const check = verifyOAuthState(state, SECRET, now + 60_000);
    expect(check).toEqual({
      ok: true,
      payload: { v: 1, ...INPUT, exp: now + OAUTH_STATE_LIFETIME_MS, nonce: expect.any(String) },
    });
    expect(verifyOAuthState(state, SECRET, now + OAUTH_STATE_LIFETIME_MS)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("rejects a state signed with another secret", () => {
    const { state } = signOAuthState(INPUT, OTHER_SECRET);
    expect(verifyOAuthState(state, SECRET)).toEqual({ ok: false, reason: "forged" });
  });

  it("rejects a state whose payload was changed to point at another shop", () => {
    const { state } = signOAuthState(INPUT, SECRET);
    const [body, signature] = state.split(".");
    const payload = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    const tampered = Buffer.from(JSON.stringify({ ...payload, shop: "evil.myshopify.com" })).toString(
      "base64url",
    );
    expect(verifyOAuthState(`${tampered}.${signature}`, SECRET)).toEqual({ ok: false, reason: "forged" });
  });

  it("rejects an expired state even when correctly signed, and garbage of every shape", () => {
    const old = signOAuthState(INPUT, SECRET, Date.now() - OAUTH_STATE_LIFETIME_MS - 1).state;
    expect(verifyOAuthState(old, SECRET)).toEqual({ ok: false, reason: "expired" });
    for (const garbage of [null, undefined, "", "abc", "a.b.c", "only-one-part."]) {
      expect(verifyOAuthState(garbage, SECRET).ok).toBe(false);
    }
  });

  it("derives a PKCE verifier that depends on the secret and the round trip", () => {
    const a = verifyOAuthState(signOAuthState(INPUT, SECRET).state, SECRET);
    const b = verifyOAuthState(signOAuthState(INPUT, SECRET).state, SECRET);
    if (!a.ok || !b.ok) throw new Error("states should verify");
    const verifier = pkceVerifierFor(a.payload, SECRET);
    // RFC 7636: 43–128 characters of the unreserved set.
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pkceVerifierFor(a.payload, SECRET)).toBe(verifier);
    expect(pkceVerifierFor(b.payload, SECRET)).not.toBe(verifier);
    expect(pkceVerifierFor(a.payload, OTHER_SECRET)).not.toBe(verifier);
    expect(createHash("sha256").update(verifier).digest("base64url")).toHaveLength(43);
  });
});
