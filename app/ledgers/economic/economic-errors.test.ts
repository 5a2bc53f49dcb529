import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseEconomicErrorBody } from "./economic-error-body";
import { translateEconomicNetworkError, translateEconomicResponse } from "./economic-errors";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/economic/responses/${name}`, import.meta.url), "utf8");

function translate(status: number, bodyText: string, headers: Record<string, string> = {}) {
  return translateEconomicResponse({
    status,
    headers: new Headers(headers),
    bodyText,
    operation: "create the invoice",
  });
}

describe("e-conomic error translation", () => {
  it("flattens the documented annotated validation error, array indexes included", () => {
    const parsed = parseEconomicErrorBody(fixture("validation-error.json"));
    expect(parsed.logId).toBe("c7ca5bc2-ad2d-4639-93f9-b22ba88c97d7");
    expect(parsed.fieldErrors.map((error) => [error.path, error.errorCode])).toEqual([
      ["currency", "E06000"],
      ["customer", "E06000"],
      ["lines[0].unit", "E06000"],
      ["lines[0].unitNetPrice", "E04740"],
      ["lines[1].product", "E04500"],
      ["quantity", "E04730"],
    ]);
    expect(parsed.fieldErrors[3]?.value).toBe(10.12345);
  });

  it("turns a 400 validation error into a non-retryable validation error naming the fields", () => {
    const error = translate(400, fixture("validation-error.json"));
    expect(error.kind).toBe("validation");
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(400);
    expect(error.providerCode).toBe("E06000");
    expect(error.merchantMessage).toContain("currency: currency does not exist.");
    expect(error.merchantMessage).toContain("(+3 more)");
    expect(error.message).toContain("logId c7ca5bc2");
  });

  it("reads the filter error's plain string list", () => {
    const error = translate(400, fixture("filter-error.json"));
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toContain("Filtering is not allowed on property 'bogusProp'.");
  });

  it("maps 401 and 403 to authentication, never retryable, with a reconnect instruction", () => {
    for (const status of [401, 403]) {
      const error = translate(
        status,
        JSON.stringify({ message: "Unauthorized", httpStatusCode: status, logId: "x" }),
      );
      expect(error.kind).toBe("authentication");
      expect(error.retryable).toBe(false);
      expect(error.merchantMessage).toMatch(/Reconnect e-conomic in Settings/);
    }
  });

  it("maps 429 to rateLimited, from Retry-After or else from the X-RateLimiting window", () => {
    const withHeader = translate(429, "{}", { "Retry-After": "7" });
    expect(withHeader.kind).toBe("rateLimited");
    expect(withHeader.retryable).toBe(true);
    expect(withHeader.retryAfterMs).toBe(7000);
    const fromWindow = translate(429, "", {
      "X-RateLimiting": "token-limit-10000-per-60-seconds: 10000/10000",
    });
    expect(fromWindow.retryAfterMs).toBe(60_000);
  });

  it("maps 500/502/503/504 to unavailable (retryable) and 501 to unknown", () => {
    for (const status of [500, 502, 503, 504]) {
      const error = translate(status, "<html>Bad gateway</html>");
      expect([error.kind, error.retryable]).toEqual(["unavailable", true]);
    }
    expect(translate(501, JSON.stringify({ message: "Not implemented." })).kind).toBe("unknown");
  });

  it("recognises 'already exists' as a conflict and names the existing record", () => {
    const body = JSON.stringify({
      message: "Validation error.",
      errors: {
        bookWithNumber: {
          errors: [{ message: "An invoice with number 770001 already exists.", value: 770001 }],
        },
      },
    });
    const error = translate(400, body);
    expect(error.kind).toBe("conflict");
    expect(error.retryable).toBe(false);
    expect(error.existingId).toBe("770001");
  });

  it("reads the OpenAPI services' problem+json, including 409 UpdateConflict", () => {
    const error = translate(409, fixture("problem-conflict.json"));
    expect(error.kind).toBe("conflict");
    expect(error.providerCode).toBe("UpdateConflict");
    expect(error.message).toContain("objectVersion: The objectVersion is outdated.");
    const invalid = translate(
      400,
      JSON.stringify({
        title: "Bad",
        traceId: "t",
        errors: [{ message: "required", property: "customerNumber" }],
      }),
    );
    expect(invalid.kind).toBe("validation");
    expect(invalid.merchantMessage).toContain("customerNumber: required");
  });

  it("keeps a non-JSON body as the message instead of failing", () => {
    const error = translate(404, "Not Found");
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toContain("Not Found");
  });

  it("treats network failures and timeouts as unavailable and retryable", () => {
    const reset = translateEconomicNetworkError(
      new TypeError("fetch failed", { cause: new Error("socket hang up") }),
      {
        operation: "book the invoice",
        timedOut: false,
        timeoutMs: 1000,
      },
    );
    expect([reset.kind, reset.retryable]).toEqual(["unavailable", true]);
    expect(reset.message).toContain("socket hang up");
    const slow = translateEconomicNetworkError(new DOMException("aborted", "AbortError"), {
      operation: "book the invoice",
      timedOut: true,
      timeoutMs: 1000,
    });
    expect(slow.kind).toBe("unavailable");
    expect(slow.merchantMessage).toContain("did not answer in time");
  });
});
