import type { LedgerProviderId } from "../app/ledgers/ledger-contract";
import type { ShopSettingsInput } from "../app/settings/settings-schema";
import type { PaymentsAccount } from "../simulators/shopify/payments-account";
import type { ShopifyStore } from "../simulators/shopify/shopify-store";

/**
 * What the local demo runs inside the app process: a Shopify Admin simulator holding the demo
 * shop's orders, a WooCommerce simulator (a second, connected store) and one simulator per ledger. Plain data and closures only, so the web bundle
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
  /** The chart's accounts payouts book to (clearing is where Shopify Payments posts). */
  payoutAccounts: {
    clearing: string;
    bank: string;
    fees: string;
    disputes: string;
    reserves: string;
    adjustments: string;
  };
  /** An account's balance as the simulator's books hold it (minor units, debit positive). */
  accountBalance(account: string): number;
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
  /** The shop's Shopify Payments account: payouts the demo creates appear here. */
  payments: PaymentsAccount;
}

/** An order in the demo WooCommerce store, as the demo page lists it. */
export interface DemoWooOrder {
  /** WooCommerce's order id: what the store's jobs are keyed on. */
  id: string;
  number: string;
  status: string;
  customer: string;
  /** Incl. VAT, e.g. "299.00". */
  total: string;
  currency: string;
  /** ISO time (UTC). */
  createdAt: string;
  refunded: boolean;
}

/** The demo's WooCommerce simulator: a store the app is connected to like any other. */
export interface DemoWooCommerce {
  /** The store's URL (also its shop's domain in the app). */
  url: string;
  /** A Read/Write REST key of the store's manager: what the demo connected with. */
  credentials: { consumerKey: string; consumerSecret: string };
  /** The store's shop in the app, once connected (after the app listens: webhooks need its URL). */
  shopId: string | undefined;
  /** Why connecting the store failed, when it did. */
  connectError: string | undefined;
  /** The store's orders, newest first. */
  orders(): DemoWooOrder[];
  /**
   * Places a paid order; the store then delivers its signed `order.created` webhook to the app
   * by itself. Resolves once that delivery ran, with the app's answers (none: no webhook active).
   */
  createPaidOrder(now: Date): Promise<{ order: DemoWooOrder; responses: number[] }>;
}

export interface DemoEnvironment {
  /** Absent when SHOPIFY_ADMIN_BASE_URL was set explicitly (the demo then creates no orders). */
  shopify: DemoShopify | undefined;
  /** The WooCommerce simulator; absent when the demo was started without it. */
  woocommerce: DemoWooCommerce | undefined;
  ledgers: Partial<Record<LedgerProviderId, DemoLedger>>;
  /** Variables that point the app at the simulators started here (only those the user left unset). */
  baseUrls: Record<string, string>;
  /** Where the app itself listens, for the signed webhooks the demo sends; set once listening. */
  appUrl: string | undefined;
  close(): Promise<void>;
}
