import { performance } from "node:perf_hooks";
import type { PrismaClient } from "@prisma/client";
import type { TransfersPage, TransfersQuery } from "../app/transfers/list-transfers.server";
import { listTransfers } from "../app/transfers/list-transfers.server";
import type { BenchDatabase } from "./lib/bench-databases";
import { freshPostgres, pgliteOnDisk, postgresReachable } from "./lib/bench-databases";
import { percentile } from "./lib/stats";
import type { Cell } from "./lib/table";
import type { BenchOutcome, TargetCheck } from "./lib/targets";

/**
 * Bench 4 — the transfers page's query. One shop with 100,000 transfers and another with
 * 10,000 interleaved with them (so isolation is tested, not assumed), realistic statuses, names
 * and document numbers, bulk-inserted with SQL. Times `listTransfers(db, shopId, query)` — the
 * server's work for the page's data — 20 times per query after a warm-up.
 */

const TARGET_MS = 100;

interface Scenario {
  label: string;
  query: TransfersQuery;
  /** Checks the answer is right, not only fast. */
  check(page: TransfersPage): string | undefined;
  target: boolean;
}

export interface PageTiming {
  database: "pglite" | "postgres";
  label: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  rows: number;
  problem: string | undefined;
  target: boolean;
}

/**
 * Appends `count` jobs for `shopId` numbered from `first`: 95 % succeeded, 2 % failed, 1.5 %
 * skipped, the rest queued/waiting/running; every tenth a credit note; five minutes apart.
 */
export async function seedJobs(
  db: PrismaClient,
  shopId: string,
  first: number,
  count: number,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Job" (id, "shopId", kind, "businessKey", "orderId", "orderName", "refundId", status, trigger,
                       "sourceOrder", progress, attempts, "lastError", "documentId", "documentNumber",
                       "createdAt", "updatedAt", "finishedAt")
    SELECT gen_random_uuid(), ${shopId}, s.kind,
           s.kind || ':gid://shopify/' || CASE WHEN s.kind = 'invoice' THEN 'Order/' ELSE 'Refund/' END || s.n,
           'gid://shopify/Order/' || s.n, '#' || (1000 + s.i),
           CASE WHEN s.kind = 'creditNote' THEN 'gid://shopify/Refund/' || s.n END,
           s.status, 'paid', repeat(md5(s.i::text), 16),
           CASE WHEN s.status = 'succeeded'
                THEN jsonb_build_object('document', jsonb_build_object('id', md5(s.i::text), 'number', (20000 + s.i)::text))
                ELSE '{}'::jsonb END,
           CASE WHEN s.status = 'failed' THEN 5 ELSE 1 END,
           CASE WHEN s.status = 'failed'
                  THEN '{"kind":"validation","message":"The ledger refused the invoice: account 1000 does not exist","retryable":false}'::jsonb
                WHEN s.status = 'skipped'
                  THEN '{"kind":"skipped","message":"The order was cancelled before it was transferred","retryable":false}'::jsonb
           END,
           CASE WHEN s.status = 'succeeded' THEN md5(s.i::text) END,
           CASE WHEN s.status = 'succeeded' THEN (20000 + s.i)::text END,
           s.at, s.at, CASE WHEN s.status IN ('succeeded', 'failed', 'skipped') THEN s.at END
      FROM (SELECT g AS i,
                   5550000000000000000 + g AS n,
                   CASE WHEN g % 10 = 0 THEN 'creditNote' ELSE 'invoice' END AS kind,
                   CASE WHEN g % 1000 < 950 THEN 'succeeded' WHEN g % 1000 < 970 THEN 'failed'
                        WHEN g % 1000 < 985 THEN 'skipped' WHEN g % 1000 < 995 THEN 'queued'
                        WHEN g % 1000 < 998 THEN 'waiting' ELSE 'running' END AS status,
                   now() - make_interval(mins => 5 * (${first + count}::int - g)) AS at
              FROM generate_series(${first}::int, ${first + count - 1}::int) AS g) AS s`;
}

async function seed(
  db: PrismaClient,
  total: number,
  other: number,
): Promise<{ shopId: string; otherId: string }> {
  const shop = await db.shop.create({ data: { platform: "shopify", domain: "bench-big.myshopify.com" } });
  const neighbour = await db.shop.create({
    data: { platform: "shopify", domain: "bench-neighbour.myshopify.com" },
  });
  // Ten rounds, the neighbour's jobs in between, so both shops' rows share pages of the table;
  // the neighbour's order names and numbers overlap the middle of the big shop's, so a search
  // that leaked across shops would find them.
  const rounds = 10;
  const overlap = total / 2 - other / 2;
  for (let round = 0; round < rounds; round++) {
    await seedJobs(db, shop.id, 1 + (round * total) / rounds, total / rounds);
    await seedJobs(db, neighbour.id, 1 + overlap + (round * other) / rounds, other / rounds);
  }
  await db.$executeRawUnsafe(`ANALYZE "Job"`);
  return { shopId: shop.id, otherId: neighbour.id };
}

function scenarios(total: number, deepCursor: string): Scenario[] {
  const middle = Math.floor(total / 2) + 7;
  const notNeighbour = (page: TransfersPage) => (page.rows.length === 0 ? "no rows" : undefined);
  return [
    {
      label: "first page (all, 50 rows)",
      query: {},
      target: true,
      check: (page) =>
        notNeighbour(page) ??
        (Object.values(page.counts).reduce((sum, n) => sum + n, 0) === total
          ? undefined
          : `counts add up to ${Object.values(page.counts).reduce((sum, n) => sum + n, 0)}, not ${total}`),
    },
    {
      label: `search "#${1000 + middle}" (order name)`,
      query: { search: `#${1000 + middle}` },
      target: true,
      check: (page) =>
        page.rows.some((row) => row.orderName === `#${1000 + middle}`) ? undefined : "order not found",
    },
    {
      label: `search "${20000 + middle}" (document number)`,
      query: { search: String(20000 + middle) },
      target: true,
      check: (page) => (page.rows.length > 0 ? undefined : "document not found"),
    },
    {
      label: "search with no match",
      query: { search: "ZZ-NO-SUCH-ORDER" },
      target: true,
      check: (page) => (page.rows.length === 0 ? undefined : "matched something"),
    },
    {
      label: "status failed, first page",
      query: { status: ["failed"] },
      target: false,
      check: (page) =>
        page.rows.every((row) => row.status === "failed") && page.rows.length > 0 ? undefined : "wrong rows",
    },
    {
      label: "credit notes, first page",
      query: { kind: "creditNote" },
      target: false,
      check: (page) => (page.rows.every((row) => row.kind === "creditNote") ? undefined : "wrong rows"),
    },
    {
      label: "a page 90 % deep (cursor)",
      query: { cursor: deepCursor },
      target: false,
      check: (page) => (page.rows.length === 50 ? undefined : `${page.rows.length} rows`),
    },
  ];
}

