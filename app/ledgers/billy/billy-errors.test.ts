import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ledgerError } from "../http-failure";
import { LedgerError } from "../ledger-error";
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  billyHttpError,
  billyNetworkError,
  billyUnexpectedResponse,
} from "./billy-errors";

const errorBodies = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/billy/error-bodies.json", import.meta.url), "utf8"),
);
const context = { method: "POST", path: "/invoices", action: "create the invoice for Order #1001" };

function body(status: number, errorCode: string, errorMessage: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    meta: { statusCode: status, success: false },
    errorMessage,
    errorCode,
    helpUrl: "https://www.billy.dk/support/",
    ...extra,
  });
}

function translate(status: number, text: string, headers: Record<string, string> = {}) {
  return billyHttpError(status, text, new Headers(headers), context);
}

describe("billyHttpError", () => {
  it("turns the observed 401 body into a non-retryable authentication error", () => {
    const observed = errorBodies.observed.authenticationRequired;
    const error = translate(observed.status, JSON.stringify(observed.body));
    expect(error).toBeInstanceOf(LedgerError);
    expect(error.kind).toBe("authentication");
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe("AUTHENTICATION_REQUIRED");
    expect(error.httpStatus).toBe(401);
    expect(error.merchantMessage).toMatch(/access token/i);
    expect(error.merchantMessage).toMatch(/reconnect Billy/i);
  });

  it("treats an invalid token and a refused company as authentication", () => {
    expect(translate(401, body(401, "OAUTH_INVALID_ACCESS_TOKEN", "Invalid token")).kind).toBe(
      "authentication",
    );
    const forbidden = translate(403, body(403, "ACCESS_DENIED", "No access"));
    expect([forbidden.kind, forbidden.retryable]).toEqual(["authentication", false]);
    expect(forbidden.merchantMessage).toMatch(/company/);
  });

  it("turns a 422 with validationErrors into a validation error naming every problem", () => {
    const error = translate(
      422,
      body(422, "VALIDATION_ERROR", "contactId is required.", {
        validationErrors: {
          invoice: {
            message: "contactId is required.",
            attributes: { contactId: "contactId is required.", "lines.0.productId": "Unknown product p9." },
          },
        },
      }),
    );
    expect([error.kind, error.retryable]).toEqual(["validation", false]);
    expect(error.merchantMessage).toContain("contactId is required.");
    expect(error.merchantMessage).toContain("Unknown product p9.");
    // What we were doing is for the logs; the merchant reads the key's text with Billy's words.
    expect(error.message).toContain("create the invoice for Order #1001");
  });

  it("recognises a taken invoice number (and 409) as a conflict", () => {
    const taken = translate(
      422,
      body(422, "VALIDATION_ERROR", "x", {
        validationErrors: {
          invoice: {
            message: "x",
            attributes: { invoiceNo: "The invoice no. 7 is already in use by another invoice." },
          },
        },
      }),
    );
    expect([taken.kind, taken.retryable]).toEqual(["conflict", false]);
    expect(translate(409, body(409, "CONFLICT", "Conflict")).kind).toBe("conflict");
    expect(translate(422, body(422, "X", "Fakturanummeret er allerede brugt")).kind).toBe("conflict");
  });

  it("reads Retry-After in seconds or as a date on 429, with a default when absent", () => {
    const seconds = translate(429, body(429, "RATE_LIMIT_EXCEEDED", "Slow down"), { "retry-after": "3" });
    expect([seconds.kind, seconds.retryable, seconds.retryAfterMs]).toEqual(["rateLimited", true, 3000]);
    const date = translate(429, "", { "retry-after": new Date(Date.now() + 5000).toUTCString() });
    expect(date.retryAfterMs).toBeGreaterThan(3000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(5000);
    expect(translate(429, "").retryAfterMs).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it("makes 5xx (with or without a JSON body) unavailable and retryable", () => {
    for (const status of [500, 502, 503, 504]) {
      const error = translate(
        status,
        status === 502 ? "<html>Bad gateway</html>" : body(status, "SERVICE_UNAVAILABLE", "Down"),
      );
      expect([error.kind, error.retryable]).toEqual(["unavailable", true]);
    }
  });

  it("maps 400, 404 and anything else", () => {
    expect(
      translate(400, body(400, "INVALID_REQUEST_BODY", "Request body must be a JSON object.")).kind,
    ).toBe("validation");
    const missing = translate(404, body(404, "RECORD_NOT_FOUND", "No invoice with ID x was found."));
    expect(missing.kind).toBe("validation");
    expect(missing.merchantMessage).toMatch(/not found/);
    const odd = translate(418, "teapot");
    expect([odd.kind, odd.retryable]).toEqual(["unknown", false]);
  });

  it("never puts the request body or token into messages", () => {
    const error = translate(401, body(401, "OAUTH_INVALID_ACCESS_TOKEN", "bad"));
    expect(error.message).not.toMatch(/X-Access-Token/i);
    expect(error.message).toContain("POST /invoices");
  });
});

describe("billyNetworkError and friends", () => {
  it("makes timeouts and connection failures unavailable and retryable", () => {
    const timedOut = billyNetworkError(new DOMException("aborted", "AbortError"), {
      ...context,
      timedOut: true,
    });
    expect([timedOut.kind, timedOut.retryable]).toEqual(["unavailable", true]);
    expect(timedOut.merchantMessage).toMatch(/did not answer in time/);
    const reset = billyNetworkError(new TypeError("fetch failed"), { ...context, timedOut: false });
    expect([reset.kind, reset.retryable]).toEqual(["unavailable", true]);
    expect(reset.message).toContain("fetch failed");
  });

  it("reports an unreadable success body as unknown, and conflicts with the existing id", () => {
    expect(billyUnexpectedResponse(context, "missing invoices").kind).toBe("unknown");
    const conflict = ledgerError(
      "billy",
      "conflict",
      "ledgerError.billy.numberTaken",
      { number: 1 },
      {
        existingId: "inv-1",
      },
    );
    expect([conflict.kind, conflict.existingId, conflict.retryable]).toEqual(["conflict", "inv-1", false]);
  });
});
