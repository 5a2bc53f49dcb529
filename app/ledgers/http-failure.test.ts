import { describe, expect, it } from "vitest";
import { billyHttpError, billyNetworkError } from "./billy/billy-errors";
import { dineroErrorFromNetwork, dineroErrorFromResponse } from "./dinero/dinero-errors";
import { translateDynaccountFailure, translateDynaccountNetworkError } from "./dynaccount/dynaccount-errors";
import { translateEconomicNetworkError, translateEconomicResponse } from "./economic/economic-errors";
import type { LedgerProviderId } from "./ledger-contract";
import type { LedgerError } from "./ledger-error";

/** Each ledger's own translator, fed the same bare HTTP answer. */
const translators: Record<LedgerProviderId, (status: number, retryAfter?: string) => LedgerError> = {
  dinero: (status, retryAfter) =>
    dineroErrorFromResponse(
      { status, headers: new Headers(retryAfter ? { "retry-after": retryAfter } : {}), text: "" },
      { operation: "test" },
    ),
  billy: (status, retryAfter) =>
    billyHttpError(status, "", new Headers(retryAfter ? { "retry-after": retryAfter } : {}), {
      method: "POST",
      path: "/invoices",
      action: "test",
    }),
  economic: (status, retryAfter) =>
    translateEconomicResponse({
      status,
      headers: new Headers(retryAfter ? { "retry-after": retryAfter } : {}),
      bodyText: "",
      operation: "test",
    }),
  dynaccount: (status, retryAfter) =>
    translateDynaccountFailure({
      status,
      body: "",
      operation: "test",
      ...(retryAfter ? { retryAfter } : {}),
    }),
};

const network: Record<LedgerProviderId, (error: unknown, timedOut: boolean) => LedgerError> = {
  dinero: (error, timedOut) => dineroErrorFromNetwork(error, { operation: "test", timedOut, timeoutMs: 900 }),
  billy: (error, timedOut) =>
    billyNetworkError(error, { method: "GET", path: "/x", action: "test", timedOut }),
  economic: (error, timedOut) =>
    translateEconomicNetworkError(error, { operation: "test", timedOut, timeoutMs: 900 }),
  dynaccount: (error, timedOut) =>
    translateDynaccountNetworkError(error, { operation: "test", timedOut, timeoutMs: 900 }),
};

const NAMES = { dinero: "Dinero", billy: "Billy", economic: "e-conomic", dynaccount: "Dynaccount" };

describe.each(Object.keys(translators) as LedgerProviderId[])(
  "%s through the shared HTTP translation",
  (p) => {
    const translate = translators[p];

    it("401 and 403 are rejected credentials, never retried, each with its ledger's own advice", () => {
      for (const status of [401, 403]) {
        const error = translate(status);
        expect(error).toMatchObject({
          kind: "authentication",
          retryable: false,
          provider: p,
          httpStatus: status,
        });
        expect(error.messageKey).toMatch(new RegExp(`^ledgerError\\.${p}\\.`));
        expect(error.merchantMessage).toContain(NAMES[p]);
      }
    });

    it("429 is rate-limited and retryable, waiting what Retry-After says", () => {
      expect(translate(429, "7")).toMatchObject({
        kind: "rateLimited",
        retryable: true,
        retryAfterMs: 7000,
        messageKey: "ledgerError.rateLimited",
        params: { ledger: NAMES[p] },
      });
      expect(translate(429).retryAfterMs).toBeGreaterThan(0);
    });

    it("5xx is unavailable and retryable", () => {
      for (const status of [500, 502, 503]) {
        expect(translate(status)).toMatchObject({
          kind: "unavailable",
          retryable: true,
          messageKey: "ledgerError.unavailable",
        });
      }
    });

    it("no answer at all is unavailable and retryable, in words for a timeout and for a lost connection", () => {
      const reset = network[p](new TypeError("fetch failed", { cause: new Error("socket hang up") }), false);
      expect(reset).toMatchObject({
        kind: "unavailable",
        retryable: true,
        messageKey: "ledgerError.network",
      });
      expect(reset.message).toContain("socket hang up");
      const slow = network[p](new DOMException("aborted", "AbortError"), true);
      expect(slow).toMatchObject({ kind: "unavailable", retryable: true, messageKey: "ledgerError.timeout" });
      expect(slow.messageIn("da")).toBe(
        `${NAMES[p]} svarede ikke i tide. Overførslen prøves automatisk igen.`,
      );
    });

    it("a refusal is not retried, and its Danish text carries no English and no unfilled parameter", () => {
      const refused = translate(400);
      expect(refused).toMatchObject({ kind: "validation", retryable: false });
      const danish = refused.messageIn("da");
      expect(danish).not.toMatch(/[{}]|ledgerError\.|refused|Check/);
      expect(danish).toContain("ingen detaljer oplyst");
    });
  },
);
