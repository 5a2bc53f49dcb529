import { createHash } from "node:crypto";

/**
 * Dinero lets the caller choose the Guid of contacts, invoices and credit notes. Deriving it from
 * the organisation and our own reference (UUID v5) makes a retried create collide with the first
 * attempt instead of producing a second document.
 */

/** Fixed namespace for Ledger Bridge's Dinero ids (a random v4, never to change). */
const NAMESPACE = "6f1c8a52-1d4e-4b7a-9a31-2f0d5c7e9b14";

export function dineroGuid(
  organisationId: string,
  kind: "contact" | "invoice" | "creditNote",
  reference: string,
): string {
  const namespace = Buffer.from(NAMESPACE.replace(/-/g, ""), "hex");
  const hash = createHash("sha1")
    .update(namespace)
    .update(`${organisationId}:${kind}:${reference}`, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
