import { z } from "zod";
import { formatMinor } from "../../domain/money";
import type { PayoutEntry } from "../../domain/payouts/payout-entry";
import { assertBookableJournalEntry } from "../journal-entry-check";
import type { JournalEntryRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { DynaccountContext } from "./dynaccount-context";
import { unixNoon } from "./dynaccount-dates";
import { DYNACCOUNT } from "./dynaccount-errors";
import { ledgerUnreadableAnswer } from "../http-failure";
import { bookingDraft } from "./dynaccount-payments";
import { readRows } from "./dynaccount-schemas";

/**
 * A payout in Dynaccount is a voucher (`enclosure`) in the booking draft (kassekladde) with one
 * LEDGER row (`accounting`) per entry line — the same path the app's payments take, left for the
 * bookkeeper to book with the bank reconciliation.
 *
 * The business key is the voucher's `txt`: the generic WHERE rule of `get` searches it exactly
 * (the payments already rely on it), and it is what the bookkeeper sees in the draft's text
 * column; the human text goes in `note` and in each row's `txt`. The rows go in one
 * `insert_bulk`, which Dynaccount stores all or nothing, so a voucher with rows is complete.
 */

const voucherRowSchema = z.object({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  enc_id_: z.union([z.number(), z.string()]).nullish(),
});

export async function bookDynaccountJournalEntry(
  context: DynaccountContext,
  entry: PayoutEntry,
): Promise<JournalEntryRef> {
  assertBookableJournalEntry(DYNACCOUNT, entry);
  const operation = `book the payout entry ${entry.businessKey} in Dynaccount`;
  const draftId = await bookingDraft(context, operation);
  const existing = await findVoucher(context, draftId, entry.businessKey, operation);
  if (existing?.complete) return existing.ref;

  const voucher =
    existing?.ref ??
    toRef(
      readRows(
        voucherRowSchema,
        [
          await context.client.put(
            "enclosure",
            undefined,
            {
              time: unixNoon(entry.date),
              draft_id: draftId,
              enc_id_: "",
              txt: entry.businessKey,
              note: entry.text,
            },
            operation,
          ),
        ],
        operation,
      )[0],
      true,
    );
  try {
    await context.client.insertBulk(
      "accounting",
      entry.lines.map((line) => ({
        enclosure_id: voucher.id,
        type: "LEDGER",
        account_id_: line.account,
        vatcode_name: line.vatCode ?? undefined,
        currency_name: entry.currency,
        amount: formatMinor(line.amount, entry.currency),
        txt: entry.text,
      })),
      operation,
    );
  } catch (error) {
    // A refused row leaves an empty voucher; remove it so the draft holds nothing half-made.
    if (LedgerError.is(error) && !error.retryable)
      await context.client.delete("enclosure", voucher.id, operation).catch(() => undefined);
    throw error;
  }
  return { ...voucher, created: true };
}

export async function findDynaccountJournalEntry(
  context: DynaccountContext,
  key: { businessKey: string; date: string },
): Promise<JournalEntryRef | undefined> {
  const operation = `find the payout entry ${key.businessKey} in Dynaccount`;
  const draftId = await bookingDraft(context, operation);
  const found = await findVoucher(context, draftId, key.businessKey, operation);
  return found?.complete ? found.ref : undefined;
}

async function findVoucher(
  context: DynaccountContext,
  draftId: string,
  businessKey: string,
  operation: string,
): Promise<{ ref: JournalEntryRef; complete: boolean } | undefined> {
  const voucher = readRows(
    voucherRowSchema,
    await context.client.get(
      "enclosure",
      { where: { draft_id: draftId, txt: businessKey }, select: ["id", "enc_id_"], order: "id" },
      operation,
    ),
    operation,
  )[0];
  if (!voucher) return undefined;
  const rows = await context.client.get(
    "accounting",
    { where: { enclosure_id: voucher.id }, select: ["id"], limit: [0, 1] },
    operation,
  );
  return { ref: toRef(voucher, false), complete: rows.length > 0 };
}

function toRef(row: z.output<typeof voucherRowSchema> | undefined, created: boolean): JournalEntryRef {
  if (!row) throw ledgerUnreadableAnswer(DYNACCOUNT, "book a payout entry", "put enclosure returned no row");
  return {
    id: row.id,
    created,
    ...(row.enc_id_ !== undefined && row.enc_id_ !== null && row.enc_id_ !== ""
      ? { number: String(row.enc_id_) }
      : {}),
  };
}
