import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../config/env.server";
import { requireAdmin } from "./admin-context.server";
import { assertLocalMode, LocalModeDisabledError } from "./local-shop.server";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("local mode guard", () => {
  it("can never be entered once Shopify credentials are configured", async () => {
    process.env.SHOPIFY_API_KEY = "key";
    process.env.SHOPIFY_API_SECRET = "secret";
    process.env.SHOPIFY_APP_URL = "https://app.example.com";
    process.env.ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64");
    resetEnvForTests();
    expect(() => assertLocalMode()).toThrow(LocalModeDisabledError);
    // An app page request without a Shopify session token is refused, not served as the demo shop.
    const outcome = await requireAdmin(new Request("http://localhost/app")).then(
      () => "served",
      (error: unknown) => (error instanceof Response ? `response ${error.status}` : String(error)),
    );
    expect(outcome).not.toBe("served");
  });

  it("is allowed without Shopify credentials", () => {
    delete process.env.SHOPIFY_API_KEY;
    delete process.env.SHOPIFY_API_SECRET;
    delete process.env.SHOPIFY_APP_URL;
    resetEnvForTests();
    expect(() => assertLocalMode()).not.toThrow();
  });
});
