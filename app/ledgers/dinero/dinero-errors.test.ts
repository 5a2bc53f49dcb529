import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dineroErrorFromNetwork, dineroErrorFromResponse } from "./dinero-errors";
import { dineroErrorFromTokenResponse } from "./dinero-token-errors";

const bodies = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/dinero/error-bodies.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

function failure(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: new Headers(headers),
    text: typeof body === "string" ? body : JSON.stringify(body),
  };
}

const translate = (status: number, body: unknown, headers?: Record<string, string>, sentGuid?: string) =>
  dineroErrorFromResponse(failure(status, body, headers), {
    operation: "test",
    ...(sentGuid ? { sentGuid } : {}),
  });

describe("dineroErrorFromResponse", () => {
  it("turns 401 and both 403 variants into non-retryable authentication errors with distinct advice", () => {
    const expired = translate(401, "");
    const noPro = translate(403, bodies.noPro);
    const noProLegacy = translate(403, bodies.noProLegacy);
    const noAccess = translate(403, bodies.noAccess);
    for (const error of [expired, noPro, noProLegacy, noAccess]) {
      expect(error.kind).toBe("authentication");
      expect(error.retryable).toBe(false);
    }
    expect(expired.merchantMessage).toMatch(/Reconnect Dinero/);
    expect(noPro.merchantMessage).toMatch(/Pro/);
    expect(noProLegacy.merchantMessage).toBe(noPro.merchantMessage);
    expect(noAccess.merchantMessage).toMatch(/no access to this organisation/);
    expect(noPro.providerCode).toBe("90");
  });

  it("reads Retry-After from a 429, falling back to Dinero's one minute", () => {
    const limited = translate(429, bodies.quotaExceededText, { "retry-after": "7" });
    expect(limited).toMatchObject({
      kind: "rateLimited",
      retryable: true,
      retryAfterMs: 7000,
      httpStatus: 429,
    });
    expect(translate(429, bodies.quotaExceededText).retryAfterMs).toBe(60_000);
  });

  it("recognises duplicates (409 / code 72 / guidMustBeUnique) as conflicts naming the existing id", () => {
    const duplicate = translate(409, bodies.duplicatedEntity, {}, "3a315ad3-ddcc-419d-9fc5-219280ae4816");
    expect(duplicate).toMatchObject({
      kind: "conflict",
      retryable: false,
      existingId: "3a315ad3-ddcc-419d-9fc5-219280ae4816",
      providerCode: "72",
    });
    const code72On400 = translate(400, bodies.duplicatedEntity, {}, "guid-1");
    expect(code72On400).toMatchObject({ kind: "conflict", existingId: "guid-1" });
    const contact = translate(400, bodies.contactGuidTaken, {}, "guid-2");
    expect(contact).toMatchObject({ kind: "conflict", existingId: "guid-2" });
  });

  it("treats a stale Timestamp and a taken invoice number as conflicts that are not retried blindly", () => {
    const stale = translate(400, bodies.timestampOutdated);
    expect(stale).toMatchObject({ kind: "conflict", providerCode: "58", retryable: false });
    const taken = translate(400, bodies.numberInUse);
    expect(taken).toMatchObject({ kind: "conflict", retryable: false });
    expect(taken.merchantMessage).toMatch(/invoice number is already used/);
  });

  it("reports validation errors with Dinero's own messages, whatever keys carry them", () => {
    const field = translate(400, bodies.fieldValidation);
    expect(field).toMatchObject({ kind: "validation", retryable: false, providerCode: "42" });
    expect(field.merchantMessage).toContain("ProductLines[0].AccountNumber: Account 4242 does not exist.");
    expect(translate(400, bodies.modelMissing).merchantMessage).toContain(
      "The following models are missing: model",
    );
    expect(translate(400, bodies.errorMessageListOnly).merchantMessage).toContain(
      "Date must be in the format YYYY-MM-DD",
    );
    expect(translate(400, bodies.pascalCase).merchantMessage).toContain("Date: Invalid date");
    expect(translate(400, bodies.voucherNotFound).merchantMessage).toMatch(/could not find/);
  });

  it("makes server errors and brownouts retryable; unknown statuses are not", () => {
    expect(translate(500, { message: "An error has occurred." })).toMatchObject({
      kind: "unavailable",
      retryable: true,
    });
    expect(translate(503, "Service Unavailable")).toMatchObject({ kind: "unavailable", retryable: true });
    expect(translate(480, "Brownout")).toMatchObject({ kind: "unavailable", retryable: true });
    expect(translate(418, "")).toMatchObject({ kind: "unknown", retryable: false });
  });
});

describe("dineroErrorFromTokenResponse", () => {
  it("explains a rejected API key, client and expired login differently", () => {
    const apiKey = dineroErrorFromTokenResponse(failure(400, { error: "invalid_grant" }), "apiKey");
    expect(apiKey).toMatchObject({ kind: "authentication", retryable: false, providerCode: "invalid_grant" });
    expect(apiKey.merchantMessage).toMatch(/API key/);
    expect(
      dineroErrorFromTokenResponse(failure(400, { error: "invalid_client" }), "apiKey").merchantMessage,
    ).toMatch(/client ID or client secret/);
    expect(
      dineroErrorFromTokenResponse(failure(400, { error: "invalid_grant" }), "refreshToken").merchantMessage,
    ).toMatch(/expired or was revoked/);
    expect(dineroErrorFromTokenResponse(failure(503, "down"), "refreshToken")).toMatchObject({
      kind: "unavailable",
      retryable: true,
    });
  });
});

describe("dineroErrorFromNetwork", () => {
  it("turns timeouts and connection resets into retryable unavailability", () => {
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    const network = dineroErrorFromNetwork(reset, {
      operation: "create invoice",
      timedOut: false,
      timeoutMs: 30_000,
    });
    expect(network).toMatchObject({ kind: "unavailable", retryable: true });
    expect(network.message).toContain("UND_ERR_SOCKET");
    const timeout = dineroErrorFromNetwork(new DOMException("aborted", "AbortError"), {
      operation: "book",
      timedOut: true,
      timeoutMs: 1500,
    });
    expect(timeout).toMatchObject({ kind: "unavailable", retryable: true });
    expect(timeout.message).toContain("1500 ms");
  });
});
