import { afterEach, describe, expect, it } from "vitest";
import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import { currency } from "../../app/domain/money";
import type { Payout } from "../../app/domain/payouts/payout";
import { buildPayoutEntry, type PayoutAccounts } from "../../app/domain/payouts/payout-entry";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import type { LedgerHarness, StartedLedger } from "../contract/ledger-harness";
import { prepareRefs } from "../contract/ledger-contract-suite";
import { sampleCreditNote, sampleInvoice } from "../contract/sample-drafts";

/**
 * The worked example of docs/payouts.md booked into each ledger's simulator through the real
 * adapters: the three orders' payments and the refund of #0998 are registered to the clearing
 * account as the transfers do, then payout 90061 is booked as one entry. Afterwards the clearing
 * account is back at 0, the bank holds the payout and the fee account the fees, to the øre.
 */

const payout: Payout = {
  source: "shopifyPayments",
  id: "90061",
  issuedAt: "2026-12-04T06:00:00Z",
  status: "paid",
  direction: "deposit",
  currency: currency("DKK"),
  net: 53_611,
  transactions: [
    sale("t1", 1001, 24_900, 653),
    sale("t2", 1002, 49_900, 1_128),
    sale("t3", 1003, 12_000, 408),
    {
      id: "t4",
      category: "refund",
      providerType: "REFUND",
      amount: -10_000,
      fee: 0,
      net: -10_000,
      date: "2026-12-03",
      order: order(998),
    },
    {
      id: "t5",
      category: "dispute",
      providerType: "CHARGEBACK",
      amount: -15_000,
      fee: 6_000,
      net: -21_000,
      date: "2026-12-03",
      order: order(995),
    },
  ],
};

let started: StartedLedger | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

describe.each([dineroHarness, billyHarness, economicHarness, dynaccountHarness])(
  "payout 90061 booked in $provider",
  (harness: LedgerHarness) => {
    it("books the worked example as one entry and leaves the clearing account at 0", async () => {
      started = await harness.start();
      const { adapter, probe } = started;
      const accounts: PayoutAccounts = { ...harness.journal.accounts, feeVatCode: null };

      // What the transfers posted: each sale's payment debits clearing, the refund credits it.
      // #0998's own payment was settled by an earlier payout, so only its refund is here.
      for (const [number, gross] of [
        [1001, 24_900],
        [1002, 49_900],
        [1003, 12_000],
      ] as const) {
        const draft = orderOf(harness, number, gross);
        const booked = await createAndBook(adapter, draft);
        await adapter.registerPayment(booked, {
          ...(draft.payments[0] as InvoiceDraft["payments"][number]),
          depositAccount: accounts.clearing,
          date: "2026-12-01",
        });
      }
      const refunded = sampleInvoice(harness.accounts, { orderNumber: 998, email: "o998@example.dk" });
      const refundedInvoice = await createAndBook(adapter, refunded);
      const credit = sampleCreditNote(harness.accounts, refunded, "998-1");
      expect(credit.totals.gross).toBe(10_000);
      const refs = await prepareRefs(adapter, credit);
      const bookedCredit = await adapter.bookCreditNote(
        await adapter.createCreditNote(credit, { invoice: refundedInvoice, ...refs }),
      );
      await adapter.registerRefund(bookedCredit, {
        ...(credit.payments[0] as InvoiceDraft["payments"][number]),
        depositAccount: accounts.clearing,
        date: "2026-12-02",
      });
      expect(probe.accountBalances().get(accounts.clearing)).toBe(24_900 + 49_900 + 12_000 - 10_000);

      const result = buildPayoutEntry(payout, accounts);
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      const booked = await adapter.bookJournalEntry(result.entry);
      expect(booked.created).toBe(true);

      const balances = probe.accountBalances();
      expect(balances.get(accounts.clearing) ?? 0).toBe(0);
      expect(balances.get(accounts.bank)).toBe(53_611);
      expect(balances.get(accounts.fees)).toBe(8_189);
      expect(balances.get(accounts.disputes)).toBe(15_000);

      // Running the sync again books nothing new.
      expect(await adapter.bookJournalEntry(result.entry)).toMatchObject({ id: booked.id, created: false });
      expect(probe.accountBalances()).toEqual(balances);
    });
  },
);

function sale(id: string, number: number, amount: number, fee: number): Payout["transactions"][number] {
  return {
    id,
    category: "sale",
    providerType: "CHARGE",
    amount,
    fee,
    net: amount - fee,
    date: "2026-12-01",
    order: order(number),
  };
}

function order(number: number) {
  return { id: `gid://shopify/Order/${number}`, name: `#${number}` };
}

/** A one-line order whose gross is `gross` (25 % VAT inside): net = 4/5 of it, exactly. */
function orderOf(harness: LedgerHarness, number: number, gross: number): InvoiceDraft {
  const base = sampleInvoice(harness.accounts, { orderNumber: number, email: `o${number}@example.dk` });
  const template = base.lines[1];
  if (!template) throw new Error("sample invoice has a mug line");
  const net = (gross * 4) / 5;
  const line = { ...template, quantity: 1, unitNet: net, net, vat: gross - net, gross };
  return {
    ...base,
    lines: [line],
    totals: { net, vat: gross - net, gross },
    vatByRate: [{ vatRate: 2500, net, vat: gross - net }],
    payments: base.payments.map((payment) => ({ ...payment, amount: gross })),
  };
}

async function createAndBook(adapter: LedgerAdapter, draft: InvoiceDraft) {
  const refs = await prepareRefs(adapter, draft);
  return adapter.bookInvoice(await adapter.createInvoice(draft, refs));
}
