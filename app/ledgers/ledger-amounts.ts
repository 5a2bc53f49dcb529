import type { CurrencyCode } from "../domain/money";
import { currency as toCurrency, exponentOf, formatMinor, parseMinor } from "../domain/money";
import type { LedgerProviderId } from "./ledger-contract";
import { ledgerError } from "./http-failure";
import type { LedgerError } from "./ledger-error";

/**
 * The one crossing between our integer minor units and a ledger's decimal major units, for all
 * four ledgers. Both directions are exact: an amount a ledger cannot carry, or an answer with
 * more decimals than the currency has, is a LedgerError — never a rounded number, never a
 * RangeError the engine cannot classify. Binary noise in a JSON double (0.30000000000000004) is
 * not a real fraction and is read as the decimal it stands for.
 */

/** Decimals a ledger's API accepts at most, where that is fewer than a currency may have. */
const MAX_DECIMALS: Partial<Record<LedgerProviderId, number>> = {
  // More fails with E04740.
  economic: 2,
};

type Code = CurrencyCode | string;
const codeOf = (code: Code): CurrencyCode => toCurrency(code);

/** Minor units as the ledger's plain decimal text ("123.45"), for form-encoded APIs. */
export function toLedgerDecimal(provider: LedgerProviderId, minor: number, code: Code): string {
  const currency = codeOf(code);
  const text = formatMinor(minor, currency);
  const allowed = MAX_DECIMALS[provider];
  const fraction = text.split(".")[1] ?? "";
  if (allowed !== undefined && /[1-9]/.test(fraction.slice(allowed))) {
    throw ledgerError(
      provider,
      "validation",
      "ledgerError.amountPrecision",
      {
        decimals: allowed,
        amount: `${text} ${currency}`,
      },
      { detail: `${text} ${currency} needs more than ${allowed} decimals` },
    );
  }
  return text;
}

/** Minor units as the JSON number a ledger takes in major units. */
export function toLedgerAmount(provider: LedgerProviderId, minor: number, code: Code): number {
  return Number(toLedgerDecimal(provider, minor, code));
}

/** A ledger's amount (JSON number or decimal text) in minor units of `code`, exactly. */
export function fromLedgerAmount(
  provider: LedgerProviderId,
  value: number | string | null | undefined,
  code: Code,
): number {
  const currency = codeOf(code);
  const exponent = exponentOf(currency);
  if (typeof value === "number") {
    const scaled = value * 10 ** exponent;
    // More than float noise beyond the currency's decimals is a real fraction of a minor unit.
    if (!Number.isFinite(scaled) || Math.abs(scaled - Math.round(scaled)) > 1e-6) {
      throw unreadableAmount(provider, value, currency, `more than ${exponent} decimals`);
    }
  }
  try {
    return parseMinor(typeof value === "number" ? value.toFixed(exponent) : String(value ?? "0"), currency);
  } catch (error) {
    throw unreadableAmount(provider, value, currency, error instanceof Error ? error.message : String(error));
  }
}

function unreadableAmount(
  provider: LedgerProviderId,
  value: unknown,
  currency: CurrencyCode,
  why: string,
): LedgerError {
  return ledgerError(
    provider,
    "unknown",
    "ledgerError.amountUnreadable",
    { amount: String(value), currency },
    {
      detail: `amount ${String(value)} does not fit ${currency}: ${why}`,
    },
  );
}
