import {
  type CurrencyCode,
  currency as toCurrency,
  exponentOf,
  formatMinor,
  parseMinor,
} from "../../domain/money";
import { LedgerError } from "../ledger-error";
import { PROVIDER } from "./economic-errors";

/**
 * e-conomic takes and returns amounts as JSON numbers in major units with at most two decimals
 * (more fails with E04740). The conversion from our integer minor units happens only here.
 */
export function toEconomicAmount(minor: number, code: string): number {
  const currency = toCurrency(code);
  const text = formatMinor(minor, currency);
  if (exponentOf(currency) > 2 && !/\.\d{2}0*$/.test(text) && /\./.test(text)) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      detail: `${text} ${currency} needs more than two decimals`,
      merchantMessage: `e-conomic accepts at most two decimals, but the amount ${text} ${currency} has more. Round the price in the shop.`,
    });
  }
  return Number(text);
}

export function fromEconomicAmount(value: number, code: string): number {
  const currency: CurrencyCode = toCurrency(code);
  // Answers are plain 2-decimal numbers; toFixed removes binary noise before the exact parse.
  return parseMinor(value.toFixed(Math.min(2, exponentOf(currency))), currency);
}
