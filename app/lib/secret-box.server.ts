import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (ledger API keys, OAuth tokens, WooCommerce keys, per-store webhook secrets):
 * AES-256-GCM with a random 96-bit nonce per value. The stored form names the key it was sealed
 * with ("v1.<keyId>.<nonce>.<tag>.<ciphertext>", base64url), so keys can be rotated: configure
 * the new key as current and keep the old one for opening until every value is re-sealed.
 */

export interface SecretKey {
  /** Short, stable id stored with each sealed value. */
  id: string;
  key: Buffer;
}

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

export class SecretBox {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: SecretKey,
    previous: SecretKey[] = [],
  ) {
    for (const candidate of [current, ...previous]) {
      if (candidate.key.length !== 32) throw new SecretBoxError(`key ${candidate.id} must be 32 bytes`);
    }
    this.keys = new Map([current, ...previous].map((k) => [k.id, k.key]));
  }

  seal(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, nonce);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ["v1", this.current.id, b64(nonce), b64(tag), b64(ciphertext)].join(".");
  }

  open(sealed: string): string {
    const [version, keyId, nonce, tag, ciphertext] = sealed.split(".");
    if (version !== "v1" || !keyId || !nonce || !tag || ciphertext === undefined) {
      throw new SecretBoxError("not a sealed secret");
    }
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`sealed with unknown key ${keyId}; configure it as a previous key`);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new SecretBoxError("secret failed authentication (tampered, or the wrong key)");
    }
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split(".")[1] !== this.current.id;
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson(sealed: string): unknown {
    return JSON.parse(this.open(sealed)) as unknown;
  }
}

/** Key id derived from the key itself, so operators only ever handle the key. */
export function secretKeyFromBase64(base64: string): SecretKey {
  const key = Buffer.from(base64, "base64");
  return { id: createHash("sha256").update(key).digest("base64url").slice(0, 8), key };
}

function b64(buffer: Buffer): string {
  return buffer.toString("base64url");
}
