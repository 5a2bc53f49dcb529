import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { resetEnvForTests } from "../app/config/env.server";
import { ingestShopifyEvent } from "../app/engine/ingest/ingest-shopify-event.server";
import { saveConnection } from "../app/engine/ledger-connections.server";
import { createTransferWorker } from "../app/engine/transfer-engine.server";
import type { LedgerProviderId } from "../app/ledgers/ledger-contract";
import type { RecordedRequest } from "../simulators/kit/simulator-server";
import { SecretBox, secretKeyFromBase64 } from "../app/lib/secret-box.server";
import { saveShopSettings } from "../app/settings/settings-store";
import { prismaSettingsStorage } from "../app/shops/shop-settings-storage.server";
import { pgliteOnDisk } from "./lib/bench-databases";
import { benchOrder } from "./lib/bench-orders";
import type { BenchLedger, LedgerLoad } from "./lib/simulated-ledgers";
import { BENCH_LEDGERS } from "./lib/simulated-ledgers";
import type { RecoveryCalls } from "./lib/recovery-calls";
import { measureRecoveryCalls } from "./lib/recovery-calls";
import type { Cell } from "./lib/table";
import type { BenchOutcome, TargetCheck } from "./lib/targets";

/**
 * Bench 2 — transfer throughput. One shop's paid orders transferred by the engine's worker
 * (createTransferWorker, the app's PGlite queue and token bucket) to a ledger simulator that
 * enforces R requests per minute and answers after L ms. The bucket is set to R, so the ceiling
 * is R ÷ (ledger calls per order); calls are counted from the simulator's request log.
 */

const PROVIDERS: LedgerProviderId[] = ["dinero", "billy", "economic"];
const TARGET_SHARE = 0.9;

/**
 * The fewest calls a booked, paid invoice can take in each ledger when the customer and the
 * products are already known (cached): the engine's create, book and one call per payment.
 */
const MINIMUM_CALLS: Record<LedgerProviderId, { calls: (payments: number) => number; why: string }> = {
  dinero: {
    calls: (payments) => 2 + payments,
    why: "POST invoice + POST book + POST payment per payment",
  },
  billy: {
    calls: (payments) => 2 + payments,
    why: "POST invoice (draft) + PUT approve + POST bankPayment per payment (Billy could also create it approved: 1 + payments)",
  },
  economic: {
    calls: (payments) => 2 + payments,
    why: "POST draft + POST booked + POST journal voucher per payment",
  },
  dynaccount: {
    calls: (payments) => 2 + payments,
    why: "put order + book + voucher per payment",
  },
};

export interface ThroughputRun {
  provider: LedgerProviderId;
  perMinute: number;
  latencyMs: number;
  durationMs: number;
  enqueued: number;
  succeeded: number;
  failed: number;
  rateLimited: number;
  payments: number;
  callsPerOrder: number;
  minimumCalls: number;
  ordersPerMinute: number;
  ceilingMeasured: number;
  ceilingMinimum: number;
  warmOrderCalls: string;
  /** One warm order whose invoice create answer was lost: its calls and the creates that reached the ledger. */
  recovery: RecoveryCalls;
}

async function seedShop(
  db: PrismaClient,
  ledger: BenchLedger,
  box: SecretBox,
): Promise<{ id: string; domain: string }> {
  const shop = await db.shop.create({
    data: { platform: "shopify", domain: `bench-${ledger.provider}.myshopify.com` },
  });
  const saved = await saveShopSettings(prismaSettingsStorage(db), shop.id, ledger.settings);
  if (!saved.ok)
    throw new Error(`bench settings for ${ledger.provider} are invalid: ${JSON.stringify(saved.errors)}`);
  await saveConnection(db, { shopId: shop.id, ...ledger.connection }, box);
  return shop;
}

