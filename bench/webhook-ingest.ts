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

function prepare(count: number): PreparedRequest[] {
  return Array.from({ length: count }, () => {
    const { body } = benchOrder(nextOrder++);
    const init = shopifyWebhookInit({ topic: "orders/paid", shop: LOCAL_SHOP_DOMAIN, body, secret: SECRET });
    return {
      path: "/webhooks/orders/paid",
      headers: init.headers as Record<string, string>,
      body: Buffer.from(init.body as string),
    };
  });
}

async function drive(target: Target, rate: number, durationMs: number): Promise<IngestStep> {
  const requests = prepare(Math.round((rate * durationMs) / 1000));
  const poster = httpPoster(target.url);
  const cpuBefore = processCpuMs(target.pid);
  try {
    const result = await runOpenLoop({
      ratePerSecond: rate,
      durationMs,
      send: (index) => poster.post(requests[index] as PreparedRequest),
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
): Promise<{ steps: IngestStep[]; saturatedAt: number | undefined }> {
  // Warm-up (JIT, connection pools, first queries), not reported.
  await drive(target, 50, warmupMs);
  await settle(target);
  const steps: IngestStep[] = [];
  for (const rate of rates) {
    const step = await drive(target, rate, stepMs);
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

/** Runs the app on `database`; afterwards counts what it stored, to prove every 200 was recorded. */
async function withApp(
  database: BenchDatabase,
  run: (target: Target) => Promise<IngestStep[]>,
): Promise<{ steps: IngestStep[]; recorded: number; jobs: number }> {
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
    steps = await run({
      label: `app (${database.kind === "pglite" ? "PGlite" : "PostgreSQL"})`,
      url: app.url,
      pid: app.child.pid ?? 0,
    });
  } finally {
    await app.stop();
  }
  const db = database.prisma();
  const recorded = await db.webhookEvent.count({ where: { topic: "orders/paid" } });
  const jobs = await db.job.count();
  return { steps, recorded, jobs };
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
      const result = await withApp(database, async (target) => {
        const run = await runSteps(target, rates, stepMs, warmupMs, log);
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
      const accepted = result.steps.reduce((sum, step) => sum + step.ok, 0);
      // Warm-up deliveries are recorded too: at least every accepted one must be there.
      if (result.recorded < accepted) {
        notes.push(
          `${database.kind}: only ${result.recorded} of ${accepted} accepted webhooks were recorded!`,
        );
      } else {
        notes.push(
          `${database.kind}: all ${accepted} accepted deliveries were recorded (${result.recorded} with warm-up), ${result.jobs} jobs queued.`,
        );
      }
      const at = result.steps.find((step) => step.rate === TARGET_RATE);
      const base = floorAt(TARGET_RATE);
      const label = database.kind === "pglite" ? "PGlite" : "PostgreSQL";
      if (at) {
        checks.push({
          target: `p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} webhooks/s (${label})`,
          measured: `p99 ${at.p99.toFixed(1)} ms, ${at.throughput.toFixed(0)}/s achieved, ${at.failed} failed`,
          met: at.p99 < TARGET_P99_MS && at.failed === 0,
          gap:
            at.failed > 0 ? `${at.failed} requests failed` : `${(at.p99 - TARGET_P99_MS).toFixed(1)} ms over`,
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
