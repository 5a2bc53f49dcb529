import type { NestedText } from "../i18n/audit-text";
/**
 * Who pressed Retry or "Mark as handled manually": written into the audit log, so a bookkeeper
 * can later see which person decided that an order was booked outside Ledger Bridge.
 */
export type MerchantActor =
  /** A Shopify staff member; the user id is the session token's `sub`, when the request had one. */
  | { kind: "shopifyStaff"; userId: string | null }
  /** Whoever opened the app from the WooCommerce store's admin (WordPress signs the link). */
  | { kind: "wooAdmin"; store: string }
  /** An operator on the command line, by OS user name. */
  | { kind: "cli"; osUser: string }
  /** The local demo's single pretend merchant. */
  | { kind: "localDemo" };

/** The audit log's words for the actor (audit entries are kept in English, as the engine's are). */
export function actorLabel(actor: MerchantActor): string {
  switch (actor.kind) {
    case "shopifyStaff":
      return actor.userId ? `Shopify staff user ${actor.userId}` : "a Shopify staff user";
    case "wooAdmin":
      return `the WooCommerce store admin of ${actor.store}`;
    case "cli":
      return `CLI: ${actor.osUser}`;
    case "localDemo":
      return "the local demo merchant";
  }
}

/** Who acted, as a keyed text, so the order page names them in the merchant's language. */
export function actorText(actor: MerchantActor): NestedText {
  const fallback = actorLabel(actor);
  switch (actor.kind) {
    case "shopifyStaff":
      return actor.userId
        ? { key: "actor.shopifyStaff", params: { userId: actor.userId }, fallback }
        : { key: "actor.shopifyStaffUnknown", fallback };
    case "wooAdmin":
      return { key: "actor.wooAdmin", params: { store: actor.store }, fallback };
    case "cli":
      return { key: "actor.cli", params: { osUser: actor.osUser }, fallback };
    case "localDemo":
      return { key: "actor.localDemo", fallback };
  }
}
