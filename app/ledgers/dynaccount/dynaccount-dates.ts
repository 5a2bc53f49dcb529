import { LedgerError } from "../ledger-error";
import { DYNACCOUNT } from "./dynaccount-errors";

/**
 * ISO date → the Unix timestamp Dynaccount's `time` columns take (the official module sends
 * timestamps). Noon UTC keeps the same calendar date in Danish time, summer or winter.
 */
export function unixNoon(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12) : Number.NaN;
  if (!match || new Date(ms).getUTCDate() !== Number(match[3])) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Invalid ISO date ${isoDate}`,
      messageKey: "ledgerError.invalidDate",
      params: { date: isoDate },
    });
  }
  return ms / 1000;
}
