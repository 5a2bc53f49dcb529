import type { CurrencyCode } from "../../domain/money";
import { fromLedgerAmount, toLedgerAmount } from "../ledger-amounts";

/** Billy carries money as JSON floats in major units (`"unitPrice": 99.95`); see ledger-amounts.ts. */
export const toBillyAmount = (minor: number, code: CurrencyCode | string): number =>
  toLedgerAmount("billy", minor, code);

export const fromBillyAmount = (value: number, code: CurrencyCode | string): number =>
  fromLedgerAmount("billy", value, code);
