import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseJsonSafely } from "../app/sources/shopify/parse-json-safely";
import { startShopifyAdminSimulator } from "../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../simulators/shopify/shopify-store";
import type { Json } from "../simulators/shopify/rest-to-graphql";
import { DANISH_ORDER } from "../test/support/order-templates";
import type { BenchDatabase } from "./lib/bench-databases";
import { freshPostgres, pgliteOnDisk, postgresReachable } from "./lib/bench-databases";
import type { ImportChildResult } from "./lib/import-child";
import { forkTs, nextMessage, ROOT, stopChild } from "./lib/processes";
import type { Cell } from "./lib/table";
import type { BenchOutcome, TargetCheck } from "./lib/targets";

/**
 * Bench 3 — historical import. The Shopify Admin simulator holds N paid orders created over the
 * past year; the real `runBackfill` (paged order list, then each order fetched over Admin
 * GraphQL and enqueued) imports them into a fresh database, in a child process whose memory is
 * sampled every 100 ms and whose kernel high-water mark (VmHWM) is read at the end.
 */

const TARGET_PEAK_MB = 300;
/** "Flat": the last quarter's RSS within this much of the first quarter's. */
const FLAT_TOLERANCE_MB = 30;

export interface ImportRun extends Omit<ImportChildResult, "type" | "samples"> {
  database: "pglite" | "postgres";
  orders: number;
  graphqlRequests: number;
  requestedCost: number;
}

export function seedStore(count: number, now: Date = new Date()): ShopifyStore {
  const store = new ShopifyStore();
  const template = parseJsonSafely(DANISH_ORDER) as Json;
  const yearMs = 365 * 24 * 60 * 60 * 1000;
  for (let i = 0; i < count; i++) {
    // Spread over the past year, oldest first, as a shop's history is.
    store.createOrderFromTemplate(template, { now: new Date(now.getTime() - yearMs + (i * yearMs) / count) });
  }
  return store;
}

async function importInto(
  database: BenchDatabase,
  shopifyUrl: string,
  orders: number,
): Promise<Omit<ImportChildResult, "type">> {
  await database.release();
  const child = forkTs(path.join(ROOT, "bench/lib/import-child.ts"), [shopifyUrl, String(orders)], {
    ...database.env,
    LOG_LEVEL: "error",
    NODE_ENV: "production",
  });
  try {
    return await nextMessage(
      child,
      (message): message is ImportChildResult => (message as { type?: unknown })?.type === "done",
      30 * 60_000,
    );
  } finally {
    await stopChild(child);
  }
}

