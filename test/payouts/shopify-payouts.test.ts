import { describe, expect, it } from "vitest";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { buildPayoutEntry, type PayoutAccounts } from "../../app/domain/payouts/payout-entry";
import {
  fetchPayoutTransactions,
  listPayoutsIssuedSince,
} from "../../app/sources/shopify/admin-graphql/payout-queries";
import { mapShopifyPayout } from "../../app/sources/shopify/map-shopify-payout";
import { simulatePaymentsAccount, type PaymentEvent } from "../../simulators/shopify/payments-account";

const accounts: PayoutAccounts = {
  clearing: "5820",
  bank: "5810",
  fees: "7220",
  disputes: "7230",
  reserves: "5830",
  adjustments: "7240",
  feeVatCode: null,
};
const order = (n: number) => ({ id: `gid://shopify/Order/${5550000000000000000 + n}`, name: `#${1000 + n}` });

// Day 1: three sales. Day 2: one sale, a refund of a day-1 order, a chargeback with a dispute fee.
const events: PaymentEvent[] = [
  { kind: "charge", order: order(1), amount: 24_900, day: "2026-12-01" },
  { kind: "charge", order: order(2), amount: 49_900, day: "2026-12-01" },
  { kind: "charge", order: order(3), amount: 12_000, day: "2026-12-01" },
  { kind: "charge", order: order(4), amount: 19_995, day: "2026-12-02" },
  { kind: "refund", order: order(2), amount: 10_000, day: "2026-12-02" },
  { kind: "chargeback", order: order(3), amount: 12_000, day: "2026-12-02", disputeFee: 6000 },
];

const startSimulator = shopifySimulatorPerTest();

async function readPayouts(payments: ReturnType<typeof simulatePaymentsAccount> | undefined) {
  const { client } = await startSimulator(payments ? { payments } : {});
  const payouts = [];
  // Small pages, so paging is what brings every payout and transaction.
  for await (const payout of listPayoutsIssuedSince(client, new Date("2026-12-01T00:00:00Z"), 1)) {
    payouts.push(mapShopifyPayout(payout, await fetchPayoutTransactions(client, payout.legacyResourceId, 2)));
  }
  return payouts;
}

describe("Shopify Payments payouts, read through the Admin GraphQL API", () => {
  it("reads each day's payout with the transactions it settles and books each as one balanced entry", async () => {
    const payments = simulatePaymentsAccount(events, { currency: "DKK", fees: { rateBp: 190, fixed: 180 } });
    const payouts = await readPayouts(payments);
    expect(payouts.map((p) => [p.id, p.issuedAt.slice(0, 10), p.transactions.length])).toEqual([
      ["90001", "2026-12-02", 3],
      ["90002", "2026-12-03", 3],
    ]);
    // Day 1: fees 1.9 % + 1.80 → 6.53, 11.28, 4.08; net 868.00 − 21.89 = 846.11.
    expect(payouts[0]?.net).toBe(84_611);

    const entries = payouts.map((p) => {
      const result = buildPayoutEntry(p, accounts);
      if (!result.ok) throw new Error(JSON.stringify(result.problem));
      return result.entry;
    });
    for (const entry of entries) expect(entry.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    // What the transfers posted to the clearing account for these orders: every sale's payment as
    // a debit, the refund as a credit. The two payouts take exactly that out again.
    const postedByTransfers = 24_900 + 49_900 + 12_000 + 19_995 - 10_000;
    const clearedByPayouts = entries
      .flatMap((e) => e.lines)
      .filter((l) => l.role === "clearing")
      .reduce((sum, l) => sum + l.amount, 0);
    expect(postedByTransfers + clearedByPayouts).toBe(0);
    // Day 2: sale 199.95 (fee 5.60), refund −100.00, chargeback −120.00 with 60.00 fee.
    expect(entries[1]?.lines.map((l) => [l.role, l.amount])).toEqual([
      ["bank", 19_995 - 560 - 10_000 - 12_000 - 6000],
      ["fees", 560 + 6000],
      ["clearing", -(19_995 - 10_000)],
      ["disputes", 12_000],
    ]);
  });

  it("a withdrawal (more refunded than sold that day) comes back as money taken from the bank", async () => {
    const payments = simulatePaymentsAccount(
      [
        { kind: "charge", order: order(7), amount: 5000, day: "2026-12-04" },
        { kind: "refund", order: order(1), amount: 24_900, day: "2026-12-04" },
      ],
      { currency: "DKK", fees: { rateBp: 190, fixed: 180 } },
    );
    const [payout] = await readPayouts(payments);
    expect(payout?.direction).toBe("withdrawal");
    expect(payout?.net).toBe(5000 - (95 + 180) - 24_900);
    const result = payout ? buildPayoutEntry(payout, accounts) : undefined;
    expect(result?.ok).toBe(true);
  });

  it("a shop without Shopify Payments has no payouts", async () => {
    expect(await readPayouts(undefined)).toEqual([]);
  });
});
