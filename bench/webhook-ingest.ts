import path from "node:path";
import { performance } from "node:perf_hooks";
import { LOCAL_SHOP_DOMAIN } from "../app/auth/local-shop.server";
import { shopifyWebhookInit } from "../test/support/shopify-webhook-request";
import { startAppProcess } from "../test/support/app-process";
import type { BenchDatabase } from "./lib/bench-databases";
import { freshPostgres, pgliteOnDisk, postgresReachable } from "./lib/bench-databases";
import { benchOrder } from "./lib/bench-orders";
import type { PreparedRequest } from "./lib/load-generator";
import { httpPoster, runOpenLoop } from "./lib/load-generator";
import { forkTs, nextMessage, processCpuMs, ROOT, stopChild } from "./lib/processes";
import { summarize } from "./lib/stats";
import type { Cell } from "./lib/table";
import type { BenchOutcome, TargetCheck } from "./lib/targets";

/**
 * Bench 1 — webhook ingest. Signed `orders/paid` webhooks (each a distinct order and delivery)
 * at increasing open-loop rates against the real app (`ledger-bridge start`, local mode, worker
 * in-process as deployed) on PGlite and on PostgreSQL, and against a floor in the same run: a
 * bare node:http server that only checks the HMAC, driven by the same generator.
 */

const SECRET = "bench-webhook-secret";
const TARGET_RATE = 200;
const TARGET_P99_MS = 50;
const TARGET_RATIO = 3;
/** The issue's CPU targets: app CPU per request against the floor's, per database. */
const TARGET_CPU_RATIO = { postgres: 3, pglite: 4 } as const;

export interface IngestStep {
  server: string;
  rate: number;
  offered: number;
  ok: number;
  failed: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsPerRequest: number | undefined;
  dispatchLagP99Ms: number;
}

interface Target {
  label: string;
  url: string;
  pid: number;
}

let nextOrder = 1_000_000;

interface BenchDelivery extends PreparedRequest {
  deliveryId: string;
  orderId: string;
}

function prepare(count: number): BenchDelivery[] {
  return Array.from({ length: count }, () => {
    const { body, orderId } = benchOrder(nextOrder++);
    const init = shopifyWebhookInit({ topic: "orders/paid", shop: LOCAL_SHOP_DOMAIN, body, secret: SECRET });
    const headers = init.headers as Record<string, string>;
    return {
      path: "/webhooks/orders/paid",
      headers,
      body: Buffer.from(init.body as string),
      deliveryId: headers["x-shopify-webhook-id"] as string,
      orderId,
    };
  });
}

/** Every delivery the app answered 2xx, for the exactly-once check after the run. */
type Accepted = Array<{ deliveryId: string; orderId: string }>;

async function drive(
  target: Target,
  rate: number,
  durationMs: number,
  accepted: Accepted = [],
): Promise<IngestStep> {
  const requests = prepare(Math.round((rate * durationMs) / 1000));
  const poster = httpPoster(target.url);
  const cpuBefore = processCpuMs(target.pid);
  try {
    const result = await runOpenLoop({
      ratePerSecond: rate,
      durationMs,
      send: async (index) => {
        const request = requests[index] as BenchDelivery;
        const ok = await poster.post(request);
        if (ok) accepted.push({ deliveryId: request.deliveryId, orderId: request.orderId });
        return ok;
      },
    });
    const cpuAfter = processCpuMs(target.pid);
    const latency = summarize(result.latenciesMs);
    return {
      server: target.label,
      rate,
      offered: result.offered,
      ok: result.ok,
      failed: result.failed + result.unanswered,
      throughput: result.throughput,
      p50: latency.p50,
      p99: latency.p99,
      max: latency.max,
      cpuMsPerRequest:
        cpuBefore === undefined || cpuAfter === undefined
          ? undefined
          : (cpuAfter - cpuBefore) / result.offered,
      dispatchLagP99Ms: result.dispatchLagP99Ms,
    };
  } finally {
    poster.close();
  }
}

