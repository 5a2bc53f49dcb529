import { describe, expect, it } from "vitest";
import { AppError } from "../lib/app-error";
import type { ShopifyAdminFailure } from "./shopify/admin-graphql/admin-graphql-errors";
import { shopifyAdminError } from "./shopify/admin-graphql/admin-graphql-errors";
import { SourceError } from "./source-error";
import { wooErrorFromResponse } from "./woocommerce/woocommerce-error";

function inBothLanguages(error: SourceError) {
  const english = error.messageIn("en");
  const danish = error.messageIn("da");
  expect(danish).not.toBe(english);
  expect(danish).not.toMatch(/[{}]|sourceError\./);
  return { english, danish };
}

describe("a shop platform's failures are the one error family", () => {
  it.each([
    [undefined, "unavailable", true],
    [401, "authentication", false],
    [403, "authentication", false],
    [404, "notFound", false],
    [429, "rateLimited", true],
    [500, "unavailable", true],
    [400, "validation", false],
    [302, "unknown", false],
  ] as const)(
    "WooCommerce HTTP %s → %s, retryable %s, keyed in Danish and English",
    (status, kind, retryable) => {
      const error = wooErrorFromResponse({ status, message: "Invalid signature", what: "GET orders/1" });
      expect(error).toBeInstanceOf(SourceError);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ kind, retryable, provider: "woocommerce" });
      expect(error.message).toContain("GET orders/1");
      inBothLanguages(error);
    },
  );

  it("keeps the store's own code and the wait it asked for", () => {
    const limited = wooErrorFromResponse({ status: 429, retryAfter: "3", code: "too_many", what: "x" });
    expect(limited).toMatchObject({ retryAfterMs: 3000, providerCode: "too_many", httpStatus: 429 });
    const noRoute = wooErrorFromResponse({ status: 404, code: "rest_no_route", what: "x" });
    expect(noRoute.messageKey).toBe("sourceError.woocommerce.noRestApi");
  });

  it.each([
    ["authentication", "authentication", false],
    ["throttled", "rateLimited", true],
    ["maxCostExceeded", "validation", false],
    ["graphql", "unknown", false],
    ["unavailable", "unavailable", true],
    ["invalidResponse", "unknown", false],
    ["bulkOperation", "unknown", false],
  ] as const)("Shopify %s → %s", (failure: ShopifyAdminFailure, kind, retryable) => {
    const error = shopifyAdminError(failure, `Orders: ${failure}`, retryable, { retryAfterMs: 500 });
    expect(error).toMatchObject({ kind, retryable, provider: "shopify", retryAfterMs: 500 });
    expect(inBothLanguages(error).english).toContain("Shopify");
  });
});
