import type { PrismaClient, Shop } from "@prisma/client";
import { PAYOUT_LOOKBACK_MS } from "../app/engine/payouts/payout-poll.server";
import { syncPayouts } from "../app/engine/payouts/payout-sync.server";
import { listPayouts } from "../app/engine/payouts/payout-view.server";
import { isLedgerProviderId } from "../app/ledgers/registry";
import { payoutSourceForShop } from "../app/sources/shopify/shop-payout-source.server";
import { settleIntoAccount, type PaymentEvent } from "../simulators/shopify/payments-account";
import type { Json } from "../simulators/shopify/rest-to-graphql";
import type { DemoEnvironment, DemoLedger, DemoShopify } from "./demo-types";

/**
 * "Create today's payout": Shopify Payments settles the demo shop's transferred card payments and
 * refunds that no payout has settled yet into one payout of today (fees per charge, Shopify's Danish pricing),
 * and the app syncs and books it with the Payouts page's own use case.
 */

/** Shopify Payments' Danish standard pricing: 1.9 % + 1.80 kr per charge (docs/payouts.md). */
export const DEMO_FEES = { rateBp: 190, fixed: 180 };

export type DemoPayoutOutcome =
  | { ok: true; payoutId: string; orders: number; enqueued: number }
  | { ok: false; reason: "noShopify" | "noSimulator" | "nothingToPayOut" };

export async function createTodaysPayout(
  db: PrismaClient,
  shop: Shop,
  demo: DemoEnvironment,
  now: Date,
): Promise<DemoPayoutOutcome> {
  const shopify = demo.shopify;
  if (!shopify) return { ok: false, reason: "noShopify" };
  if (!(await connectedDemoLedger(db, shop.id, demo))) return { ok: false, reason: "noSimulator" };
  const events = await unsettledEvents(db, shop.id, shopify, now.toISOString().slice(0, 10));
  if (events.length === 0) return { ok: false, reason: "nothingToPayOut" };
  const [payout] = settleIntoAccount(shopify.payments, events, DEMO_FEES);
  const synced = await syncPayouts(db, shop, await payoutSourceForShop(shop), {
    since: new Date(now.getTime() - PAYOUT_LOOKBACK_MS),
    trigger: "manual",
  });
  return {
    ok: true,
    payoutId: String(payout?.legacyResourceId ?? ""),
    orders: events.length,
    enqueued: synced.enqueued,
  };
}

/**
 * The card payments and refunds the app transferred (their money sits in the clearing account)
 * that no payout settled yet, as Shopify Payments' events of `day`.
 */
async function unsettledEvents(
  db: PrismaClient,
  shopId: string,
  shopify: DemoShopify,
  day: string,
): Promise<PaymentEvent[]> {
  const settled = (type: string) =>
    new Set(
      shopify.payments.balanceTransactions
        .filter((t) => t.type === type)
        .map((t) => String((t.associatedOrder as Json).id)),
    );
  const [charged, refunded] = [settled("CHARGE"), settled("REFUND")];
  const cardOrders = shopify.store.orders.filter((order) =>
    ((order.rest?.payment_gateway_names ?? []) as unknown[]).includes("shopify_payments"),
  );
  const jobs = await db.job.findMany({
    where: {
      shopId,
      status: "succeeded",
      kind: { in: ["invoice", "creditNote"] },
      orderId: { in: cardOrders.map((o) => String(o.graphql.id)) },
    },
    select: { orderId: true, kind: true },
  });
  const transferred = (kind: string, id: string) => jobs.some((j) => j.kind === kind && j.orderId === id);
  const events: PaymentEvent[] = [];
  for (const order of cardOrders) {
    const id = String(order.graphql.id);
    const ref = { id, name: String(order.graphql.name) };
    if (!charged.has(id) && transferred("invoice", id))
      events.push({ kind: "charge", order: ref, amount: minor(order.rest?.total_price), day });
    const refundedMinor = refundTotal(order.rest);
    if (refundedMinor > 0 && !refunded.has(id) && transferred("creditNote", id))
      events.push({ kind: "refund", order: ref, amount: refundedMinor, day });
  }
  return events;
}

const minor = (decimal: unknown) => Math.round(Number(decimal ?? 0) * 100);

function refundTotal(rest: Json | undefined): number {
  const refunds = Array.isArray(rest?.refunds) ? (rest.refunds as Json[]) : [];
  return refunds
    .flatMap((refund) => (Array.isArray(refund.transactions) ? (refund.transactions as Json[]) : []))
    .reduce((sum, transaction) => sum + minor(transaction.amount), 0);
}

async function connectedDemoLedger(
  db: PrismaClient,
  shopId: string,
  demo: DemoEnvironment,
): Promise<DemoLedger | undefined> {
  const connection = await db.ledgerConnection.findUnique({ where: { shopId }, select: { provider: true } });
  const provider = connection?.provider;
  return provider && isLedgerProviderId(provider) ? demo.ledgers[provider] : undefined;
}

/** The demo card: the latest payout, its voucher, and the clearing account as the ledger holds it. */
export interface DemoPayoutView {
  payoutId: string;
  date: string;
  currency: string;
  gross: number;
  fees: number;
  net: number;
  orders: number;
  matchedOrders: number;
  status: string;
  voucherNumber: string | null;
  clearingAccount: string;
  /** Minor units, debit positive: 0 once every transferred card payment was paid out. */
  clearingBalance: number;
}

export async function demoPayoutView(
  db: PrismaClient,
  shopId: string,
  demo: DemoEnvironment,
): Promise<DemoPayoutView | null> {
  const ledger = await connectedDemoLedger(db, shopId, demo);
  const latest = (await listPayouts(db, shopId))[0];
  if (!ledger || !latest) return null;
  const clearing = ledger.payoutAccounts.clearing;
  return {
    payoutId: latest.payoutId,
    date: latest.date,
    currency: latest.currency,
    gross: latest.gross,
    fees: latest.fees,
    net: latest.net,
    orders: latest.orders,
    matchedOrders: latest.matchedOrders,
    status: latest.status,
    voucherNumber: latest.voucherNumber,
    clearingAccount: clearing,
    clearingBalance: ledger.accountBalance(clearing),
  };
}
