import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox, SecretBoxError, secretKeyFromBase64 } from "./secret-box.server";

const keyA = secretKeyFromBase64(randomBytes(32).toString("base64"));
const keyB = secretKeyFromBase64(randomBytes(32).toString("base64"));

describe("SecretBox (AES-256-GCM at rest)", () => {
  it("round-trips a secret and never stores the plaintext", () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal("dinero-api-key-123");
    expect(sealed).not.toContain("dinero-api-key-123");
    expect(box.open(sealed)).toBe("dinero-api-key-123");
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("detects tampering", () => {
    const box = new SecretBox(keyA);
    const parts = box.seal("secret").split(".");
    const ciphertext = Buffer.from(parts[4] ?? "", "base64url");
    ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow(SecretBoxError);
  });

  it("rotates: old values open with the previous key and are flagged for re-sealing", () => {
    const old = new SecretBox(keyA).sealJson({ apiKey: "k1" });
    const rotated = new SecretBox(keyB, [keyA]);
    expect(rotated.openJson(old)).toEqual({ apiKey: "k1" });
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.needsRotation(rotated.seal("x"))).toBe(false);
    expect(() => new SecretBox(keyB).open(old)).toThrow(/unknown key/);
  });
});
