import type { PayoutEntry } from "../domain/payouts/payout-entry";
import { formatMinor } from "../domain/money";
import { LedgerError } from "./ledger-error";

/**
 * Refuses a journal entry no ledger should receive, before any request: the entry is the whole
 * payout, so one that does not balance to the minor unit is a bug upstream, never something to
 * let the ledger round or park as a half-booked voucher.
 */
export function assertBookableJournalEntry(provider: string, entry: PayoutEntry, maxKeyLength = 128): void {
  const problems: string[] = [];
  if (entry.lines.length < 2) problems.push(`${entry.lines.length} line(s)`);
  for (const line of entry.lines) {
    if (!Number.isSafeInteger(line.amount) || line.amount === 0)
      problems.push(`line on ${line.account} has amount ${line.amount}`);
    if (line.account.trim() === "") problems.push(`a ${line.role} line has no account`);
  }
  const sum = entry.lines.reduce((total, line) => total + line.amount, 0);
  if (sum !== 0) problems.push(`lines add up to ${sum}, not 0`);
  if (entry.businessKey.length === 0 || entry.businessKey.length > maxKeyLength)
    problems.push(`business key of ${entry.businessKey.length} characters`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) problems.push(`date ${entry.date}`);
  if (problems.length === 0) return;
  throw new LedgerError({
    provider,
    kind: "validation",
    scope: "order",
    detail: `journal entry ${entry.businessKey} refused: ${problems.join("; ")}`,
    ...(sum !== 0
      ? {
          messageKey: "ledgerError.journal.unbalanced" as const,
          params: { difference: `${formatMinor(sum, entry.currency)} ${entry.currency}` },
        }
      : { messageKey: "ledgerError.journal.incomplete" as const }),
  });
}

/** The entry's text with its business key, so the key is readable wherever the ledger shows the text. */
export function journalText(entry: PayoutEntry, maxLength: number): string {
  const suffix = ` [${entry.businessKey}]`;
  const room = Math.max(0, maxLength - suffix.length);
  return `${entry.text.slice(0, room)}${suffix}`;
}
