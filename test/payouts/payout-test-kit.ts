import type { InvoiceDraft } from "../../app/domain/invoice-draft";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import type { PaymentEvent } from "../../simulators/shopify/payments-account";
import { simulatePaymentsAccount } from "../../simulators/shopify/payments-account";
import type { LedgerHarness } from "../contract/ledger-harness";
import { prepareRefs } from "../contract/ledger-contract-suite";
import { sampleCreditNote, sampleInvoice } from "../contract/sample-drafts";
import { settingsForLedger } from "../support/reliability-ledgers";

/**
 * docs/payouts.md's worked example as the engine meets it: Shopify Payments settles #1001–#1003,
 * the refund of #0998 and a chargeback on #0995 in payout 90061 (fees 1.9 % + 1.80 kr), and the
 * transfers have posted the orders' payments and the refund to the clearing account.
 */
export const WORKED_EXAMPLE = {
  payoutId: "90061",
  net: 53_611,
  fees: 8_189,
  clearing: 76_800,
  disputes: 15_000,
};

export const orderGid = (n: number) => `gid://shopify/Order/${n}`;
const order = (n: number) => ({ id: orderGid(n), name: `#${n}` });

export const WORKED_EXAMPLE_EVENTS: PaymentEvent[] = [
  { kind: "charge", order: order(1001), amount: 24_900, day: "2026-12-03" },
  { kind: "charge", order: order(1002), amount: 49_900, day: "2026-12-03" },
  { kind: "charge", order: order(1003), amount: 12_000, day: "2026-12-03" },
  { kind: "refund", order: order(998), amount: 10_000, day: "2026-12-03" },
  { kind: "chargeback", order: order(995), amount: 15_000, day: "2026-12-03", disputeFee: 6_000 },
];

export function workedExamplePayments() {
  return simulatePaymentsAccount(WORKED_EXAMPLE_EVENTS, {
    currency: "DKK",
    fees: { rateBp: 190, fixed: 180 },
    firstPayoutId: 90_060,
  });
}

/** The shop's settings on `harness`'s chart with payouts on and Shopify Payments posting to clearing. */
export function payoutSettingsFor(harness: LedgerHarness, payoutsOn = true): Record<string, unknown> {
  const base = settingsForLedger(harness);
  const { clearing, bank, fees, disputes, reserves, adjustments } = harness.journal.accounts;
  return {
    ...base,
    payments: { ...(base.payments as object), gateways: { shopify_payments: clearing } },
    payouts: payoutsOn
      ? {
          enabled: true,
          bankAccount: bank,
          feeAccount: fees,
          disputesAccount: disputes,
          reservesAccount: reserves,
          adjustmentsAccount: adjustments,
        }
      : { enabled: false },
  };
}

/** What the transfers posted for the example's orders: three payments in, #0998's refund out. */
export async function postTransfersOfWorkedExample(
  adapter: LedgerAdapter,
  harness: LedgerHarness,
): Promise<void> {
  const clearing = harness.journal.accounts.clearing;
  for (const [number, gross] of [
    [1001, 24_900],
    [1002, 49_900],
    [1003, 12_000],
  ] as const) {
    const draft = orderOf(harness, number, gross);
    const booked = await createAndBook(adapter, draft);
    await adapter.registerPayment(booked, {
      ...(draft.payments[0] as InvoiceDraft["payments"][number]),
      depositAccount: clearing,
      date: "2026-12-01",
    });
  }
  const refunded = sampleInvoice(harness.accounts, { orderNumber: 998, email: "o998@example.dk" });
  const refundedInvoice = await createAndBook(adapter, refunded);
  const credit = sampleCreditNote(harness.accounts, refunded, "998-1");
  const refs = await prepareRefs(adapter, credit);
  const bookedCredit = await adapter.bookCreditNote(
    await adapter.createCreditNote(credit, { invoice: refundedInvoice, ...refs }),
  );
  await adapter.registerRefund(bookedCredit, {
    ...(credit.payments[0] as InvoiceDraft["payments"][number]),
    depositAccount: clearing,
    date: "2026-12-02",
  });
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