/** Waits until the server answers /healthz promptly again (it may still be working off a backlog). */
async function settle(target: Target): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const healthy = await fetch(`${target.url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy && performance.now() - started < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function runSteps(
  target: Target,
  rates: readonly number[],
  stepMs: number,
  warmupMs: number,
  log: (line: string) => void,
  accepted: Accepted = [],
): Promise<{ steps: IngestStep[]; saturatedAt: number | undefined }> {
  // Warm-up (JIT, connection pools, first queries), not reported.
  await drive(target, 50, warmupMs, accepted);
  await settle(target);
  const steps: IngestStep[] = [];
  for (const rate of rates) {
    const step = await drive(target, rate, stepMs, accepted);
    log(
      `  ${target.label} @ ${rate}/s: ${step.throughput.toFixed(0)}/s ok, p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, ${step.failed} failed`,
    );
    steps.push(step);
    await settle(target);
    // Past saturation a higher rate only measures a longer queue (and takes minutes to drain).
    if (step.throughput < rate * 0.5) return { steps, saturatedAt: rate };
  }
  return { steps, saturatedAt: undefined };
}

async function withFloor<T>(run: (target: Target) => Promise<T>): Promise<T> {
  const child = forkTs(path.join(ROOT, "bench/lib/hmac-floor-server.ts"), [], {
    LOCAL_WEBHOOK_SECRET: SECRET,
  });
  try {
    const { port } = await nextMessage(
      child,
      (message): message is { port: number } => typeof (message as { port?: unknown })?.port === "number",
      30_000,
    );
    return await run({
      label: "floor (node:http + HMAC)",
      url: `http://127.0.0.1:${port}`,
      pid: child.pid ?? 0,
    });
  } finally {
    await stopChild(child);
  }
}

/**
 * Runs the app on `database`; afterwards reads what it stored, to prove every 200 was recorded
 * exactly once: each accepted delivery id once in the delivery log, each of their (distinct)
 * orders with exactly one job.
 */
async function withApp(
  database: BenchDatabase,
  run: (target: Target, accepted: Accepted) => Promise<IngestStep[]>,
): Promise<{ steps: IngestStep[]; recorded: number; jobs: number; exactlyOnce: ExactlyOnce }> {
  const accepted: Accepted = [];
  await database.release();
  const app = await startAppProcess(
    {
      ...database.env,
      LOCAL_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: "info",
      NODE_ENV: "production",
      // The app as deployed: no in-process demo simulators competing for the CPU.
      DEMO_SIMULATORS: "off",
    },
    300_000,
  );
  let steps: IngestStep[];
  try {
    steps = await run(
      {
        label: `app (${database.kind === "pglite" ? "PGlite" : "PostgreSQL"})`,
        url: app.url,
        pid: app.child.pid ?? 0,
      },
      accepted,
    );
  } finally {
    await app.stop();
  }
  const db = database.prisma();
  const events = await db.webhookEvent.findMany({
    where: { topic: "orders/paid" },
    select: { deliveryId: true },
  });
  const jobRows = await db.job.findMany({ select: { orderId: true } });
  return {
    steps,
    recorded: events.length,
    jobs: jobRows.length,
    exactlyOnce: exactlyOnce(
      accepted,
      events.map((event) => event.deliveryId),
      jobRows.map((job) => job.orderId),
    ),
  };
}

interface ExactlyOnce {
  accepted: number;
  /** Accepted deliveries missing from the delivery log, or in it more than once. */
  deliveriesNotOnce: number;
  /** Accepted deliveries' orders without exactly one job. */
  ordersNotOnce: number;
}

function exactlyOnce(accepted: Accepted, deliveryIds: string[], jobOrderIds: string[]): ExactlyOnce {
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  const deliveries = count(deliveryIds);
  const jobs = count(jobOrderIds);
  return {
    accepted: accepted.length,
    deliveriesNotOnce: accepted.filter((a) => deliveries.get(a.deliveryId) !== 1).length,
    ordersNotOnce: accepted.filter((a) => jobs.get(a.orderId) !== 1).length,
  };
}

