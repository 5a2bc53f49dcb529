import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dynaccountHash } from "./dynaccount-signature";

const vector = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/dynaccount/signature-vector.json", import.meta.url), "utf8"),
) as { url: string; body: string; apiSecret: string; expectedHash: string };

describe("dynaccountHash", () => {
  it("matches the vector computed independently with sha1sum", () => {
    expect(dynaccountHash(vector.url, vector.body, vector.apiSecret)).toBe(vector.expectedHash);
  });

  it("ignores the scheme but covers host, path, query, body and secret", () => {
    const base = dynaccountHash(vector.url, vector.body, vector.apiSecret);
    expect(dynaccountHash(vector.url.replace("https://", "http://"), vector.body, vector.apiSecret)).toBe(
      base,
    );
    expect(dynaccountHash(vector.url.replace("api.", "api2."), vector.body, vector.apiSecret)).not.toBe(base);
    expect(dynaccountHash(`${vector.url}?a=1`, vector.body, vector.apiSecret)).not.toBe(base);
    expect(dynaccountHash(vector.url, `${vector.body}x`, vector.apiSecret)).not.toBe(base);
    expect(dynaccountHash(vector.url, vector.body, vector.apiSecret.replace("f", "e"))).not.toBe(base);
  });
});
