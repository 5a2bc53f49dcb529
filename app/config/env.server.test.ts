import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

const KEY = Buffer.alloc(32, 7).toString("base64");
const SHOPIFY = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  ENCRYPTION_KEY: KEY,
};

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("environment configuration", () => {
  it("defaults to local mode on the embedded database at port 3000", () => {
    const env = parseEnv({});
    expect(env.localMode).toBe(true);
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toMatch(/data\/pglite$/);
  });

  it("treats the Prisma CLI placeholder URL as 'no database configured'", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://pglite/embedded" }).DATABASE_URL).toBeUndefined();
  });

  it("leaves local mode when Shopify credentials are complete", () => {
    const env = parseEnv(SHOPIFY);
    expect(env.localMode).toBe(false);
  });

  it("runs for WooCommerce stores only when asked, and then insists on its key and public URL", () => {
    const woo = parseEnv({
      WOOCOMMERCE_ONLY: "true",
      ENCRYPTION_KEY: KEY,
      PUBLIC_APP_URL: "https://lb.example.dk",
    });
    expect(woo.mode).toBe("woocommerce");
    // Never local mode: no login-free demo shop, no simulator clients, no private store addresses.
    expect(woo.localMode).toBe(false);
    expect(parseEnv({}).mode).toBe("local");
    expect(parseEnv(SHOPIFY).mode).toBe("shopify");
    expect(problems({ WOOCOMMERCE_ONLY: "true" })).toEqual([
      "ENCRYPTION_KEY is required when WOOCOMMERCE_ONLY=true",
      "PUBLIC_APP_URL is required when WOOCOMMERCE_ONLY=true",
    ]);
    expect(
      problems({ ...SHOPIFY, WOOCOMMERCE_ONLY: "true", PUBLIC_APP_URL: "https://lb.example.dk" }),
    ).toEqual([
      "SHOPIFY_API_KEY must be unset when WOOCOMMERCE_ONLY=true",
      "SHOPIFY_API_SECRET must be unset when WOOCOMMERCE_ONLY=true",
      "SHOPIFY_APP_URL must be unset when WOOCOMMERCE_ONLY=true",
    ]);
  });

  it("names the missing variables when Shopify credentials are half configured", () => {
    expect(problems({ SHOPIFY_API_KEY: "key" })).toEqual([
      "SHOPIFY_API_SECRET is required because SHOPIFY_API_KEY is set",
      "SHOPIFY_APP_URL is required because SHOPIFY_API_KEY is set",
    ]);
  });

  it("requires an encryption key once real credentials are configured", () => {
    expect(problems({ ...SHOPIFY, ENCRYPTION_KEY: undefined })).toEqual([
      "ENCRYPTION_KEY is required when Shopify credentials are configured (secrets are encrypted at rest)",
    ]);
    expect(problems({ ...SHOPIFY, ENCRYPTION_KEY: "c2hvcnQ=" })[0]).toMatch(
      /^ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  it("names the variable for each bad value", () => {
    expect(problems({ PORT: "eighty" })[0]).toMatch(/^PORT /);
    expect(problems({ DATABASE_URL: "mysql://localhost/db" })).toEqual([
      "DATABASE_URL must be a postgres:// or postgresql:// URL",
    ]);
    expect(problems({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL /);
    expect(
      problems({ SHOPIFY_APP_URL: "not a url", SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s" })[0],
    ).toMatch(/^SHOPIFY_APP_URL /);
  });
});
