import { describe, expect, it } from "vitest";
import { parseEnv } from "../config/env.server";
import { appPageUrl, dineroOAuthClient, dineroRedirectUri } from "./dinero-connect.server";

const SHOPIFY = {
  SHOPIFY_API_KEY: "api-key-1",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://bridge.example.com",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
};

describe("Dinero connect configuration", () => {
  it("uses the configured Visma Connect client, the simulator's locally, and none otherwise", () => {
    expect(dineroOAuthClient(parseEnv({ DINERO_CLIENT_ID: "id", DINERO_CLIENT_SECRET: "s" }))).toEqual({
      clientId: "id",
      clientSecret: "s",
    });
    expect(dineroOAuthClient(parseEnv({}))?.clientId).toBe("isv_ledger_bridge");
    expect(dineroOAuthClient(parseEnv(SHOPIFY))).toBeNull();
  });

  it("returns to the public app URL in Shopify, and to the same host locally", () => {
    expect(dineroRedirectUri("http://10.0.0.5:3000/app/connect", parseEnv(SHOPIFY))).toBe(
      "https://bridge.example.com/connect/dinero/callback",
    );
    expect(dineroRedirectUri("http://127.0.0.1:4000/app/connect?x=1", parseEnv({}))).toBe(
      "http://127.0.0.1:4000/connect/dinero/callback",
    );
  });

  it("sends the merchant back into the Shopify admin after the callback", () => {
    const shop = { platform: "shopify" as const, domain: "kaffe.myshopify.com" };
    expect(appPageUrl(shop, "/app/settings?proposed=1", parseEnv(SHOPIFY))).toBe(
      "https://kaffe.myshopify.com/admin/apps/api-key-1/app/settings?proposed=1",
    );
    expect(appPageUrl(shop, "/app/connect", parseEnv({}))).toBe("/app/connect");
  });
});