export async function benchHistoricalImport(options: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<BenchOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const orders = options.quick ? 1_000 : 10_000;
  const seeded = performance.now();
  const store = seedStore(orders);
  log(`  seeded ${orders} orders in the Shopify simulator (${Math.round(performance.now() - seeded)} ms)`);
  const shopify = await startShopifyAdminSimulator({
    store,
    // Shopify's cost throttling is the shop's plan, not our code: lifted here, noted below.
    bucket: { maximumAvailable: 1e12, restoreRate: 1e12 },
  });
  const notes: string[] = [];
  const runs: ImportRun[] = [];
  try {
    // Migrated beforehand, as a running app's database is: a brand-new PGlite folder would add
    // its one-off initdb to the import's memory.
    const databases: Array<() => Promise<BenchDatabase>> = [() => pgliteOnDisk()];
    if (await postgresReachable()) databases.push(() => freshPostgres());
    else notes.push("PostgreSQL was not reachable at 127.0.0.1:5432: the PostgreSQL row was SKIPPED.");
    for (const open of databases) {
      const database = await open();
      const operationsBefore = shopify.operations.length;
      try {
        const result = await importInto(database, shopify.url, orders);
        const operations = shopify.operations.slice(operationsBefore);
        const { samples: _samples, ...rest } = result;
        const run: ImportRun = {
          ...rest,
          database: database.kind,
          orders,
          graphqlRequests: operations.length,
          requestedCost: operations.reduce((sum, operation) => sum + operation.requestedCost, 0),
        };
        log(
          `  ${database.kind}: ${run.jobs} jobs in ${(run.wallMs / 1000).toFixed(1)} s, peak RSS ${run.hwmMb} MB (${run.quartileRssMb.join(" / ")} MB at 25/50/75/100 %)`,
        );
        runs.push(run);
      } finally {
        await database.close();
      }
    }
  } finally {
    await shopify.close();
  }

  const rows: Cell[][] = runs.map((run) => [
    run.database === "pglite" ? "PGlite (on disk)" : "PostgreSQL",
    run.orders,
    run.jobs,
    run.status,
    round(run.wallMs / 1000),
    round(run.sourceMs / 1000),
    Math.round((run.orders * 1000) / run.wallMs),
    run.baselineRssMb,
    ...[0, 1, 2, 3].map((index) => run.quartileRssMb[index] ?? null),
    run.hwmMb,
  ]);
  const targets: TargetCheck[] = runs.flatMap((run) => {
    const label = run.database === "pglite" ? "PGlite" : "PostgreSQL";
    const first = run.quartileRssMb[0] ?? Number.NaN;
    const last = run.quartileRssMb[3] ?? Number.NaN;
    const growth = last - first;
    return [
      {
        target: `all ${run.orders.toLocaleString("en-US")} orders enqueued (${label})`,
        measured: `${run.jobs} jobs, import ${run.status}${run.error ? `: ${run.error}` : ""}`,
        met: run.jobs === run.orders && run.status === "done",
        gap: `${run.orders - run.jobs} orders missing`,
      },
      {
        target: `peak RSS < ${TARGET_PEAK_MB} MB (${label})`,
        measured: `${run.hwmMb} MB (VmHWM)`,
        met: run.hwmMb < TARGET_PEAK_MB,
        gap: `${round(run.hwmMb - TARGET_PEAK_MB)} MB over`,
      },
      {
        target: `flat memory: RSS at 100 % within ${FLAT_TOLERANCE_MB} MB of RSS at 25 % (${label})`,
        measured: `${round(growth)} MB (${first} → ${last} MB)`,
        met: Math.abs(growth) <= FLAT_TOLERANCE_MB,
        gap: `grew ${round(growth)} MB over the last three quarters`,
      },
    ];
  });
  const first = runs[0];
  notes.push(
    `The import runs in its own process (the simulator and the driver are elsewhere); RSS includes Node, Prisma and — for PGlite — the embedded database's WebAssembly heap (about 400 MB once open, with shared_buffers = 128 MB inside it: its buffer cache filling as the database grows shows as RSS growth up to that bound). PostgreSQL's own processes are not counted, so its row is the importer's own memory.`,
    `runBackfill reads the order list twice (a count pass for the progress bar, then the enqueue pass; 50 orders per page) and fetches each order with OrderForInvoice — ${first ? `${first.graphqlRequests.toLocaleString("en-US")} GraphQL requests, ${first.requestedCost.toLocaleString("en-US")} points of requested cost` : "n/a"}. Shopify's cost throttling was lifted in the simulator: on a real shop the import is bound by the plan's restore rate (at the simulator's default 50 points/s the requested cost alone would take ${first ? Math.round(first.requestedCost / 50 / 60) : "n/a"} min, less after Shopify refunds unused cost). It does not use the bulk export (bulk-order-export.ts).`,
  );
  return {
    name: "import",
    title: `Historical import of ${orders.toLocaleString("en-US")} orders`,
    tables: [
      {
        title: `Historical import of ${orders.toLocaleString("en-US")} orders: wall time and memory`,
        columns: [
          "database",
          "orders",
          "jobs",
          "status",
          "wall s",
          "of which Shopify s",
          "orders/s",
          "RSS start MB",
          "25 %",
          "50 %",
          "75 %",
          "100 %",
          "peak MB",
        ],
        rows,
      },
    ],
    targets,
    notes,
    data: { orders, runs },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
