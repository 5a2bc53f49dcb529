import { z } from "zod";
import type { PayoutEntry } from "../../domain/payouts/payout-entry";
import { assertBookableJournalEntry, journalText } from "../journal-entry-check";
import type { JournalEntryRef } from "../ledger-contract";
import { toBillyAmount } from "./billy-amounts";
import type { BillyClient } from "./billy-client";
import { writeEnvelope } from "./billy-schemas";

/**
 * A payout in Billy is a daybook transaction (kassekladde): `POST /v2/daybookTransactions` with
 * one line per entry line (positive `amount` and a `side`), created as `approved` so Billy books
 * it at once — and refuses it unless debit and credit are equal.
 *
 * The business key is in the transaction's `description`, in brackets: Billy's `q` filter on
 * daybook transactions searches the description (and voucher number), and the bookkeeper sees
 * it there. The brackets keep payout 9006 from matching payout 90061.
 */

const transactionSchema = z.looseObject({
  id: z.string(),
  description: z.string().nullish(),
  voucherNo: z.union([z.string(), z.number()]).nullish(),
  state: z.string().nullish(),
});

export async function bookBillyJournalEntry(
  client: BillyClient,
  org: { organizationId?: string },
  entry: PayoutEntry,
): Promise<JournalEntryRef> {
  assertBookableJournalEntry("billy", entry);
  const existing = await findBillyJournalEntry(client, entry);
  if (existing) return existing;
  const created = await client.post(
    "/daybookTransactions",
    {
      daybookTransaction: {
        ...org,
        entryDate: entry.date,
        description: journalText(entry, 255),
        state: "approved",
        lines: entry.lines.map((line, index) => ({
          accountId: line.account,
          side: line.amount > 0 ? "debit" : "credit",
          amount: toBillyAmount(Math.abs(line.amount), entry.currency),
          currencyId: entry.currency,
          text: entry.text,
          priority: index + 1,
          ...(line.vatCode ? { taxRateId: line.vatCode } : {}),
        })),
      },
    },
    writeEnvelope("daybookTransactions", transactionSchema),
    "book the payout entry",
  );
  return toRef(created, true);
}

export async function findBillyJournalEntry(
  client: BillyClient,
  key: { businessKey: string; date: string },
): Promise<JournalEntryRef | undefined> {
  const marker = `[${key.businessKey}]`;
  const found = await client.list("daybookTransactions", transactionSchema, "look up the payout entry", {
    q: marker,
    minEntryDate: key.date,
    maxEntryDate: key.date,
  });
  const match = found.find(
    (candidate) => candidate.description?.includes(marker) && candidate.state !== "voided",
  );
  return match ? toRef(match, false) : undefined;
}

function toRef(transaction: z.output<typeof transactionSchema>, created: boolean): JournalEntryRef {
  return {
    id: transaction.id,
    created,
    ...(transaction.voucherNo != null && transaction.voucherNo !== ""
      ? { number: String(transaction.voucherNo) }
      : {}),
  };
}