export async function benchWebhookIngest(options: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<BenchOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const rates = options.quick ? [50, 200] : [50, 100, 200, 400];
  const stepMs = options.quick ? 3_000 : 10_000;
  const warmupMs = options.quick ? 1_000 : 3_000;
  const notes: string[] = [];
  const steps: IngestStep[] = [];
  const checks: TargetCheck[] = [];

  const floor = (await withFloor((target) => runSteps(target, rates, stepMs, warmupMs, log))).steps;
  steps.push(...floor);
  const floorAt = (rate: number) => floor.find((step) => step.rate === rate);

  const databases: Array<() => Promise<BenchDatabase>> = [() => pgliteOnDisk({ migrate: false })];
  if (await postgresReachable()) databases.push(() => freshPostgres({ migrate: false }));
  else notes.push("PostgreSQL was not reachable at 127.0.0.1:5432: the PostgreSQL rows were SKIPPED.");

  for (const open of databases) {
    const database = await open();
    try {
      const result = await withApp(database, async (target, accepted) => {
        const run = await runSteps(target, rates, stepMs, warmupMs, log, accepted);
        if (run.saturatedAt !== undefined) {
          const skipped = rates.filter((rate) => rate > (run.saturatedAt as number));
          if (skipped.length > 0)
            notes.push(
              `${target.label}: saturated at ${run.saturatedAt}/s (under half the offered rate answered), so ${skipped.join(" and ")}/s were not run.`,
            );
        }
        return run.steps;
      });
      steps.push(...result.steps);
      const once = result.exactlyOnce;
      const label = database.kind === "pglite" ? "PGlite" : "PostgreSQL";
      checks.push({
        target: `every accepted delivery recorded exactly once, with one job per order (${label})`,
        measured: `${once.accepted} accepted (warm-up included): ${once.deliveriesNotOnce} not recorded exactly once, ${once.ordersNotOnce} orders without exactly one job; ${result.recorded} deliveries and ${result.jobs} jobs stored`,
        met: once.deliveriesNotOnce === 0 && once.ordersNotOnce === 0,
        gap: `${once.deliveriesNotOnce} deliveries and ${once.ordersNotOnce} orders off`,
      });
      const at = result.steps.find((step) => step.rate === TARGET_RATE);
      const base = floorAt(TARGET_RATE);
      if (at) {
        checks.push({
          target: `p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} webhooks/s (${label})`,
          measured: `p99 ${at.p99.toFixed(1)} ms, ${at.throughput.toFixed(0)}/s achieved, ${at.failed} failed`,
          met: at.p99 < TARGET_P99_MS && at.failed === 0,
          gap:
            at.failed > 0 ? `${at.failed} requests failed` : `${(at.p99 - TARGET_P99_MS).toFixed(1)} ms over`,
        });
      }
      const sustainable = result.steps
        .filter(
          (step) => step.p99 < TARGET_P99_MS && step.failed === 0 && step.throughput >= step.rate * 0.95,
        )
        .reduce((best, step) => Math.max(best, step.rate), 0);
      notes.push(
        `${label}: max sustainable rate measured (p99 < ${TARGET_P99_MS} ms, 0 failed): ${sustainable > 0 ? `${sustainable}/s` : `none of ${rates.join(", ")}/s`}.`,
      );
      if (at && base && at.cpuMsPerRequest !== undefined && base.cpuMsPerRequest) {
        const limit = TARGET_CPU_RATIO[database.kind];
        const cpu = at.cpuMsPerRequest / base.cpuMsPerRequest;
        checks.push({
          target: `app CPU/request ≤ ${limit}× the floor's at ${TARGET_RATE}/s (${label})`,
          measured: `${cpu.toFixed(1)}× (${cpuRatio(at, base)})`,
          met: cpu <= limit,
          gap: `${cpu.toFixed(1)}× against ${limit}×`,
        });
      }
      if (at && base) {
        const ratio = at.p99 / base.p99;
        checks.push({
          target: `app p99 ÷ floor p99 ≤ ${TARGET_RATIO} at ${TARGET_RATE}/s (${label})`,
          measured: `${ratio.toFixed(1)}× (${at.p99.toFixed(1)} ms vs ${base.p99.toFixed(1)} ms); p50 ${(at.p50 / base.p50).toFixed(1)}×; CPU/request ${cpuRatio(at, base)}`,
          met: ratio <= TARGET_RATIO,
          gap: `${ratio.toFixed(1)}× — the floor only parses and hashes; the app also verifies, records and enqueues in the database`,
        });
      }
    } finally {
      await database.close();
    }
  }

  const rows: Cell[][] = steps.map((step) => [
    step.server,
    step.rate,
    Math.round(step.throughput),
    step.failed,
    round(step.p50),
    round(step.p99),
    round(step.max),
    step.cpuMsPerRequest === undefined ? null : round(step.cpuMsPerRequest),
    floorAt(step.rate) && !step.server.startsWith("floor")
      ? round(step.p99 / (floorAt(step.rate) as IngestStep).p99)
      : null,
    round(step.dispatchLagP99Ms),
  ]);
  notes.push(
    `Open loop: each request is due at start + i/rate and its latency runs from then, so queueing shows. ${stepMs / 1000} s per rate after a ${warmupMs / 1000} s warm-up; each webhook a distinct order (9 KB body). "gen lag" is how late the generator itself sent (its own health on a shared machine). CPU ms/req is the server process's CPU time per request.`,
  );
  return {
    name: "ingest",
    title: "Webhook ingest (signed orders/paid)",
    tables: [
      {
        title: "Webhook ingest: open-loop rate vs latency",
        columns: [
          "server",
          "offered/s",
          "achieved/s",
          "failed",
          "p50 ms",
          "p99 ms",
          "max ms",
          "CPU ms/req",
          "p99 ÷ floor",
          "gen lag p99 ms",
        ],
        rows,
      },
    ],
    targets: checks,
    notes,
    data: { rates, stepMs, warmupMs, steps },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function cpuRatio(app: IngestStep, floor: IngestStep): string {
  if (app.cpuMsPerRequest === undefined || floor.cpuMsPerRequest === undefined || floor.cpuMsPerRequest === 0)
    return "n/a";
  return `${app.cpuMsPerRequest.toFixed(2)} vs ${floor.cpuMsPerRequest.toFixed(2)} ms`;
}
