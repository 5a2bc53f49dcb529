import type { Job } from "@prisma/client";
import { buildPayoutEntry, type PayoutEntry } from "../../domain/payouts/payout-entry";
import { formatMinor } from "../../domain/money";
import type { JournalEntryRef, LedgerAdapter } from "../../ledgers/ledger-contract";
import { payoutAccountsFrom } from "../../settings/payout-settings-schema";
import type { ShopSettings } from "../../settings/settings-schema";
import { readingOrderData } from "../transfer/classify-transfer-error";
import type { JobContext, JobHandler, JobOutcome } from "../worker.server";
import { PayoutNotBookableError, payoutErrorOf } from "./payout-errors";
import { readStoredPayout } from "./payout-jobs";

/** What a payout job records between its steps; `booking` brackets the ledger write. */
export interface PayoutProgress {
  entry?: PayoutEntry;
  /** Set before the entry is sent: after a crash the retry looks for it before booking again. */
  booking?: true;
  booked?: JournalEntryRef;
}

export interface PayoutDeps {
  settingsFor(shopId: string): Promise<ShopSettings>;
  ledgerFor(shopId: string): Promise<LedgerAdapter>;
}

/**
 * Books one payout as one journal entry, exactly once. The entry is built by the pure core from
 * the stored payout and the shop's payout accounts; a payout that does not add up is refused
 * (parked with its difference). The booking is bracketed like a document's create: `booking` is
 * saved before the request, so a retry after a crash or a lost answer first asks the ledger for
 * the entry by its business key and books only when it is not there.
 */
export function createPayoutHandler(deps: PayoutDeps): JobHandler {
  return async (job, context) => {
    const progress = { ...(context.progress as PayoutProgress) };
    const save = async (patch: Partial<PayoutProgress>) => {
      Object.assign(progress, patch);
      await context.saveProgress(progress as Record<string, unknown>);
    };
    if (progress.booked) return done(progress.booked);
    const ledger = await deps.ledgerFor(job.shopId);
    if (progress.booking && progress.entry) {
      const found = await ledger.findJournalEntry({
        businessKey: progress.entry.businessKey,
        date: progress.entry.date,
      });
      if (found) return record(found, progress.entry, save, context);
    }
    // Not in the ledger: built afresh, so a Retry after fixing the settings books with them.
    const entry = await buildEntry(job, deps);
    await save({ entry, booking: true });
    await context.holdLease();
    const booked = await ledger.bookJournalEntry(entry);
    return record(booked, entry, save, context);
  };
}

async function buildEntry(job: Job, deps: PayoutDeps): Promise<PayoutEntry> {
  const payout = readingOrderData(() => readStoredPayout(job.sourceOrder));
  const accounts = payoutAccountsFrom(await deps.settingsFor(job.shopId));
  if (!accounts.ok)
    throw new PayoutNotBookableError("payoutError.notConfigured", { fields: accounts.missing.join(", ") });
  const built = buildPayoutEntry(payout, accounts.accounts);
  if (!built.ok) throw payoutErrorOf(payout, built.problem);
  return built.entry;
}

async function record(
  booked: JournalEntryRef,
  entry: PayoutEntry,
  save: (patch: Partial<PayoutProgress>) => Promise<void>,
  context: JobContext,
): Promise<JobOutcome> {
  await save({ booked });
  const bank = entry.lines.find((line) => line.role === "bank")?.amount ?? 0;
  await context.audit(
    "journal",
    "info",
    `${booked.created ? "Booked" : "Found"} payout entry ${booked.number ?? booked.id}: ${formatMinor(bank, entry.currency)} ${entry.currency} to the bank`,
    { entryId: booked.id, number: booked.number ?? null, lines: entry.lines.length },
  );
  return done(booked);
}

function done(booked: JournalEntryRef): JobOutcome {
  return {
    status: "succeeded",
    documentId: booked.id,
    ...(booked.number ? { documentNumber: booked.number } : {}),
  };
}
