import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../config/env.server";
import { SecretBox, secretKeyFromBase64 } from "./secret-box.server";

declare global {
  var ledgerBridgeSecretBox: SecretBox | undefined;
}

/**
 * The process's SecretBox. With ENCRYPTION_KEY unset (only possible in local mode) a key is
 * generated once into data/secret.key, so the demo still never stores a secret in plain text.
 */
export function secretBox(): SecretBox {
  globalThis.ledgerBridgeSecretBox ??= createSecretBox();
  return globalThis.ledgerBridgeSecretBox;
}

function createSecretBox(): SecretBox {
  const config = env();
  const previous = (config.ENCRYPTION_KEY_PREVIOUS ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter(Boolean)
    .map(secretKeyFromBase64);
  return new SecretBox(secretKeyFromBase64(config.ENCRYPTION_KEY ?? localKey()), previous);
}

function localKey(): string {
  const file = path.resolve("data/secret.key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString("base64");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
