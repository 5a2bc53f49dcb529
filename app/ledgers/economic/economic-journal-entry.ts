import { z } from "zod";
import type { PayoutEntry } from "../../domain/payouts/payout-entry";
import { assertBookableJournalEntry, journalText } from "../journal-entry-check";
import type { JournalEntryRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { toEconomicAmount } from "./economic-amounts";
import type { EconomicClient } from "./economic-client";
import { PROVIDER } from "./economic-errors";
import { listAll } from "./economic-lists";
import type { EconomicLookups } from "./economic-settings";
import { filterValue, idempotencyKey } from "./economic-request-keys";
import { journalSchema, vouchersSchema } from "./economic-schemas";

/**
 * A payout in e-conomic is one voucher of finance-voucher entries in a journal (kassekladde),
 * `POST /journals/{n}/vouchers` — the same legacy endpoint the payments use, one entry per line
 * (amount on `account`, debit positive, no contra account), all under one voucher number so the
 * bookkeeper books them together. The legacy API cannot book journals; like the payments, the
 * voucher waits in the journal for the bookkeeper.
 *
 * The business key is in each entry's `text` (≤ 250), in brackets: `text` is the one entry field
 * the journal's entry list can filter on (`text$like:`), and the bookkeeper reads it in the
 * journal. The brackets keep payout 9006 from matching payout 90061.
 */

const entrySchema = z.looseObject({
  journalEntryNumber: z.number(),
  text: z.string().nullish(),
  voucher: z.looseObject({ voucherNumber: z.number() }).nullish(),
});

export async function bookEconomicJournalEntry(
  client: EconomicClient,
  lookups: EconomicLookups,
  entry: PayoutEntry,
): Promise<JournalEntryRef> {
  assertBookableJournalEntry(PROVIDER, entry);
  const accounts = entry.lines.map((line) => Number(line.account));
  const notANumber = entry.lines.find(
    (_, index) => !Number.isInteger(accounts[index]) || (accounts[index] ?? 0) < 1,
  );
  if (notANumber) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      scope: "connection",
      messageKey: "ledgerError.journal.accountNotNumber",
      params: { ledger: "e-conomic", account: notANumber.account },
    });
  }
  const journalNumber = await financeJournal(client);
  const existing = await findIn(client, lookups, journalNumber, entry);
  if (existing) return existing;

  const year = await lookups.accountingYear(entry.date);
  const text = journalText(entry, 250);
  const body = {
    accountingYear: { year },
    journal: { journalNumber },
    entries: {
      financeVouchers: entry.lines.map((line, index) => ({
        account: { accountNumber: accounts[index] },
        amount: toEconomicAmount(line.amount, entry.currency),
        currency: { code: entry.currency },
        date: entry.date,
        text,
        ...(line.vatCode ? { vatAccount: { vatCode: line.vatCode } } : {}),
      })),
    },
  };
  const vouchers = await client.request(
    {
      method: "POST",
      path: `/journals/${journalNumber}/vouchers`,
      body,
      // Belt and braces within e-conomic's one-hour cache; the text search above covers the rest.
      idempotencyKey: idempotencyKey("payout", entry.businessKey, body),
      operation: "book the payout entry",
    },
    vouchersSchema,
  );
  const voucher = vouchers[0] as (typeof vouchers)[number];
  return {
    id: `${voucher.accountingYear.year}-${voucher.voucherNumber}`,
    number: String(voucher.voucherNumber),
    created: true,
  };
}

export async function findEconomicJournalEntry(
  client: EconomicClient,
  lookups: EconomicLookups,
  key: { businessKey: string; date: string },
): Promise<JournalEntryRef | undefined> {
  return findIn(client, lookups, await financeJournal(client), key);
}

async function findIn(
  client: EconomicClient,
  lookups: EconomicLookups,
  journalNumber: number,
  key: { businessKey: string; date: string },
): Promise<JournalEntryRef | undefined> {
  const marker = `[${key.businessKey}]`;
  const entries = await listAll(client, `/journals/${journalNumber}/entries`, entrySchema, {
    operation: "look up the payout entry",
    filter: `text$like:${filterValue(marker)}`,
  });
  const match = entries.find((candidate) => candidate.text?.includes(marker) && candidate.voucher);
  if (!match?.voucher) return undefined;
  const year = await lookups.accountingYear(key.date);
  return {
    id: `${year}-${match.voucher.voucherNumber}`,
    number: String(match.voucher.voucherNumber),
    created: false,
  };
}

/** A journal that takes finance vouchers: unrestricted, or restricted to exactly them. */
async function financeJournal(client: EconomicClient): Promise<number> {
  const journals = await listAll(client, "/journals", journalSchema, { operation: "read the journals" });
  const journal = journals.find((candidate) => {
    const restriction = candidate.settings?.entryTypeRestrictedTo;
    return !restriction || restriction === "financeVoucher";
  });
  if (!journal) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      scope: "connection",
      messageKey: "ledgerError.journal.noFinanceJournal",
      params: { ledger: "e-conomic" },
    });
  }
  return journal.journalNumber;
}
