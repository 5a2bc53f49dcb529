import { DraftError } from "./draft-errors";
import type { DraftPayment } from "./invoice-draft";
import type { Transaction } from "./order";
import type { ShopSettings } from "../settings/settings-schema";

/** Gateways that redeem a gift card: the payment reduces the gift-card liability, not cash. */
const GIFT_CARD_GATEWAYS = new Set(["gift_card", "giftcard", "gift-card"]);

export function isGiftCardGateway(gateway: string): boolean {
  return GIFT_CARD_GATEWAYS.has(gateway.trim().toLowerCase());
}

/**
 * Shopify's store credit (gateway `shopify_store_credit`): a balance the customer holds with the
 * shop. Paying with it redeems, refunding to it issues, the same kind of liability as a gift card.
 */
const STORE_CREDIT_GATEWAYS = new Set(["shopify_store_credit", "store_credit", "store-credit"]);

export function isStoreCreditGateway(gateway: string): boolean {
  return STORE_CREDIT_GATEWAYS.has(gateway.trim().toLowerCase());
}

/** The ledger account a gateway's money lands in: the mapping, else gift-card liability or the default. */
export function depositAccountFor(gateway: string, settings: ShopSettings): string {
  const mapped = settings.payments.gateways[gateway];
  if (mapped) return mapped;
  const storeCredit = isStoreCreditGateway(gateway);
  if (isGiftCardGateway(gateway) || storeCredit) {
    const liability = settings.accounts.giftCardLiability;
    if (!liability) {
      throw new DraftError(
        "missingSetting",
        "accounts.giftCardLiability",
        storeCredit
          ? "store credit was paid or refunded; choose the gift-card liability account (it holds store credit too) in Settings"
          : "the order was paid with a gift card; choose the gift-card liability account in Settings",
        storeCredit ? "jobError.situation.storeCredit" : "jobError.situation.giftCardPaid",
      );
    }
    return liability;
  }
  return settings.payments.defaultDepositAccount;
}

/** Successful money movements of the given kinds, as draft payments. */
export function paymentsFromTransactions(
  transactions: readonly Transaction[],
  kinds: ReadonlySet<Transaction["kind"]>,
  settings: ShopSettings,
  fallbackDate: string,
): DraftPayment[] {
  return transactions
    .filter((t) => kinds.has(t.kind) && t.status === "success" && t.amount > 0)
    .map((t) => ({
      amount: t.amount,
      gateway: t.gateway,
      depositAccount: depositAccountFor(t.gateway, settings),
      date: isoDate(t.processedAt) ?? fallbackDate,
      reference: t.id,
    }));
}

/** "2025-03-03T10:20:00+01:00" → "2025-03-03": the date as the shop saw it, not shifted to UTC. */
export function isoDate(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(timestamp.trim());
  return match?.[1];
}
