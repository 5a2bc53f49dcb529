import { DraftError } from "../domain/draft-errors";
import { currency, parseMinor, type CurrencyCode } from "../domain/money";

/** A source currency code → CurrencyCode, or a DraftError naming the field. */
export function sourceCurrency(code: string | null | undefined, field: string): CurrencyCode {
  if (!code) throw new DraftError("unknownCurrency", field, "the currency is missing");
  try {
    return currency(code);
  } catch {
    throw new DraftError(
      "unknownCurrency",
      field,
      `unknown currency "${code}": expected an ISO 4217 code such as DKK, EUR or SEK`,
    );
  }
}

/** A decimal amount from a payload → minor units, or a DraftError naming the field. */
export function sourceAmount(
  value: string | number | null | undefined,
  code: CurrencyCode,
  field: string,
): number {
  if (value === null || value === undefined || value === "") {
    throw new DraftError("invalidInput", field, "the amount is missing");
  }
  try {
    return parseMinor(value, code);
  } catch (error) {
    throw new DraftError("invalidInput", field, error instanceof Error ? error.message : String(error));
  }
}