/** "GET /v1/123/invoices/9f…/payments" → "GET invoices/:id/payments", to tell calls apart by kind. */
export function callKind(request: Pick<RecordedRequest, "method" | "path">): string {
  const path = request.path
    .replace(/^\/v\d+(\.\d+)?\/\d+\//, "/")
    .replace(/^\/v\d+\/\d+\/[0-9a-f]{40}\//, "/")
    .replace(/^\/v2\//, "/")
    .split("/")
    .filter(Boolean)
    .map((part, index) => (index > 0 && /[\dA-Z]/.test(part) ? ":id" : part))
    .join("/");
  return `${request.method} ${path}`;
}

function describeCalls(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(callKind(request), (counts.get(callKind(request)) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => (count > 1 ? `${kind} ×${count}` : kind)).join(", ");
}

async function runLedger(
  provider: LedgerProviderId,
  load: LedgerLoad,
  durationMs: number,
): Promise<ThroughputRun> {
  const ledger = await BENCH_LEDGERS[provider](load);
  const database = await pgliteOnDisk();
  const saved = { ...process.env };
  try {
    Object.assign(process.env, ledger.env);
    resetEnvForTests();
    const db = database.prisma();
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    const shop = await seedShop(db, ledger, box);
    // Before the load: one order whose create answer is lost, on a queue holding only it.
    const recovery = await measureRecoveryCalls({
      db,
      provider,
      ledger,
      load,
      box,
      shopId: shop.id,
      shopDomain: shop.domain,
      orderNumber: 1_000_000,
    });
    const loadStart = Date.now();
    // More orders than the best possible pace could finish, so the worker never runs dry.
    const enqueued = Math.ceil(((load.perMinute / 3) * durationMs) / 60_000) + 5;
    for (let n = 0; n < enqueued; n++) {
      await ingestShopifyEvent(db, {
        shopDomain: shop.domain,
        topic: "orders/paid",
        // e-conomic books only into an open accounting year: the orders are dated today.
        rawBody: benchOrder(2_000_000 + n, { today: true }).body,
      });
    }
    const worker = createTransferWorker(db, {
      box,
      pollMs: 50,
      rateLimit: { perMinute: load.perMinute, burst: 1 },
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    await worker.stop();

    const jobs = await db.job.findMany({ where: { shopId: shop.id }, orderBy: { seq: "asc" } });
    const done = jobs.filter(
      (job) => job.status === "succeeded" && job.finishedAt && job.finishedAt.getTime() >= loadStart,
    );
    const finished = done.map((job) => (job.finishedAt as Date).getTime()).sort((a, b) => a - b);
    const first = finished[0] ?? 0;
    const last = finished[finished.length - 1] ?? 0;
    // Steady state: the orders after the first (which also created the customer and products).
    const warmRequests = ledger.requests.filter((request) => request.at > first && request.at <= last);
    const warmOrders = Math.max(0, finished.length - 1);
    const callsPerOrder = warmOrders > 0 ? warmRequests.length / warmOrders : Number.NaN;
    const payments =
      (done[0]?.progress as { draft?: { payments?: unknown[] } } | null)?.draft?.payments?.length ?? 1;
    const minimumCalls = MINIMUM_CALLS[provider].calls(payments);
    const beforeLast = finished[finished.length - 2] ?? first;
    return {
      provider,
      perMinute: load.perMinute,
      latencyMs: load.latencyMs,
      durationMs,
      enqueued,
      succeeded: done.length,
      failed: jobs.filter((job) => job.status === "failed").length,
      rateLimited: ledger.requests.filter((request) => request.status === 429).length,
      payments,
      callsPerOrder,
      minimumCalls,
      ordersPerMinute: warmOrders > 0 ? (warmOrders * 60_000) / (last - first) : 0,
      ceilingMeasured: load.perMinute / callsPerOrder,
      ceilingMinimum: load.perMinute / minimumCalls,
      recovery,
      warmOrderCalls: describeCalls(ledger.requests.filter((r) => r.at > beforeLast && r.at <= last)),
    };
  } finally {
    process.env = saved;
    resetEnvForTests();
    await database.close();
    await ledger.close();
  }
}

export async function benchTransferThroughput(options: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<BenchOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const load: LedgerLoad = { perMinute: 240, latencyMs: 50 };
  const durationMs = options.quick ? 15_000 : 60_000;
  const runs: ThroughputRun[] = [];
  for (const provider of PROVIDERS) {
    const run = await runLedger(provider, load, durationMs);
    log(
      `  ${provider}: ${run.succeeded} orders, ${run.ordersPerMinute.toFixed(1)}/min, ${run.callsPerOrder.toFixed(1)} calls/order warm, ${run.recovery.calls} calls for a recovery (${run.recovery.creates} create), ${run.rateLimited} × 429, ${run.failed} failed`,
    );
    runs.push(run);
  }
  const rows: Cell[][] = runs.map((run) => [
    run.provider,
    run.perMinute,
    run.latencyMs,
    run.succeeded,
    run.failed,
    run.rateLimited,
    round(run.callsPerOrder),
    run.minimumCalls,
    round(run.ceilingMeasured),
    round(run.ordersPerMinute),
    `${Math.round((100 * run.ordersPerMinute) / run.ceilingMeasured)} %`,
    round(run.ceilingMinimum),
    `${Math.round((100 * run.ordersPerMinute) / run.ceilingMinimum)} %`,
  ]);
  const targets: TargetCheck[] = runs.flatMap((run) => {
    const share = run.ordersPerMinute / run.ceilingMeasured;
    return [
      {
        target: `≥ ${TARGET_SHARE * 100} % of the ceiling R ÷ calls/order (${run.provider})`,
        measured: `${round(run.ordersPerMinute)} of ${round(run.ceilingMeasured)} orders/min (${Math.round(share * 100)} %)`,
        met: share >= TARGET_SHARE,
        gap: `${Math.round((TARGET_SHARE - share) * 100)} points short`,
      },
      {
        target: `no failures from 429s (${run.provider})`,
        measured: `${run.failed} failed jobs, ${run.rateLimited} × 429 answered (retried)`,
        met: run.failed === 0,
        gap: `${run.failed} jobs failed`,
      },
      {
        target: `calls/order at the minimum (${run.provider}: ${run.minimumCalls})`,
        measured: `${round(run.callsPerOrder)} calls/order`,
        met: run.callsPerOrder <= run.minimumCalls,
        gap: `${round(run.callsPerOrder - run.minimumCalls)} extra calls per order, so ${Math.round((100 * run.ordersPerMinute) / run.ceilingMinimum)} % of the best possible ${round(run.ceilingMinimum)} orders/min`,
      },
    ];
  });
  const notes = [
    `R = ${load.perMinute} requests/min enforced by each simulator (sliding 60 s window; e-conomic a fixed window of tokens), L = ${load.latencyMs} ms on every answer; the engine's token bucket is set to R with a burst of 1. One shop (a shop's jobs run one at a time), ${durationMs / 1000} s per ledger, PGlite on disk.`,
    "Calls/order counts every request the ledger's rate-limited API host answered between the first and the last finished order (the first order also created the customer and products); token requests to Dinero's auth host are not rate limited and not counted.",
    ...runs.map(
      (run) =>
        `Minimum for ${run.provider}: ${MINIMUM_CALLS[run.provider].why} (${run.payments} payment(s)).`,
    ),
    ...runs.map((run) => `One warm ${run.provider} order: ${run.warmOrderCalls}.`),
    ...runs.map(
      (run) =>
        `Recovery on ${run.provider}: a warm order whose invoice create answer was lost took ${run.recovery.calls} calls over both attempts, ${run.recovery.creates} create(s) reached the ledger, ${run.recovery.succeeded ? "transferred" : "NOT transferred"}.`,
    ),
  ];
  return {
    name: "throughput",
    title: "Transfer throughput against rate-limited ledgers",
    tables: [
      {
        title: "Transfer throughput: orders/minute vs the ceiling R ÷ calls per order",
        columns: [
          "ledger",
          "R/min",
          "L ms",
          "orders done",
          "failed",
          "429s",
          "calls/order",
          "min calls",
          "ceiling/min",
          "achieved/min",
          "of ceiling",
          "ceiling at min",
          "of that",
        ],
        rows,
      },
    ],
    targets,
    notes,
    data: { load, durationMs, runs },
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
