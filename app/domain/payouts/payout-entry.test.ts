import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currency } from "../money";
import type { Payout, PayoutCategory, PayoutTransaction } from "./payout";
import { buildPayoutEntry, type PayoutAccounts } from "./payout-entry";

const DKK = currency("DKK");
const accounts: PayoutAccounts = {
  clearing: "5820",
  bank: "5810",
  fees: "7220",
  disputes: "7230",
  reserves: "5830",
  adjustments: "7240",
  feeVatCode: null,
};

const tx = (
  id: string,
  category: PayoutCategory,
  amount: number,
  fee: number,
  order?: string,
): PayoutTransaction => ({
  id,
  category,
  providerType: category.toUpperCase(),
  amount,
  fee,
  net: amount - fee,
  date: "2026-12-03T10:00:00Z",
  ...(order ? { order: { id: `gid://shopify/Order/${order}`, name: `#${order}` } } : {}),
});

// The worked example in README "Payouts": three sales, a refund of an earlier order, a chargeback.
//   #1001 249.00, fee 6.53 (1.9 % + 1.80), net 242.47
//   #1002 499.00, fee 11.28, net 487.72
//   #1003 120.00, fee 4.08, net 115.92
//   refund of #0998 −100.00, no fee
//   chargeback on #0995 −150.00 with a 60.00 dispute fee: net −210.00
// Payout net = 242.47 + 487.72 + 115.92 − 100.00 − 210.00 = 536.11
const example: Payout = {
  source: "shopifyPayments",
  id: "90061",
  issuedAt: "2026-12-04T06:00:00Z",
  status: "paid",
  direction: "deposit",
  currency: DKK,
  net: 53_611,
  transactions: [
    tx("t1", "sale", 24_900, 653, "1001"),
    tx("t2", "sale", 49_900, 1128, "1002"),
    tx("t3", "sale", 12_000, 408, "1003"),
    tx("t4", "refund", -10_000, 0, "0998"),
    tx("t5", "dispute", -15_000, 6000, "0995"),
  ],
};

describe("a payout as one journal entry", () => {
  it("books the worked example: bank 536.11, fees 81.89, clearing −768.00, disputes 150.00", () => {
    const result = buildPayoutEntry(example, accounts);
    if (!result.ok) throw new Error(JSON.stringify(result.problem));
    expect(result.entry.businessKey).toBe("payout:shopifyPayments:90061");
    expect(result.entry.date).toBe("2026-12-04");
    expect(result.entry.lines.map((l) => [l.role, l.account, l.amount])).toEqual([
      ["bank", "5810", 53_611],
      ["fees", "7220", 8189],
      ["clearing", "5820", -76_800],
      ["disputes", "7230", 15_000],
    ]);
    expect(result.entry.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
  });

  it("leaves the clearing account at zero for the orders it settles", () => {
    const result = buildPayoutEntry(example, accounts);
    if (!result.ok) throw new Error("not booked");
    // What the transfers posted to the clearing account: each order's payment (debit) and the
    // earlier order's refund payment (credit).
    const postedByTransfers = 24_900 + 49_900 + 12_000 - 10_000;
    const clearing = result.entry.lines.find((l) => l.role === "clearing")?.amount ?? 0;
    expect(postedByTransfers + clearing).toBe(0);
  });

  it("parks a payout whose transactions do not add up to its net, with the difference", () => {
    const result = buildPayoutEntry({ ...example, net: example.net + 7 }, accounts);
    expect(result).toEqual({
      ok: false,
      problem: { kind: "payoutDoesNotAddUp", expectedNet: 53_611, net: 53_618, difference: 7 },
    });
  });

  it("parks a transaction whose amount − fee is not its net", () => {
    const broken = { ...example, transactions: [{ ...tx("t9", "sale", 1000, 30), net: 975 }] };
    expect(buildPayoutEntry({ ...broken, net: 975 }, accounts)).toEqual({
      ok: false,
      problem: { kind: "transactionDoesNotAddUp", transactionId: "t9", difference: -5 },
    });
  });

  it("books nothing for a payout that has not left the provider", () => {
    expect(buildPayoutEntry({ ...example, status: "scheduled" }, accounts)).toEqual({
      ok: false,
      problem: { kind: "notSettled", status: "scheduled" },
    });
  });

  it("for any payout that adds up: balanced, clearing = −(sales + refunds), fees = Σ fee", () => {
    const category = fc.constantFrom<PayoutCategory>("sale", "refund", "dispute", "reserve", "adjustment");
    const transaction = fc
      .tuple(category, fc.integer({ min: -500_000, max: 500_000 }), fc.integer({ min: -5_000, max: 20_000 }))
      .map(([c, amount, fee]) => ({ c, amount, fee }));
    fc.assert(
      fc.property(
        fc.array(transaction, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -3, max: 3 }),
        (list, error) => {
          const transactions = list.map((t, i) => tx(`t${i}`, t.c, t.amount, t.fee));
          const net = transactions.reduce((sum, t) => sum + t.net, 0);
          const payout: Payout = { ...example, net: net + error, transactions };
          const result = buildPayoutEntry(payout, accounts);
          if (error !== 0) {
            expect(result).toMatchObject({
              ok: false,
              problem: { kind: "payoutDoesNotAddUp", difference: error },
            });
            return;
          }
          if (!result.ok) throw new Error(JSON.stringify(result.problem));
          const { lines } = result.entry;
          expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
          const settled = transactions.filter((t) => t.category === "sale" || t.category === "refund");
          expect(lines.find((l) => l.role === "clearing")?.amount ?? 0).toBe(
            -settled.reduce((s, t) => s + t.amount, 0) || 0,
          );
          expect(lines.find((l) => l.role === "fees")?.amount ?? 0).toBe(
            transactions.reduce((s, t) => s + t.fee, 0),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
