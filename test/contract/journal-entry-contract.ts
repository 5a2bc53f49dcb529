import { expect, it } from "vitest";
import { currency } from "../../app/domain/money";
import type { PayoutEntry, PayoutEntryLine } from "../../app/domain/payouts/payout-entry";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import type { LedgerHarness, StartedLedger } from "./ledger-harness";

/**
 * The journal-entry (payout) half of the ledger contract, run inside describeLedgerContract for
 * every ledger against its simulator: booked once, balanced, on the right accounts; found again
 * after a lost answer instead of booked twice; an unbalanced entry refused before any request.
 */
export function journalEntryContractCases(
  harness: LedgerHarness,
  context: () => { ledger: StartedLedger; adapter: LedgerAdapter },
): void {
  const { accounts } = harness.journal;
  let payoutNumber = 7000;
  const entry = (amounts: { bank: number; fees: number; clearing: number }): PayoutEntry => {
    const id = String(++payoutNumber);
    const line = (role: "bank" | "fees" | "clearing", amount: number): PayoutEntryLine => ({
      account: accounts[role],
      amount,
      role,
      vatCode: null,
      transactionIds: [],
    });
    return {
      businessKey: `payout:shopifyPayments:${id}`,
      date: "2026-12-04",
      currency: currency("DKK"),
      text: `Shopify Payments payout ${id}`,
      lines: [line("bank", amounts.bank), line("fees", amounts.fees), line("clearing", amounts.clearing)],
    };
  };
  const moved = (before: Map<string, number>, after: Map<string, number>) => {
    const keys = new Set([...before.keys(), ...after.keys()]);
    return Object.fromEntries(
      [...keys]
        .map((key) => [key, (after.get(key) ?? 0) - (before.get(key) ?? 0)])
        .filter(([, d]) => d !== 0),
    );
  };

  it("books a payout entry once, balanced, on the right accounts", async () => {
    const { ledger, adapter } = context();
    const payout = entry({ bank: 90_116, fees: 2_884, clearing: -93_000 });
    const before = ledger.probe.accountBalances();
    const booked = await adapter.bookJournalEntry(payout);
    expect(booked.created).toBe(true);
    expect(booked.id).toBeTruthy();
    const after = ledger.probe.accountBalances();
    expect(moved(before, after)).toEqual({
      [accounts.bank]: 90_116,
      [accounts.fees]: 2_884,
      [accounts.clearing]: -93_000,
    });

    const again = await adapter.bookJournalEntry(payout);
    expect(again).toMatchObject({ id: booked.id, created: false });
    expect(await adapter.findJournalEntry(payout)).toMatchObject({ id: booked.id, created: false });
    expect(ledger.probe.accountBalances()).toEqual(after);
    expect(
      await adapter.findJournalEntry({ businessKey: `${payout.businessKey}0`, date: payout.date }),
    ).toBeUndefined();
  });

  it("finds the entry whose booking answer was lost (drop-after-commit) instead of booking it twice", async () => {
    const { ledger, adapter } = context();
    const payout = entry({ bank: 48_620, fees: 1_380, clearing: -50_000 });
    const before = ledger.probe.accountBalances();
    ledger.probe.faults.next("dropAfterCommit", 1, (request) => harness.journal.isCommitRequest(request));
    const lost = await adapter.bookJournalEntry(payout).catch((error: unknown) => error);
    expect(lost).toMatchObject({ name: "LedgerError", retryable: true });
    expect(ledger.probe.faults.injected.at(-1)?.kind).toBe("dropAfterCommit");

    const found = await adapter.findJournalEntry(payout);
    expect(found?.created).toBe(false);
    const retried = await adapter.bookJournalEntry(payout);
    expect(retried).toMatchObject({ id: found?.id, created: false });
    expect(moved(before, ledger.probe.accountBalances())).toEqual({
      [accounts.bank]: 48_620,
      [accounts.fees]: 1_380,
      [accounts.clearing]: -50_000,
    });
  });

  it("refuses an entry whose lines do not balance, before any request", async () => {
    const { ledger, adapter } = context();
    for (const unbalanced of [
      entry({ bank: 10_000, fees: 200, clearing: -10_199 }),
      { ...entry({ bank: 1, fees: 1, clearing: -2 }), lines: [] },
    ]) {
      const requests = ledger.probe.requestCount();
      const error = await adapter.bookJournalEntry(unbalanced).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "LedgerError", kind: "validation", retryable: false });
      expect(ledger.probe.requestCount()).toBe(requests);
    }
  });
}
