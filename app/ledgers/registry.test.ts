import { describe, expect, it } from "vitest";
import { parseEnv } from "../config/env.server";
import { LedgerError } from "./ledger-error";
import { LEDGER_PROVIDER_IDS, LEDGER_PROVIDERS, ledgerProviderList } from "./registry";

describe("ledger registry", () => {
  it("registers the four ledgers with display metadata and the credential fields each needs", () => {
    expect(ledgerProviderList().map((meta) => meta.displayName)).toEqual([
      "Dinero",
      "Billy",
      "e-conomic",
      "Dynaccount",
    ]);
    for (const id of LEDGER_PROVIDER_IDS) {
      const { meta, credentialsSchema } = LEDGER_PROVIDERS[id];
      expect(meta.id).toBe(id);
      expect(meta.requirements.length).toBeGreaterThan(40);
      expect(meta.credentialFields.some((field) => field.secret)).toBe(true);
      // An empty form never validates: every ledger needs at least one key.
      expect(credentialsSchema.safeParse({}).success).toBe(false);
    }
  });

  it("takes every ledger's hosts from configuration, so a simulator can stand in", () => {
    const config = parseEnv({
      DINERO_API_BASE_URL: "http://127.0.0.1:9001",
      DINERO_AUTH_BASE_URL: "http://127.0.0.1:9002",
      BILLY_API_BASE_URL: "http://127.0.0.1:9003/v2",
      ECONOMIC_API_BASE_URL: "http://127.0.0.1:9004",
      DYNACCOUNT_API_BASE_URL: "http://127.0.0.1:9005",
    });
    expect(LEDGER_PROVIDERS.dinero.endpoints(config)).toEqual({
      apiBaseUrl: "http://127.0.0.1:9001",
      authBaseUrl: "http://127.0.0.1:9002",
    });
    expect(LEDGER_PROVIDERS.billy.endpoints(config).apiBaseUrl).toBe("http://127.0.0.1:9003/v2");
    expect(LEDGER_PROVIDERS.economic.endpoints(config).apiBaseUrl).toBe("http://127.0.0.1:9004");
    expect(LEDGER_PROVIDERS.dynaccount.endpoints(config).apiBaseUrl).toBe("http://127.0.0.1:9005");
    const defaults = parseEnv({});
    expect(LEDGER_PROVIDERS.dinero.endpoints(defaults).apiBaseUrl).toBe("https://api.dinero.dk");
  });

  it("keeps each connection's shared budget under the ledger's own limit", () => {
    expect(LEDGER_PROVIDERS.dinero.rateLimit.perMinute).toBeLessThan(100);
  });

  it("parses stored credentials with the ledger's own schema before any adapter is built", () => {
    const keys = {
      dinero: "ledgerError.connectionIncomplete",
      billy: "ledgerError.billy.connectionIncomplete",
      economic: "ledgerError.connectionIncomplete",
      dynaccount: "ledgerError.connectionIncomplete",
    } as const;
    for (const id of LEDGER_PROVIDER_IDS) {
      let thrown: unknown;
      try {
        LEDGER_PROVIDERS[id].create(
          { credentials: { unrelated: "value" }, endpoints: { apiBaseUrl: "http://127.0.0.1:1" } },
          { emailInvoices: false },
        );
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(LedgerError);
      expect(thrown).toMatchObject({ provider: id, kind: "authentication", messageKey: keys[id] });
    }
  });
});
