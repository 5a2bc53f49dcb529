import { DraftError } from "./draft-errors";
import type { DraftPayment } from "./invoice-draft";
import type { Transaction } from "./order";
import type { ShopSettings } from "../settings/settings-schema";

/** Gateways that redeem a gift card: the payment reduces the gift-card liability, not cash. */
const GIFT_CARD_GATEWAYS = new Set(["gift_card", "giftcard", "gift-card"]);

export function isGiftCardGateway(gateway: string): boolean {
  return GIFT_CARD_GATEWAYS.has(gateway.trim().toLowerCase());
}

/** The ledger account a gateway's money lands in: the mapping, else gift-card liability or the default. */
export function depositAccountFor(gateway: string, settings: ShopSettings): string {
  const mapped = settings.payments.gateways[gateway];
  if (mapped) return mapped;
  if (isGiftCardGateway(gateway)) {
    const liability = settings.accounts.giftCardLiability;
    if (!liability) {
      throw new DraftError(
        "missingSetting",
        "accounts.giftCardLiability",
        "the order was paid with a gift card; choose the gift-card liability account in Settings",
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
