import { jobErrorOf, type JobErrorText } from "../i18n/job-error-text";
import { originalText } from "../lib/storable-text";
import type { PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { JOB_STATUSES } from "../engine/job-state";
import type { JobKind, JobStatus, JobTrigger } from "../engine/job-types";
import { numericOrderId, shopifyOrderGid } from "./order-ids";
import { decodeTransferCursor, encodeTransferCursor } from "./transfer-cursor";

export const JOB_KINDS = ["invoice", "creditNote"] as const;

export interface TransfersQuery {
  status?: JobStatus[] | "all";
  kind?: JobKind;
  /** An order name or number ("#1042", "1042"), a ledger document number, or an order id. */
  search?: string;
  /** From a previous page's `nextCursor` or `previousCursor`. */
  cursor?: string;
  /** Rows per page; default 50, at most 250. */
  limit?: number;
}

export interface TransferRow {
  id: string;
  orderId: string;
  /** Shopify's numeric order id, which addresses the order page; null for other platforms. */
  orderNumericId: string | null;
  orderName: string | null;
  kind: JobKind;
  refundId: string | null;
  status: JobStatus;
  changedAfterTransfer: boolean;
  documentNumber: string | null;
  trigger: JobTrigger;
  attempts: number;
  /** The merchant-facing message of the last failure (or why the job was skipped or needs attention). */
  lastError: string | null;
  /** What kind of failure that was (e.g. "invoiceHandledManually"), for a translated reason. */
  lastErrorKind: string | null;
  /** The same with its catalogue key, for the page to show in the merchant's language. */
  lastErrorText: JobErrorText | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransfersPage {
  rows: TransferRow[];
  /** Older rows; null on the last page. */
  nextCursor: string | null;
  /** Newer rows; null on the first page. */
  previousCursor: string | null;
  /** The shop's jobs per status, whatever the filters, for the status tabs. */
  counts: Record<JobStatus, number>;
}

export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 250;

const ROW_COLUMNS = {
  id: true,
  seq: true,
  orderId: true,
  orderName: true,
  kind: true,
  refundId: true,
  status: true,
  changedAfterTransfer: true,
  documentNumber: true,
  trigger: true,
  attempts: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.JobSelect;

/**
 * One page of a shop's transfers, newest first. Every query starts with the shop id, so it runs
 * on the (shopId, seq) index and never looks at another shop's rows; pages are keyset cursors on
 * `seq` (unique), so equal timestamps can neither repeat nor skip a row between pages.
 */
export async function listTransfers(
  db: PrismaClient,
  shopId: string,
  query: TransfersQuery,
): Promise<TransfersPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const statuses = query.status === undefined || query.status === "all" ? undefined : query.status;
  const cursor = query.cursor ? decodeTransferCursor(query.cursor) : undefined;
  const backwards = cursor?.direction === "before";
  const [found, counts] = await Promise.all([
    db.job.findMany({
      where: {
        shopId,
        // Payout jobs share the queue but are listed on the Payouts page.
        kind: query.kind ?? { not: "payout" },
        ...searchFilter(query.search),
        ...(statuses ? { status: { in: statuses } } : {}),
        ...(cursor ? { seq: backwards ? { gt: cursor.seq } : { lt: cursor.seq } } : {}),
      },
      orderBy: { seq: backwards ? "asc" : "desc" },
      take: limit + 1,
      select: ROW_COLUMNS,
    }),
    query.search?.trim() ? countsOfSearch(db, shopId, query.search) : countsByStatus(db, shopId),
  ]);
  const more = found.length > limit;
  const page = found.slice(0, limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const olderExist = backwards ? cursor !== undefined : more;
  const newerExist = backwards ? more : cursor !== undefined;
  return {
    rows: page.map(toRow),
    nextCursor: olderExist && last ? encodeTransferCursor("after", last.seq) : null,
    previousCursor: newerExist && first ? encodeTransferCursor("before", first.seq) : null,
    counts,
  };
}

/**
 * What merchants type: a whole order name or number ("#1042", "1042"), a ledger document number,
 * or an order id (GID or numeric). Matching is exact — letters also upper-cased, as order
 * prefixes and document numbers are ("DK1042", "INV-7") — so with (shopId, orderName) and
 * (shopId, documentNumber) indexes a search is a few index probes; without them it is at worst
 * one scan of this shop's rows, never another shop's.
 */
function searchFilter(search: string | undefined): Prisma.JobWhereInput {
  const text = search?.trim();
  if (!text) return {};
  if (text.startsWith("gid://")) return { orderId: text };
  const digits = /^#?(\d+)$/.exec(text)?.[1];
  if (digits) {
    return {
      OR: [
        { orderName: { in: [`#${digits}`, digits] } },
        { documentNumber: digits },
        { orderId: shopifyOrderGid(digits) },
        // WooCommerce jobs carry the store's numeric order id.
        { orderId: digits },
      ],
    };
  }
  const variants = [...new Set([text, text.toUpperCase()])];
  return { OR: [{ orderName: { in: variants } }, { documentNumber: { in: variants } }] };
}

/**
 * Per-status counts without grouping every row: the shop's total comes from the (shopId, seq)
 * index, the few unfinished, failed or skipped jobs through the (status, runAfter) index, and
 * succeeded is what remains.
 */
async function countsByStatus(db: PrismaClient, shopId: string): Promise<Record<JobStatus, number>> {
  const others = JOB_STATUSES.filter((status) => status !== "succeeded");
  const [[all], open] = await Promise.all([
    db.$queryRaw<
      Array<{ n: number }>
    >`SELECT count(*)::int AS n FROM "Job" WHERE "shopId" = ${shopId} AND kind <> 'payout'`,
    db.$queryRaw<Array<{ status: string; n: number }>>`
      SELECT status, count(*)::int AS n FROM "Job"
       WHERE "shopId" = ${shopId} AND kind <> 'payout' AND status IN (${Prisma.join(others)})
       GROUP BY status`,
  ]);
  const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  for (const row of open) if (row.status in counts) counts[row.status as JobStatus] = row.n;
  counts.succeeded = (all?.n ?? 0) - others.reduce((sum, status) => sum + counts[status], 0);
  return counts;
}

/** The tabs' counts while a search is typed: what each tab would list for that search. */
async function countsOfSearch(
  db: PrismaClient,
  shopId: string,
  search: string,
): Promise<Record<JobStatus, number>> {
  const groups = await db.job.groupBy({
    by: ["status"],
    where: { shopId, ...searchFilter(search) },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as Record<JobStatus, number>;
  for (const group of groups)
    if (group.status in counts) counts[group.status as JobStatus] = group._count._all;
  return counts;
}

type JobColumns = Prisma.JobGetPayload<{ select: typeof ROW_COLUMNS }>;

function toRow(job: JobColumns): TransferRow {
  return {
    id: job.id,
    orderId: job.orderId,
    orderNumericId: numericOrderId(job.orderId),
    orderName: job.orderName,
    kind: job.kind as JobKind,
    refundId: job.refundId,
    status: job.status as JobStatus,
    changedAfterTransfer: job.changedAfterTransfer !== null,
    documentNumber: job.documentNumber,
    trigger: job.trigger as JobTrigger,
    attempts: job.attempts,
    lastError: errorMessage(job.lastError),
    lastErrorKind: errorKind(job.lastError),
    lastErrorText: jobErrorOf(job.lastError),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

export function errorMessage(lastError: Prisma.JsonValue): string | null {
  return errorField(lastError, "message");
}

export function errorKind(lastError: Prisma.JsonValue): string | null {
  return errorField(lastError, "kind");
}

function errorField(lastError: Prisma.JsonValue, field: "message" | "kind"): string | null {
  if (typeof lastError !== "object" || lastError === null || Array.isArray(lastError)) return null;
  const value = (lastError as Record<string, unknown>)[field];
  // Stored in storable form (app/lib/storable-text.ts): shown as the platform sent it.
  return typeof value === "string" ? originalText(value) : null;
}
