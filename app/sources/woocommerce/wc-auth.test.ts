import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWooSimulator, type WooSimulator } from "../../../simulators/woocommerce/woocommerce-simulator";
import {
  buildWcAuthorizeUrl,
  newWcAuthState,
  parseWcAuthCallback,
  parseWcAuthReturn,
  type WcAuthKeys,
} from "./wc-auth";
import { WooCommerceClient } from "./woocommerce-client";

let shop: WooSimulator;
let callback: http.Server;
let callbackUrl = "";
let callbackStatus = 200;
const pendingStates = new Set<string>();
const stored = new Map<string, WcAuthKeys>();
const rejected: string[] = [];

beforeAll(async () => {
  shop = await startWooSimulator({ wcAuth: { allowHttpCallback: true } });
  // The app's callback endpoint in miniature: validate, match the state, store, answer 200.
  callback = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const result = parseWcAuthCallback(Buffer.concat(chunks));
      if (!result.ok || !pendingStates.has(result.keys.stateToken)) {
        rejected.push(result.ok ? "unknown state" : result.reason);
        res.writeHead(400).end();
        return;
      }
      stored.set(result.keys.stateToken, result.keys);
      res.writeHead(callbackStatus).end();
    });
  });
  await new Promise<void>((resolve) => callback.listen(0, "127.0.0.1", resolve));
  callbackUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/api/woocommerce/wc-auth/callback`;
});
afterAll(async () => {
  await shop.close();
  callback.closeAllConnections();
  await new Promise<void>((resolve) => callback.close(() => resolve()));
});

function authorizeUrl(state: string): string {
  return buildWcAuthorizeUrl({
    storeUrl: shop.url,
    appName: "Ledger Bridge",
    scope: "read_write",
    stateToken: state,
    returnUrl: "https://app.example/woocommerce/connected?shop=demo",
    callbackUrl,
    allowInsecureLoopbackCallback: true,
  });
}

describe("wc-auth round trip against the simulator", () => {
  it("approve: keys are posted to the callback, the browser returns with success=1, the keys work", async () => {
    const state = newWcAuthState();
    pendingStates.add(state);
    const response = await fetch(authorizeUrl(state), { redirect: "manual" });
    expect(response.status).toBe(302);
    const back = parseWcAuthReturn(response.headers.get("location") ?? "");
    expect(back).toEqual({ success: true, stateToken: state });
    expect(new URL(response.headers.get("location") ?? "").searchParams.get("shop")).toBe("demo");

    const keys = stored.get(state);
    expect(keys).toMatchObject({ permissions: "read_write", stateToken: state });
    const client = new WooCommerceClient({
      storeUrl: shop.url,
      consumerKey: keys?.consumerKey ?? "",
      consumerSecret: keys?.consumerSecret ?? "",
    });
    expect((await client.getOrder(727)).summary.id).toBe(727);
  });

  it("deny: no key, return with success=0", async () => {
    const keysBefore = shop.keys.length;
    shop.wcAuth.decision = "deny";
    try {
      const state = newWcAuthState();
      const response = await fetch(authorizeUrl(state), { redirect: "manual" });
      expect(parseWcAuthReturn(response.headers.get("location") ?? "")).toEqual({
        success: false,
        stateToken: state,
      });
      expect(shop.keys.length).toBe(keysBefore);
    } finally {
      shop.wcAuth.decision = "approve";
    }
  });

  it("a callback answering anything but 200 fails the flow and the key is deleted", async () => {
    const keysBefore = shop.keys.length;
    callbackStatus = 201;
    try {
      const state = newWcAuthState();
      pendingStates.add(state);
      const response = await fetch(authorizeUrl(state), { redirect: "manual" });
      expect(response.status).toBe(401);
      expect(await response.text()).toMatch(/unable to send the consumer data/);
      expect(shop.keys.length).toBe(keysBefore);
      const orphan = stored.get(state);
      const client = new WooCommerceClient({
        storeUrl: shop.url,
        consumerKey: orphan?.consumerKey ?? "ck_",
        consumerSecret: orphan?.consumerSecret ?? "cs_",
      });
      await expect(client.getOrder(727)).rejects.toMatchObject({ kind: "authentication" });
    } finally {
      callbackStatus = 200;
    }
  });

  it("the store validates parameters; http callbacks are refused by default", async () => {
    const strict = await startWooSimulator();
    try {
      const url = new URL(authorizeUrl(newWcAuthState()).replace(shop.url, strict.url));
      const insecure = await fetch(url, { redirect: "manual" });
      expect(insecure.status).toBe(401);
      expect(await insecure.text()).toMatch(/callback_url needs to be over SSL/);
      url.searchParams.set("scope", "admin");
      expect(await (await fetch(url)).text()).toMatch(/Invalid scope admin/);
      url.searchParams.delete("app_name");
      expect(await (await fetch(url)).text()).toMatch(/Missing parameter app_name/);
    } finally {
      await strict.close();
    }
  });
});

describe("wc-auth helpers", () => {
  const body = {
    key_id: 3,
    user_id: "state-token-123456789",
    consumer_key: `ck_${"a".repeat(40)}`,
    consumer_secret: `cs_${"b".repeat(40)}`,
    key_permissions: "read_write",
  };

  it("builds the authorize URL and refuses non-https callbacks and weak states", () => {
    const url = new URL(
      buildWcAuthorizeUrl({
        storeUrl: "https://shop.example/blog",
        appName: "Ledger Bridge",
        scope: "read",
        stateToken: "s".repeat(20),
        returnUrl: "https://app.example/r",
        callbackUrl: "https://app.example/c",
      }),
    );
    expect(url.pathname).toBe("/blog/wc-auth/v1/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_name: "Ledger Bridge",
      scope: "read",
      user_id: "s".repeat(20),
      return_url: "https://app.example/r",
      callback_url: "https://app.example/c",
    });
    const base = {
      storeUrl: "https://shop.example",
      appName: "x",
      scope: "read" as const,
      returnUrl: "https://a/r",
    };
    expect(() =>
      buildWcAuthorizeUrl({ ...base, stateToken: "s".repeat(20), callbackUrl: "http://app.example/c" }),
    ).toThrow(/https/);
    expect(() =>
      buildWcAuthorizeUrl({ ...base, stateToken: "short", callbackUrl: "https://app.example/c" }),
    ).toThrow(/state/);
  });

  it("parses a valid callback and checks the expected state", () => {
    expect(parseWcAuthCallback(JSON.stringify(body), "state-token-123456789")).toMatchObject({
      ok: true,
      keys: { keyId: 3, permissions: "read_write" },
    });
    expect(parseWcAuthCallback(JSON.stringify(body), "other-state-123456789")).toEqual({
      ok: false,
      reason: "state token does not match",
    });
    expect(parseWcAuthCallback(JSON.stringify({ ...body, consumer_key: "ck_short" }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/consumer_key/),
    });
    expect(parseWcAuthCallback(JSON.stringify({ ...body, extra: 1 })).ok).toBe(false);
    expect(parseWcAuthCallback("webhook_id=1")).toEqual({ ok: false, reason: "callback body is not JSON" });
    expect(parseWcAuthReturn("https://app.example/r?success=2&user_id=x")).toBeUndefined();
  });
});
