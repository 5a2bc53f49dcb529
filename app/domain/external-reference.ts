import type { SourcePlatform } from "./order";

/**
 * Deterministic references written to the ledger so a retry finds the document it already
 * created instead of booking it twice.
 *
 *   invoice:     lb-<sh|wc>-<shop>-<order id>     e.g. lb-sh-1x9k2pq-450789469
 *   credit note: lb-<sh|wc>-<shop>-r<refund id>   e.g. lb-sh-1x9k2pq-r509562969
 *
 * <shop> is a 7-character base-36 FNV-1a hash of the shop domain (two shops may share order
 * ids), <order id> the numeric tail of the Shopify GID or the WooCommerce id. The result stays
 * within 40 characters even for 20-digit ids, which fits e-conomic's `externalId` (≤ 50), Dinero's
 * `ExternalReference` (≤ 128) and Billy's invoice number fields.
 */
export function invoiceReference(source: SourcePlatform, shop: string, orderId: string): string {
  return `lb-${platformCode(source)}-${shopKey(shop)}-${shortId(orderId)}`;
}

export function creditNoteReference(source: SourcePlatform, shop: string, refundId: string): string {
  return `lb-${platformCode(source)}-${shopKey(shop)}-r${shortId(refundId)}`;
}

function platformCode(source: SourcePlatform): string {
  return source === "shopify" ? "sh" : "wc";
}

/** "gid://shopify/Order/450789469" → "450789469"; anything else keeps its letters and digits. */
export function shortId(id: string): string {
  const tail = id.slice(id.lastIndexOf("/") + 1).replace(/[^A-Za-z0-9]/g, "");
  if (!tail) throw new RangeError(`Cannot derive a reference from id "${id}"`);
  return tail.slice(-24);
}

export function shopKey(shop: string): string {
  let hash = 0x811c9dc5;
  for (const char of shop.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, "0");
}
