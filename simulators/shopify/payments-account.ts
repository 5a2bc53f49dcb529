import type { Json } from "./rest-to-graphql";

/**
 * Shopify Payments as the simulator serves it (`shopifyPaymentsAccount { payouts,
 * balanceTransactions }`): balance transactions for the shop's charges, refunds and disputes,
 * fees computed per charge like Shopify's Danish pricing (a percentage plus a fixed amount), and
 * one payout per day settling that day's transactions.
 */
export interface PaymentEvent {
  kind: "charge" | "refund" | "chargeback";
  order: { id: string; name: string };
  /** Minor units, positive; the sign is applied by kind. */
  amount: number;
  /** Day the money moved, YYYY-MM-DD; the payout of that day settles it. */
  day: string;
  /** A chargeback's dispute fee, minor units. */
  disputeFee?: number;
}

export interface FeePlan {
  /** Basis points of the charge. */
  rateBp: number;
  fixed: number;
}

export interface PaymentsAccount {
  currency: string;
  payouts: Json[];
  balanceTransactions: Json[];
}

const decimal = (minor: number) => (minor / 100).toFixed(2);
const money = (minor: number, currencyCode: string) => ({ amount: decimal(minor), currencyCode });

export function simulatePaymentsAccount(
  events: readonly PaymentEvent[],
  options: { currency: string; fees: FeePlan; firstPayoutId?: number; firstTransactionId?: number },
): PaymentsAccount {
  const { currency, fees } = options;
  const days = [...new Set(events.map((e) => e.day))].sort();
  const payouts: Json[] = [];
  const balanceTransactions: Json[] = [];
  let payoutId = options.firstPayoutId ?? 90_000;
  let transactionId = options.firstTransactionId ?? 700_000;
  for (const day of days) {
    payoutId += 1;
    let net = 0;
    for (const event of events.filter((e) => e.day === day)) {
      transactionId += 1;
      const amount = event.kind === "charge" ? event.amount : -event.amount;
      const fee =
        event.kind === "charge"
          ? Math.round((event.amount * fees.rateBp) / 10_000) + fees.fixed
          : event.kind === "chargeback"
            ? (event.disputeFee ?? 0)
            : 0;
      net += amount - fee;
      balanceTransactions.push({
        id: `gid://shopify/ShopifyPaymentsBalanceTransaction/${transactionId}`,
        type: { charge: "CHARGE", refund: "REFUND", chargeback: "CHARGEBACK_HOLD" }[event.kind],
        test: false,
        transactionDate: `${day}T12:00:00Z`,
        adjustmentReason: null,
        sourceType: { charge: "CHARGE", refund: "REFUND", chargeback: "DISPUTE" }[event.kind],
        amount: money(amount, currency),
        fee: money(fee, currency),
        net: money(amount - fee, currency),
        associatedOrder: { id: event.order.id, name: event.order.name },
        associatedPayout: { id: `gid://shopify/ShopifyPaymentsPayout/${payoutId}`, status: "PAID" },
        payoutLegacyId: String(payoutId),
      });
    }
    payouts.push({
      id: `gid://shopify/ShopifyPaymentsPayout/${payoutId}`,
      legacyResourceId: String(payoutId),
      // Paid out the next morning.
      issuedAt: `${nextDay(day)}T06:00:00Z`,
      status: "PAID",
      transactionType: net < 0 ? "WITHDRAWAL" : "DEPOSIT",
      net: money(Math.abs(net), currency),
    });
  }
  return { currency, payouts, balanceTransactions };
}

/**
 * Settles more payment events into an existing account (the demo's "today's payout"): new payouts
 * and transactions continue the account's ids, so the account grows like Shopify's does.
 */
export function settleIntoAccount(
  account: PaymentsAccount,
  events: readonly PaymentEvent[],
  fees: FeePlan,
): Json[] {
  const lastId = (items: Json[], prefix: string, floor: number) =>
    items.reduce((max, item) => Math.max(max, Number(String(item.id).slice(prefix.length))), floor);
  const added = simulatePaymentsAccount(events, {
    currency: account.currency,
    fees,
    firstPayoutId: lastId(account.payouts, "gid://shopify/ShopifyPaymentsPayout/", 90_000),
    firstTransactionId: lastId(
      account.balanceTransactions,
      "gid://shopify/ShopifyPaymentsBalanceTransaction/",
      700_000,
    ),
  });
  account.payouts.push(...added.payouts);
  account.balanceTransactions.push(...added.balanceTransactions);
  return added.payouts;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Shopify's search syntax, the two filters the app uses: `issued_at:>=DAY`, `payments_transfer_id:N`. */
export function filterPayouts(payouts: readonly Json[], query: unknown): Json[] {
  const since = /issued_at:>=(\d{4}-\d{2}-\d{2})/.exec(String(query ?? ""))?.[1];
  const list = since ? payouts.filter((p) => String(p.issuedAt).slice(0, 10) >= since) : [...payouts];
  return list.sort((a, b) => String(a.issuedAt).localeCompare(String(b.issuedAt)));
}

export function filterBalanceTransactions(transactions: readonly Json[], query: unknown): Json[] {
  const payout = /payments_transfer_id:(\d+)/.exec(String(query ?? ""))?.[1];
  return payout ? transactions.filter((t) => t.payoutLegacyId === payout) : [...transactions];
}
