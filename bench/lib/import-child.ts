import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { prisma, prepareDatabase, disconnectDatabase } from "../../app/db/prisma.server";
import { runBackfill, startBackfill } from "../../app/engine/backfill.server";
import type { OrderSource } from "../../app/sources/source-contract";
import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";

/**
 * The historical import, alone in its own process so its memory is measured without the
 * benchmark driver or the Shopify simulator: migrates the database it is pointed at
 * (PGLITE_DATA_DIR or DATABASE_URL), creates a shop and runs the real `runBackfill` over the
 * Shopify Admin API at argv[2]. RSS is sampled every 100 ms and at each quarter of the orders;
 * the result goes back to the parent over IPC.
 */

export interface ImportChildResult {
  type: "done";
  status: string;
  total: number;
  done: number;
  jobs: number;
  wallMs: number;
  /** Of the wall time: waiting for the Shopify side (list pages and order fetches over HTTP). */
  sourceMs: number;
  /** RSS before the import started, MB. */
  baselineRssMb: number;
  /** RSS when 25/50/75/100 % of the orders had been fetched, MB. */
  quartileRssMb: number[];
  /** Highest sampled RSS and the kernel's high-water mark (VmHWM), MB. */
  sampledPeakRssMb: number;
  hwmMb: number;
  samples: Array<[number, number]>;
  error: string | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function vmHwmMb(): number {
  const status = fs.readFileSync("/proc/self/status", "utf8");
  return Math.round((Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024) * 10) / 10;
}

async function main(): Promise<void> {
  const [shopifyUrl, expectedText] = process.argv.slice(2);
  if (!shopifyUrl || !expectedText) throw new Error("usage: import-child.ts SHOPIFY_URL EXPECTED_ORDERS");
  const expected = Number(expectedText);
  await prepareDatabase();
  const db = prisma();
  const shop = await db.shop.create({ data: { platform: "shopify", domain: "bench-import.myshopify.com" } });
  const backfill = await startBackfill(db, shop.id, {
    from: new Date("2000-01-01"),
    to: new Date("2100-01-01"),
  });

  const source = shopifyOrderSource(
    new AdminGraphqlClient({ baseUrl: shopifyUrl, accessToken: "shpat_simulator" }),
  );
  const quartileRssMb: number[] = [];
  let fetched = 0;
  let sourceMs = 0;
  const counted: OrderSource = {
    ordersUpdatedSince: (since) => source.ordersUpdatedSince(since),
    async *ordersCreatedBetween(from, to) {
      const iterator = source.ordersCreatedBetween(from, to)[Symbol.asyncIterator]();
      for (;;) {
        const asked = performance.now();
        const next = await iterator.next();
        sourceMs += performance.now() - asked;
        if (next.done) return;
        yield next.value;
      }
    },
    async fetchOrder(id) {
      const asked = performance.now();
      const document = await source.fetchOrder(id);
      sourceMs += performance.now() - asked;
      fetched++;
      if (fetched >= ((quartileRssMb.length + 1) * expected) / 4)
        quartileRssMb.push(mb(process.memoryUsage().rss));
      return document;
    },
  };

  global.gc?.();
  const baselineRssMb = mb(process.memoryUsage().rss);
  const started = performance.now();
  const samples: Array<[number, number]> = [];
  const sampler = setInterval(() => {
    samples.push([Math.round(performance.now() - started), mb(process.memoryUsage().rss)]);
  }, 100);
  const result = await runBackfill(db, backfill.id, counted);
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const jobs = await db.job.count({ where: { shopId: shop.id } });
  const message: ImportChildResult = {
    type: "done",
    status: result.status,
    total: result.total,
    done: result.done,
    jobs,
    wallMs,
    sourceMs,
    baselineRssMb,
    quartileRssMb,
    sampledPeakRssMb: Math.max(baselineRssMb, ...samples.map(([, rss]) => rss)),
    hwmMb: vmHwmMb(),
    samples,
    error: result.error,
  };
  await disconnectDatabase();
  process.send?.(message, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
