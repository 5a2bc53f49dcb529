import { DraftError } from "./draft-errors";
import type { VatTreatment } from "./invoice-draft";
import type { ShopSettings } from "../settings/settings-schema";

/** The account a booked amount goes to, per VAT treatment; a missing one is a settings error. */
export function revenueAccount(treatment: VatTreatment, settings: ShopSettings): string {
  const account = settings.accounts.revenue[treatment];
  if (!account) {
    throw new DraftError(
      "missingSetting",
      `accounts.revenue.${treatment}`,
      `choose the revenue account for ${treatment} sales in Settings`,
    );
  }
  return account;
}

export function shippingAccount(treatment: VatTreatment, settings: ShopSettings): string {
  return settings.accounts.shipping[treatment] ?? revenueAccount(treatment, settings);
}

export function discountAccount(treatment: VatTreatment, settings: ShopSettings): string {
  return settings.accounts.discounts[treatment] ?? revenueAccount(treatment, settings);
}

export function giftCardAccount(settings: ShopSettings): string {
  const account = settings.accounts.giftCardLiability;
  if (!account) {
    throw new DraftError(
      "missingSetting",
      "accounts.giftCardLiability",
      "the order sells a gift card; choose the gift-card liability account in Settings",
    );
  }
  return account;
}

/** Where refund adjustments of a treatment go; undefined = the account of what is credited. */
export function refundAdjustmentAccount(treatment: VatTreatment, settings: ShopSettings): string | undefined {
  return settings.accounts.refundAdjustments[treatment];
}