async function timeScenario(
  db: PrismaClient,
  shopId: string,
  scenario: Scenario,
  runs: number,
): Promise<{ timings: number[]; page: TransfersPage }> {
  let page = await listTransfers(db, shopId, scenario.query);
  for (let i = 0; i < 2; i++) page = await listTransfers(db, shopId, scenario.query);
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    page = await listTransfers(db, shopId, scenario.query);
    timings.push(performance.now() - started);
  }
  return { timings, page };
}

async function benchOn(
  database: BenchDatabase,
  total: number,
  other: number,
  runs: number,
  log: (line: string) => void,
): Promise<PageTiming[]> {
  const db = database.prisma();
  const seeding = performance.now();
  const { shopId, otherId } = await seed(db, total, other);
  log(
    `  ${database.kind}: seeded ${total + other} jobs in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  const deep = await db.job.findFirstOrThrow({
    where: { shopId },
    orderBy: { seq: "asc" },
    skip: Math.floor(total * 0.1),
    select: { seq: true },
  });
  const results: PageTiming[] = [];
  for (const scenario of scenarios(total, `a${deep.seq}`)) {
    const { timings, page } = await timeScenario(db, shopId, scenario, runs);
    const sorted = [...timings].sort((a, b) => a - b);
    const foreign = await db.job.count({
      where: { id: { in: page.rows.map((row) => row.id) }, shopId: otherId },
    });
    results.push({
      database: database.kind,
      label: scenario.label,
      runs,
      medianMs: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      rows: page.rows.length,
      problem: foreign > 0 ? `${foreign} rows of the other shop!` : scenario.check(page),
      target: scenario.target,
    });
  }
  return results;
}

export async function benchTransfersPage(options: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<BenchOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const total = options.quick ? 10_000 : 100_000;
  const other = total / 10;
  const runs = options.quick ? 10 : 20;
  const notes: string[] = [];
  const timings: PageTiming[] = [];
  const databases: Array<() => Promise<BenchDatabase>> = [() => pgliteOnDisk()];
  if (await postgresReachable()) databases.push(() => freshPostgres());
  else notes.push("PostgreSQL was not reachable at 127.0.0.1:5432: the PostgreSQL rows were SKIPPED.");
  for (const open of databases) {
    const database = await open();
    try {
      timings.push(...(await benchOn(database, total, other, runs, log)));
    } finally {
      await database.close();
    }
  }
  const rows: Cell[][] = timings.map((timing) => [
    timing.database === "pglite" ? "PGlite" : "PostgreSQL",
    timing.label,
    round(timing.medianMs),
    round(timing.p95Ms),
    timing.rows,
    timing.problem ?? "ok",
  ]);
  const targets: TargetCheck[] = timings
    .filter((timing) => timing.target)
    .map((timing) => ({
      target: `${timing.label} < ${TARGET_MS} ms (${timing.database === "pglite" ? "PGlite" : "PostgreSQL"}, p95)`,
      measured: `median ${round(timing.medianMs)} ms, p95 ${round(timing.p95Ms)} ms${timing.problem ? ` — WRONG ANSWER: ${timing.problem}` : ""}`,
      met: timing.p95Ms < TARGET_MS && timing.problem === undefined,
      gap: timing.problem ?? `${round(timing.p95Ms - TARGET_MS)} ms over`,
    }));
  notes.push(
    `${total.toLocaleString("en-US")} transfers of one shop and ${other.toLocaleString("en-US")} of another, interleaved; 95 % succeeded, 2 % failed, 1.5 % skipped, the rest queued/waiting/running; every tenth a credit note. Times are listTransfers() in the server process (the page's queries: rows and status counts), ${runs} runs after a warm-up; the page's HTML rendering is not included.`,
  );
  return {
    name: "page",
    title: `Transfers page over ${total.toLocaleString("en-US")} transfers`,
    tables: [
      {
        title: `Transfers page over ${total.toLocaleString("en-US")} transfers: listTransfers() server time`,
        columns: ["database", "query", "median ms", "p95 ms", "rows", "answer"],
        rows,
      },
    ],
    targets,
    notes,
    data: { total, other, runs, timings },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
