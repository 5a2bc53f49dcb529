import type { CurrencyCode } from "../../domain/money";
import { formatMinor } from "../../domain/money";
import { fromLedgerAmount, toLedgerAmount } from "../ledger-amounts";

/** Dinero speaks decimal numbers in major units (JSON doubles such as 318.75); see ledger-amounts.ts. */
export const toDineroAmount = (minor: number, currency: CurrencyCode): number =>
  toLedgerAmount("dinero", minor, currency);

export const fromDineroAmount = (value: number, currency: CurrencyCode): number =>
  fromLedgerAmount("dinero", value, currency);

/** Major-unit display for merchant messages: "1,234.50 DKK". */
export function describeAmount(minor: number, currency: CurrencyCode): string {
  const [whole = "0", fraction] = formatMinor(minor, currency).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}${fraction ? `.${fraction}` : ""} ${currency}`;
}
