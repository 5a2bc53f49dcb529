import { describe, expect, it } from "vitest";
import { flattenDynaccountErrors } from "./dynaccount-error-body";
import { translateDynaccountFailure, translateDynaccountNetworkError } from "./dynaccount-errors";

const operation = "create the invoice for Order #1001 in Dynaccount";

describe("translateDynaccountFailure", () => {
  it.each([
    [401, { error: { hash: "Invalid hash" } }],
    [401, { error: { api_key: "Invalid API key" } }],
    [403, { error: "Forbidden" }],
    // Public sources document no status codes, so an auth field on a 200 still counts.
    [200, { error: { api_id: "Unknown API ID" } }],
  ])("HTTP %i %j → authentication, not retryable", (status, body) => {
    const error = translateDynaccountFailure({ status, body, operation });
    expect(error.kind).toBe("authentication");
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(status);
    expect(error.merchantMessage).toMatch(/Administration > Virksomheder/);
    expect(error.merchantMessage).toMatch(/reconnect Dynaccount in Settings/);
  });

  it("field errors → validation naming the fields, not retryable", () => {
    const error = translateDynaccountFailure({
      status: 400,
      body: { error: { module_id_: "Required", name: "Required" } },
      operation,
    });
    expect(error.kind).toBe("validation");
    expect(error.retryable).toBe(false);
    // The catalogue's text with Dynaccount's own words; what we were doing stays in the log detail.
    expect(error.merchantMessage).toBe(
      "Dynaccount refused the data: module_id_: Required; name: Required. Correct it in the order, in Dynaccount or in the Dynaccount settings in Ledger Bridge, then retry the transfer.",
    );
    expect(error.messageIn("da")).toBe(
      "Dynaccount afviste dataene: module_id_: Required; name: Required. Ret det i ordren, i Dynaccount eller i indstillingerne for Dynaccount i Ledger Bridge, og prøv så overførslen igen.",
    );
    expect(error.message).toContain("create the invoice for Order #1001 in Dynaccount");
  });

  it("bulk insert errors keep the line number", () => {
    const body = {
      error: { "2": { product_id_: "Product X does not exist" }, "4": ["qty: Invalid quantity"] },
    };
    const error = translateDynaccountFailure({ status: 400, body, operation });
    expect(error.kind).toBe("validation");
    expect(error.message).toContain("2.product_id_: Product X does not exist");
    expect(error.message).toContain("4: qty: Invalid quantity");
  });

  it("an error body on HTTP 200 is still a failure", () => {
    expect(
      translateDynaccountFailure({ status: 200, body: { error: { price: "Invalid amount" } }, operation })
        .kind,
    ).toBe("validation");
  });

  it("'already exists' → conflict with the existing id when known", () => {
    const error = translateDynaccountFailure({
      status: 400,
      body: { error: { module_id_: "1042 already exists (id 7)" } },
      operation,
      existingId: "1042",
    });
    expect(error.kind).toBe("conflict");
    expect(error.retryable).toBe(false);
    expect(error.existingId).toBe("1042");
    expect(translateDynaccountFailure({ status: 409, body: {}, operation }).kind).toBe("conflict");
    expect(
      translateDynaccountFailure({
        status: 400,
        body: { error: { order_id: "Order 5001 is already invoiced" } },
        operation,
      }).kind,
    ).toBe("conflict");
  });

  it("429 → rateLimited with Retry-After in ms (seconds or HTTP date), default 1 s", () => {
    const seconds = translateDynaccountFailure({
      status: 429,
      body: { error: { rate_limit: "Too many" } },
      retryAfter: "7",
      operation,
    });
    expect(seconds).toMatchObject({ kind: "rateLimited", retryable: true, retryAfterMs: 7000 });
    const date = new Date(Date.now() + 3_000).toUTCString();
    const dated = translateDynaccountFailure({ status: 429, body: undefined, retryAfter: date, operation });
    expect(dated.retryAfterMs).toBeGreaterThan(0);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(3_000);
    expect(translateDynaccountFailure({ status: 429, body: "slow down", operation }).retryAfterMs).toBe(1000);
  });

  it.each([500, 502, 503, 504])("HTTP %i → unavailable, retryable, even with an HTML body", (status) => {
    const error = translateDynaccountFailure({ status, body: "<html>Bad gateway</html>", operation });
    expect(error.kind).toBe("unavailable");
    expect(error.retryable).toBe(true);
  });

  it("an unknown endpoint is a programming error; a missing record is validation", () => {
    expect(
      translateDynaccountFailure({
        status: 404,
        body: { error: { path: "Unknown API endpoint" } },
        operation,
      }).kind,
    ).toBe("unknown");
    const missing = translateDynaccountFailure({
      status: 404,
      body: { error: { id: "No debtor with id 9" } },
      operation,
    });
    expect(missing.kind).toBe("validation");
  });

  it("an unexpected status without error body → unknown, not retryable", () => {
    const error = translateDynaccountFailure({ status: 418, body: "teapot", operation });
    expect(error.kind).toBe("unknown");
    expect(error.retryable).toBe(false);
  });
});

describe("translateDynaccountNetworkError", () => {
  it("our timeout → unavailable, retryable, saying how long we waited", () => {
    const error = translateDynaccountNetworkError(new DOMException("aborted", "AbortError"), {
      operation,
      timedOut: true,
      timeoutMs: 1500,
    });
    expect(error).toMatchObject({ kind: "unavailable", retryable: true });
    expect(error.message).toContain("1500 ms");
  });

  it("a reset connection → unavailable, retryable, with the cause in the detail", () => {
    const reset = new TypeError("fetch failed", { cause: new Error("other side closed") });
    const error = translateDynaccountNetworkError(reset, { operation, timedOut: false, timeoutMs: 1500 });
    expect(error).toMatchObject({ kind: "unavailable", retryable: true });
    expect(error.message).toContain("other side closed");
  });
});

describe("flattenDynaccountErrors", () => {
  it("flattens strings, arrays and nested objects into field paths", () => {
    expect(flattenDynaccountErrors({ a: "x", b: ["y", "z"], c: { d: "w" } })).toEqual([
      { field: "a", message: "x" },
      { field: "b", message: "y" },
      { field: "b", message: "z" },
      { field: "c.d", message: "w" },
    ]);
    expect(flattenDynaccountErrors("plain")).toEqual([{ field: "error", message: "plain" }]);
  });
});
