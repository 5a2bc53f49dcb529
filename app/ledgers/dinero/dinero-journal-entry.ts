import { z } from "zod";
import { currency } from "../../domain/money";
import type { PayoutEntry } from "../../domain/payouts/payout-entry";
import { assertBookableJournalEntry, journalText } from "../journal-entry-check";
import type { JournalEntryRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { toDineroAmount } from "./dinero-amounts";
import type { DineroClient } from "./dinero-client";
import { DINERO_PROVIDER } from "./dinero-errors";

/**
 * A payout in Dinero is a manual voucher (kassekladde-bilag): `POST /v1/{org}/vouchers/manuel`
 * with one line per entry line (amount on `AccountNumber`, debit positive, no balancing account:
 * the lines balance each other), then `POST …/manuel/{guid}/book`. Dinero books it only when
 * the lines add up to zero.
 *
 * The business key goes in two places. `ExternalReference` (≤ 128) is Dinero's own field for an
 * outside id, but Dinero has no list of manual vouchers to search it. So each line's
 * `Description` carries it too, in brackets: the booked entries (`GET /v1/{org}/entries` for the
 * voucher date) return each line's description and its voucher's guid, which is how the voucher
 * is found again after a lost answer. A draft whose create answer was lost is not in the entries
 * (nothing is booked yet) and stays behind as an unbooked draft; it moves no balance.
 */

const manualVoucherSchema = z.looseObject({
  Guid: z.string(),
  VoucherNumber: z.number().nullish(),
  Status: z.string().nullish(),
  Timestamp: z.string().nullish(),
  ExternalReference: z.string().nullish(),
});

const entriesSchema = z.array(
  z.looseObject({
    VoucherGuid: z.string().nullish(),
    VoucherNumber: z.number().nullish(),
    Description: z.string().nullish(),
  }),
);

/** Dinero's manual voucher lines take amounts in the organisation's currency, DKK. */
const DINERO_BASE = currency("DKK");

export async function bookDineroJournalEntry(
  client: DineroClient,
  entry: PayoutEntry,
): Promise<JournalEntryRef> {
  assertBookableJournalEntry(DINERO_PROVIDER, entry);
  if (entry.currency !== DINERO_BASE) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "validation",
      scope: "order",
      detail: `payout entry ${entry.businessKey} in ${entry.currency}`,
      messageKey: "ledgerError.journal.currency",
      params: { ledger: "Dinero", currency: entry.currency },
    });
  }
  const existing = await findDineroJournalEntry(client, entry);
  if (existing) return existing;

  const text = journalText(entry, 250);
  const created = await client.call({
    method: "POST",
    version: "v1",
    path: "/vouchers/manuel",
    body: {
      VoucherDate: entry.date,
      ExternalReference: entry.businessKey,
      Lines: entry.lines.map((line) => ({
        Description: text,
        AccountNumber: Number(line.account),
        Amount: toDineroAmount(line.amount, DINERO_BASE),
        // "none" suppresses the account's default VAT: a fee is VAT-exempt unless a code is chosen.
        AccountVatCode: line.vatCode ?? "none",
      })),
    },
    schema: manualVoucherSchema,
    operation: "create the payout voucher",
  });
  const booked = await client.call({
    method: "POST",
    version: "v1",
    path: `/vouchers/manuel/${created.Guid}/book`,
    body: { Timestamp: created.Timestamp ?? "" },
    schema: manualVoucherSchema,
    operation: "book the payout voucher",
  });
  return {
    id: booked.Guid,
    created: true,
    ...(booked.VoucherNumber != null ? { number: String(booked.VoucherNumber) } : {}),
  };
}

export async function findDineroJournalEntry(
  client: DineroClient,
  key: { businessKey: string; date: string },
): Promise<JournalEntryRef | undefined> {
  const entries = await client.call({
    method: "GET",
    version: "v1",
    path: "/entries",
    query: { fromDate: key.date, toDate: key.date, includePrimo: "false" },
    schema: entriesSchema,
    operation: "look up the payout voucher",
  });
  const marker = `[${key.businessKey}]`;
  const match = entries.find((candidate) => candidate.VoucherGuid && candidate.Description?.includes(marker));
  if (!match?.VoucherGuid) return undefined;
  return {
    id: match.VoucherGuid,
    created: false,
    ...(match.VoucherNumber != null ? { number: String(match.VoucherNumber) } : {}),
  };
}
