import type { LedgerProviderId } from "../ledgers/ledger-contract";
import type { ShopSettingsInput } from "../settings/settings-schema";
import type { ShopifyStore } from "../sources/shopify/simulator/shopify-store";

/**
 * What the local demo runs inside the app process: a Shopify Admin simulator holding the demo
 * shop's orders and one simulator per ledger. Plain data and closures only, so the web bundle
 * (a second copy of app/ in the same process) can use the object the server started without
 * importing any simulator code itself.
 */

/** A document as the connected ledger simulator holds it, for the demo's Ledger panel. */
export interface DemoLedgerDocument {
  kind: "invoice" | "creditNote";
  /** The ledger's own number; null while a draft. */
  number: string | null;
  customer: string | null;
  /** Gross total in minor units (positive for credit notes too). */
  totalMinor: number;
  currency: string;
  booked: boolean;
  /** A payment (for a credit note: a refund) is registered against it. */
  paid: boolean;
  /** Our reference on the document (order or refund id), as the adapter stored it. */
  externalReference: string;
}

export interface DemoLedger {
  provider: LedgerProviderId;
  /** The simulator's base URL (what *_API_BASE_URL points at). */
  url: string;
  /** The keys the simulator accepts: what a connection stores, and what the page shows to paste. */
  credentials: Record<string, string>;
  organisationId?: string;
  organisationName: string;
  /** Settings that book to accounts in the simulator's seeded chart (no gift-card account on purpose). */
  settings: ShopSettingsInput;
  /** The simulator's liability account for sold gift cards: the fix for the demo's failing order. */
  giftCardLiabilityAccount: string;
  documents(): DemoLedgerDocument[];
  close(): Promise<void>;
}

export interface DemoShopify {
  url: string;
  store: ShopifyStore;
  /** Orders whose webhooks were held back: "the webhook that never arrived". */
  withheld: Set<string>;
}

export interface DemoEnvironment {
  /** Absent when SHOPIFY_ADMIN_BASE_URL was set explicitly (the demo then creates no orders). */
  shopify: DemoShopify | undefined;
  ledgers: Partial<Record<LedgerProviderId, DemoLedger>>;
  /** Variables that point the app at the simulators started here (only those the user left unset). */
  baseUrls: Record<string, string>;
  /** Where the app itself listens, for the signed webhooks the demo sends; set once listening. */
  appUrl: string | undefined;
  close(): Promise<void>;
}
