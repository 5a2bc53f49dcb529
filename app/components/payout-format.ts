import { formatMinor, currency as currencyCode } from "../domain/money";
import { formatMoney } from "./format";

/** A payout amount in minor units, shown in the merchant's locale (exact decimal string first). */
export function formatPayoutAmount(minor: number, currency: string, locale: "en" | "da"): string {
  return formatMoney(formatMinor(minor, currencyCode(currency)), currency, locale);
}
