import { DraftError } from "./draft-errors";
import type { VatTreatment } from "./invoice-draft";
import type { ShopSettings } from "../settings/settings-schema";

/**
 * The account configured for an OSS or VOEC rate: a ledger that takes VAT from the account
 * (Dinero) needs one account per rate, or a 7 % line on the 19 % account books 19 %.
 */
export function ratedAccount(treatment: VatTreatment, rate: number | undefined, settings: ShopSettings) {
  if (rate === undefined || (treatment !== "oss" && treatment !== "voec")) return undefined;
  // "7", "7.0" and "7.00" are the same rate.
  const entry = Object.entries(settings.accounts.byRate[treatment]).find(
    ([percent]) => Math.round(Number(percent) * 100) === rate,
  );
  return entry?.[1];
}

/** The account a booked amount goes to, per VAT treatment (and rate); a missing one is a settings error. */
export function revenueAccount(treatment: VatTreatment, settings: ShopSettings, rate?: number): string {
  const rated = ratedAccount(treatment, rate, settings);
  if (rated) return rated;
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

export function shippingAccount(treatment: VatTreatment, settings: ShopSettings, rate?: number): string {
  return (
    ratedAccount(treatment, rate, settings) ??
    settings.accounts.shipping[treatment] ??
    revenueAccount(treatment, settings)
  );
}

export function discountAccount(treatment: VatTreatment, settings: ShopSettings, rate?: number): string {
  return (
    ratedAccount(treatment, rate, settings) ??
    settings.accounts.discounts[treatment] ??
    revenueAccount(treatment, settings)
  );
}

export function feeAccount(treatment: VatTreatment, settings: ShopSettings, rate?: number): string {
  return (
    ratedAccount(treatment, rate, settings) ??
    settings.accounts.fees[treatment] ??
    revenueAccount(treatment, settings)
  );
}

export function giftCardAccount(settings: ShopSettings): string {
  const account = settings.accounts.giftCardLiability;
  if (!account) {
    throw new DraftError(
      "missingSetting",
      "accounts.giftCardLiability",
      "the order sells a gift card; choose the gift-card liability account in Settings",
      "jobError.situation.giftCardSold",
    );
  }
  return account;
}

/** Tips: outside VAT, on their own account. */
export function tipAccount(settings: ShopSettings): string {
  return settings.accounts.tips;
}

/** Where refund adjustments of a treatment go; undefined = the account of what is credited. */
export function refundAdjustmentAccount(
  treatment: VatTreatment,
  settings: ShopSettings,
  rate?: number,
): string | undefined {
  return ratedAccount(treatment, rate, settings) ?? settings.accounts.refundAdjustments[treatment];
}
