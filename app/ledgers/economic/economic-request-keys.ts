import { createHash } from "node:crypto";

/**
 * Deterministic Idempotency-Key values: our external reference + the step + a digest of the
 * body. The same retry repeats the same key (e-conomic replays the first answer for an hour);
 * a corrected request gets a new key, so a cached answer never hides a fix.
 */
export function idempotencyKey(step: string, reference: string, body: unknown): string {
  const bodyDigest = digest(JSON.stringify(body ?? null)).slice(0, 16);
  const readable = /^[\w.:@/-]{1,120}$/.test(reference) ? reference : digest(reference).slice(0, 32);
  return `ledger-bridge:${step}:${readable}:${bodyDigest}`;
}

/** Escapes a value for e-conomic's filter syntax. `[`/`]` stay as they are (the `$[` escape does not work live). */
export function filterValue(value: string): string {
  return value.replace(/[$()*,]/g, (char) => `$${char}`);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
