import type { CurrencyCode } from "../../domain/money";
import { fromLedgerAmount, toLedgerDecimal } from "../ledger-amounts";

/**
 * Dynaccount takes amounts as form-encoded decimal text in major units ("123.45") and answers
 * them as text or numbers; see ledger-amounts.ts.
 */
export const toDynaccountAmount = (minor: number, code: CurrencyCode | string): string =>
  toLedgerDecimal("dynaccount", minor, code);

export const fromDynaccountAmount = (value: string | number | null | undefined, code: CurrencyCode): number =>
  fromLedgerAmount("dynaccount", value, code);
