import { describe, expect, it } from "vitest";
import { credentialsFromFields } from "./ledger-credentials";

describe("credentials from the key fields", () => {
  it("keeps the registry's fields, trimmed, and drops empty optional ones", () => {
    expect(
      credentialsFromFields("billy", { accessToken: "  tok-123 ", organizationId: "", other: "x" }),
    ).toEqual({
      ok: true,
      credentials: { accessToken: "tok-123" },
    });
  });

  it("marks Dinero's key fields as a personal integration", () => {
    expect(credentialsFromFields("dinero", { clientId: "c", clientSecret: "s", apiKey: "k" })).toEqual({
      ok: true,
      credentials: { kind: "apiKey", clientId: "c", clientSecret: "s", apiKey: "k" },
    });
  });

  it("says which fields are missing and which break the ledger's rules", () => {
    const result = credentialsFromFields("dynaccount", { apiId: "12", apiKey: "short" });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: "apiKey",
          kind: "invalid",
          message: "API key must be the 40-character key shown in Dynaccount",
        },
        { field: "apiSecret", kind: "required", message: "Required" },
      ],
    });
  });
});
