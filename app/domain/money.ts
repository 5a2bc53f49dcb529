/**
 * Money is an integer number of minor units with an explicit ISO 4217 currency — never a float.
 * Amounts stay JavaScript numbers (safe integers: ±9e15 minor units is far beyond any invoice),
 * which keeps JSON, Prisma and arithmetic simple; every constructor checks safety.
 */

/** ISO 4217 minor-unit exponents for the currencies a Nordic webshop meets. Unknown → rejected. */
const EXPONENTS: Readonly<Record<string, number>> = {
  DKK: 2,
  SEK: 2,
  NOK: 2,
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BGN: 2,
  ISK: 0,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  JPY: 0,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  KRW: 0,
  INR: 2,
  ZAR: 2,
  MXN: 2,
  BRL: 2,
  TRY: 2,
  AED: 2,
  SAR: 2,
  ILS: 2,
  THB: 2,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  CLP: 0,
  VND: 0,
  UAH: 2,
  RSD: 2,
};

export type CurrencyCode = string & { readonly __currency: unique symbol };

export class UnknownCurrencyError extends Error {
  override name = "UnknownCurrencyError";
  constructor(readonly code: string) {
    super(`Unknown currency "${code}": expected an ISO 4217 code such as DKK, EUR or SEK`);
  }
}

export function currency(code: string): CurrencyCode {
  const upper = code.trim().toUpperCase();
  if (!(upper in EXPONENTS)) throw new UnknownCurrencyError(code);
  return upper as CurrencyCode;
}

export function isKnownCurrency(code: string): boolean {
  return code.trim().toUpperCase() in EXPONENTS;
}

export function exponentOf(code: CurrencyCode): number {
  return EXPONENTS[code] ?? 2;
}

export interface Money {
  /** Integer minor units (øre for DKK, fils for KWD, yen for JPY). */
  readonly amount: number;
  readonly currency: CurrencyCode;
}

export function money(amount: number, code: CurrencyCode): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Money amount must be a safe integer of minor units, got ${amount}`);
  }
  return { amount, currency: code };
}

/**
 * Parses a decimal string in major units ("199.95", "-5", "1e2" is rejected) into minor units,
 * exactly. More decimals than the currency has must be zeros; otherwise it is an error rather
 * than a silent rounding.
 */
export function parseMinor(decimal: string | number, code: CurrencyCode): number {
  const text = typeof decimal === "number" ? numberToPlainString(decimal) : decimal.trim();
  const match = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal amount`);
  const [, sign, whole = "0", fraction = ""] = match;
  const exponent = exponentOf(code);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  const dropped = fraction.slice(exponent);
  if (/[1-9]/.test(dropped)) {
    throw new RangeError(`"${text}" has more decimals than ${code} allows (${exponent})`);
  }
  const minor = Number(whole + kept);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" is too large`);
  return sign === "-" && minor !== 0 ? -minor : minor;
}

/** Formats minor units as a plain decimal string in major units: 12345 DKK → "123.45". */
export function formatMinor(amount: number, code: CurrencyCode): string {
  const exponent = exponentOf(code);
  const negative = amount < 0;
  const digits = String(Math.abs(amount)).padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite amount`);
  // JSON numbers such as 199.95 print exactly as written for up to 15 significant digits.
  return value.toFixed(Math.min(20, Math.max(0, (String(value).split(".")[1] ?? "").length)));
}
