import { describe, expect, it } from "vitest";
import { dynaccountCredentialsSchema, dynaccountMeta } from "./dynaccount-credentials";

const valid = {
  apiId: " 12345 ",
  apiKey: "A".repeat(40),
  apiSecret: "0123456789abcdef0123456789abcdef01234567",
};

describe("dynaccountCredentialsSchema", () => {
  it("accepts the three values from Administration > Virksomheder, trimmed", () => {
    expect(dynaccountCredentialsSchema.parse(valid)).toEqual({ ...valid, apiId: "12345" });
  });

  it.each([
    ["a non-numeric API ID", { apiId: "abc" }],
    ["a short API key", { apiKey: "abc" }],
    ["a non-hex secret", { apiSecret: "z".repeat(40) }],
    ["an unknown field", { password: "x" }],
  ])("rejects %s", (_label, change) => {
    expect(dynaccountCredentialsSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it("describes every credential field the schema has, secrets marked", () => {
    const keys = Object.keys(dynaccountCredentialsSchema.shape).sort();
    expect(dynaccountMeta.credentialFields.map((field) => field.key).sort()).toEqual(keys);
    const secrets = dynaccountMeta.credentialFields.filter((field) => field.secret).map((field) => field.key);
    expect(secrets).toEqual(["apiKey", "apiSecret"]);
  });
});
