import { fromLedgerAmount, toLedgerAmount } from "../ledger-amounts";

/**
 * e-conomic takes and returns amounts as JSON numbers in major units with at most two decimals
 * (more fails with E04740); see ledger-amounts.ts.
 */
export const toEconomicAmount = (minor: number, code: string): number =>
  toLedgerAmount("economic", minor, code);

export const fromEconomicAmount = (value: number, code: string): number =>
  fromLedgerAmount("economic", value, code);
