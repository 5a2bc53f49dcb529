import type { Job, PrismaClient } from "@prisma/client";
import type { CurrencyCode } from "../../domain/money";
import type { Payout, PayoutTransaction } from "../../domain/payouts/payout";
import { buildPayoutEntry, type PayoutEntry } from "../../domain/payouts/payout-entry";
import type { JobError, JobStatus } from "../job-types";
import { payoutAccountsFrom } from "../../settings/payout-settings-schema";
import { loadShopSettings } from "../../settings/settings-store";
import { prismaSettingsStorage } from "../../shops/shop-settings-storage.server";
import { PAYOUT_JOB_KIND, payoutBusinessKey, readStoredPayout } from "./payout-jobs";
import type { PayoutProgress } from "./payout-handler";

/** One row of the Payouts list: what the bookkeeper checks against the bank statement. */
export interface PayoutSummary {
  jobId: string;
  payoutId: string;
  date: string;
  currency: CurrencyCode;
  /** Sum of what the transactions moved (sales − refunds − disputes …). */
  gross: number;
  fees: number;
  net: number;
  /** Orders settled by the payout whose transfer Ledger Bridge made / all orders it settles. */
  matchedOrders: number;
  orders: number;
  voucherNumber: string | null;
  status: JobStatus;
  error: JobError | null;
}

/** How a settled transaction relates to what the app transferred, found by the order's id. */
export type TransactionMatch =
  | { status: "transferred"; jobId: string; documentNumber: string | null }
  | { status: "notTransferred"; jobStatus: JobStatus | null }
  | { status: "notAnOrder" };

export interface PayoutDetail extends PayoutSummary {
  transactions: Array<PayoutTransaction & { match: TransactionMatch }>;
  /** The entry booked, or (not booked yet) the one the current settings would book. */
  entry: PayoutEntry | null;
  booked: boolean;
  /** Orders the payout settles that the app never transferred: each can be transferred now. */
  unmatchedOrders: Array<{ id: string; name: string }>;
}

export async function listPayouts(db: PrismaClient, shopId: string, limit = 100): Promise<PayoutSummary[]> {
  const jobs = await db.job.findMany({
    where: { shopId, kind: PAYOUT_JOB_KIND },
    orderBy: { seq: "desc" },
    take: limit,
  });
  const payouts = jobs.map((job) => ({ job, payout: readStoredPayout(job.sourceOrder) }));
  const matches = await matchesFor(
    db,
    shopId,
    payouts.flatMap(({ payout }) => payout.transactions),
  );
  return payouts.map(({ job, payout }) => summarise(job, payout, matches));
}

export async function payoutDetail(
  db: PrismaClient,
  shopId: string,
  payoutId: string,
): Promise<PayoutDetail | null> {
  const job = await db.job.findUnique({
    where: { shopId_businessKey: { shopId, businessKey: payoutBusinessKey(payoutId) } },
  });
  if (!job || job.kind !== PAYOUT_JOB_KIND) return null;
  const payout = readStoredPayout(job.sourceOrder);
  const matches = await matchesFor(db, shopId, payout.transactions);
  const progress = job.progress as PayoutProgress;
  const booked = job.status === "succeeded" && progress.entry !== undefined;
  const entry = booked ? (progress.entry ?? null) : await entryFromSettings(db, shopId, payout);
  const transactions = payout.transactions.map((t) => ({ ...t, match: matchOf(t, matches) }));
  const unmatched = new Map<string, { id: string; name: string }>();
  for (const t of transactions) {
    if (t.category === "sale" && t.match.status === "notTransferred" && t.order)
      unmatched.set(t.order.id, t.order);
  }
  return {
    ...summarise(job, payout, matches),
    transactions,
    entry,
    booked,
    unmatchedOrders: [...unmatched.values()],
  };
}

/** The entry the shop's current payout settings give, or null while they are incomplete or it is refused. */
export async function entryFromSettings(
  db: PrismaClient,
  shopId: string,
  payout: Payout,
): Promise<PayoutEntry | null> {
  const accounts = payoutAccountsFrom(await loadShopSettings(prismaSettingsStorage(db), shopId));
  if (!accounts.ok) return null;
  const built = buildPayoutEntry(payout, accounts.accounts);
  return built.ok ? built.entry : null;
}

/** The app's jobs for the orders the transactions name: invoices for sales, credit notes for refunds. */
type Matches = Map<string, Pick<Job, "id" | "kind" | "status" | "documentNumber">[]>;

async function matchesFor(
  db: PrismaClient,
  shopId: string,
  transactions: PayoutTransaction[],
): Promise<Matches> {
  const orderIds = [...new Set(transactions.flatMap((t) => (t.order ? [t.order.id] : [])))];
  const jobs =
    orderIds.length === 0
      ? []
      : await db.job.findMany({
          where: { shopId, orderId: { in: orderIds }, kind: { in: ["invoice", "creditNote"] } },
          select: { id: true, orderId: true, kind: true, status: true, documentNumber: true },
        });
  const byOrder: Matches = new Map();
  for (const job of jobs) byOrder.set(job.orderId, [...(byOrder.get(job.orderId) ?? []), job]);
  return byOrder;
}

function matchOf(t: PayoutTransaction, matches: Matches): TransactionMatch {
  if (!t.order || (t.category !== "sale" && t.category !== "refund")) return { status: "notAnOrder" };
  const kind = t.category === "sale" ? "invoice" : "creditNote";
  const jobs = (matches.get(t.order.id) ?? []).filter((job) => job.kind === kind);
  const done = jobs.find((job) => job.status === "succeeded");
  if (done) return { status: "transferred", jobId: done.id, documentNumber: done.documentNumber };
  return { status: "notTransferred", jobStatus: (jobs[0]?.status as JobStatus | undefined) ?? null };
}

function summarise(job: Job, payout: Payout, matches: Matches): PayoutSummary {
  const sales = payout.transactions.filter((t) => t.category === "sale" && t.order);
  const orders = new Set(sales.map((t) => t.order?.id));
  const matched = new Set(
    sales.filter((t) => matchOf(t, matches).status === "transferred").map((t) => t.order?.id),
  );
  return {
    jobId: job.id,
    payoutId: payout.id,
    date: payout.issuedAt.slice(0, 10),
    currency: payout.currency,
    gross: payout.transactions.reduce((sum, t) => sum + t.amount, 0),
    fees: payout.transactions.reduce((sum, t) => sum + t.fee, 0),
    net: payout.net,
    matchedOrders: matched.size,
    orders: orders.size,
    voucherNumber: job.documentNumber ?? (job.status === "succeeded" ? job.documentId : null),
    status: job.status as JobStatus,
    error: (job.lastError as JobError | null) ?? null,
  };
}
