import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { describeWhen, inPostgresPassOnly } from "../support/optional-suite";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";
import { LEDGERS_UNDER_TEST, settingsForLedger } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { note, seededRandom } from "../support/reliability-random";
import { seedShop } from "../support/reliability-shops";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase, postgresReachable } from "../support/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pgAvailable = await postgresReachable();
// PostgreSQL whatever DATABASE_URL says: CI's PGlite pass would only repeat it.
const suite = inPostgresPassOnly()
  ? describe.skip
  : (name: string, body: () => void) => describeWhen(pgAvailable, "PostgreSQL", name, body);

/**
 * Real worker processes (`ledger-bridge worker`) on one PostgreSQL, killed with SIGKILL in the
 * middle of a transfer: the durable queue, leases and step records must still give exactly one
 * invoice, one set of payments and one credit note. PGlite is single-process, so this needs
 * PostgreSQL.
 */
suite("worker processes: crashes and concurrency", () => {
  let database: TestDatabase;
  let dinero: DineroSimulator;
  const key = randomBytes(32).toString("base64");
  const box = new SecretBox(secretKeyFromBase64(key));
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    database = await createPostgresDatabase();
    dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await dinero?.close();
    await database?.close();
  });

  function spawnWorker(concurrency = 2, extraEnv: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/ledger-bridge.js"), "worker"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: key,
        DINERO_API_BASE_URL: dinero.url,
        DINERO_AUTH_BASE_URL: dinero.authUrl,
        // Long enough that a heartbeat is never missed on a loaded 2-core CI machine (a missed one lets a
        // second worker take over a live job); a killed worker's job is still taken over within seconds.
        WORKER_LEASE_MS: "4000",
        WORKER_POLL_MS: "50",
        // The simulator runs on this machine: what it gets, it stores within a second.
        WORKER_WRITE_MARGIN_MS: "1000",
        WORKER_CONCURRENCY: String(concurrency),
        LEDGER_REQUESTS_PER_MINUTE: "1000000",
        LOG_LEVEL: "error",
        NODE_ENV: "test",
        ...extraEnv,
      },
      stdio: "ignore",
    });
    children.add(child);
    child.once("exit", () => children.delete(child));
    return child;
  }

  const stop = (child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });

  // The box is made from `key`, the spawned workers' ENCRYPTION_KEY, so they can open the credentials.
  const newShop = (domain: string) => seedDineroShop(database.prisma, { domain, box });

  async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const organisation = () => {
    const org = dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
    if (!org) throw new Error("no simulated organisation");
    return org;
  };
  const vouchersWith = (reference: string) =>
    [...organisation().invoices.values(), ...organisation().creditNotes.values()].filter(
      (voucher) => voucher.ExternalReference === reference,
    );

  async function transferOneOrderKillingAt(
    write: number | undefined,
    mode: "5xx" | "dropAfterCommit",
    n: number,
  ) {
    // A fresh ledger each time, so every run creates its customer and products too.
    await dinero.close();
    dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const shop = await newShop(`kill-${n}.myshopify.com`);
    const order = danishOrder(n);
    await ingestShopifyEvent(database.prisma, {
      shopDomain: shop.domain,
      topic: "orders/paid",
      rawBody: order.order,
    });
    await ingestShopifyEvent(database.prisma, {
      shopDomain: shop.domain,
      topic: "refunds/create",
      rawBody: order.refund,
    });
    let writes = 0;
    let killed = false;
    const first = spawnWorker();
    if (write !== undefined) {
      dinero.faults.next(mode, 1, (request) => {
        if (request.method === "GET" || request.path.includes("/token")) return false;
        writes += 1;
        if (writes !== write) return false;
        killed = true;
        first.kill("SIGKILL");
        return true;
      });
    }
    const done = () =>
      database.prisma.job
        .count({ where: { shopId: shop.id, status: "succeeded" } })
        .then((count) => count === 2);
    if (write === undefined) {
      await waitFor(done, 120_000, "an uninterrupted transfer");
      await stop(first);
    } else {
      await waitFor(async () => killed || (await done()), 120_000, `write ${write}`);
      await stop(first, "SIGKILL");
      dinero.faults.reset();
      const second = spawnWorker();
      await waitFor(done, 120_000, `recovery after a kill at write ${write}`);
      await stop(second);
    }
    const jobs = await database.prisma.job.findMany({ where: { shopId: shop.id }, orderBy: { seq: "asc" } });
    const [invoiceJob, creditJob] = jobs;
    const invoiceDraft = (
      invoiceJob?.progress as { draft: { externalReference: string; payments: unknown[] } }
    ).draft;
    const creditDraft = (creditJob?.progress as { draft: { externalReference: string; payments: unknown[] } })
      .draft;
    const invoices = vouchersWith(invoiceDraft.externalReference);
    const credits = vouchersWith(creditDraft.externalReference);
    expect(invoices, `invoices after a kill at write ${write}`).toHaveLength(1);
    expect(credits, `credit notes after a kill at write ${write}`).toHaveLength(1);
    expect(invoices[0]?.Status).toBe("Booked");
    expect(credits[0]?.Status).toBe("Booked");
    expect(invoices[0]?.payments).toHaveLength(invoiceDraft.payments.length);
    expect(credits[0]?.payments).toHaveLength(creditDraft.payments.length);
    expect(credits[0]?.CreditNoteFor).toBe(invoices[0]?.Guid);
    return { writes, killed };
  }

  it("gives exactly one invoice, payment set and credit note when a worker is killed at any ledger write", async () => {
    // A clean run counts the writes one order takes; then one run per write, killing there.
    await transferOneOrderKillingAt(undefined, "5xx", 0);
    const writesPerOrder = dinero.requests.filter((r) => r.method !== "GET").length;
    expect(writesPerOrder).toBeGreaterThan(4);
    for (let write = 1; write <= writesPerOrder; write++) {
      const mode = write % 2 === 0 ? "dropAfterCommit" : "5xx";
      const { killed } = await transferOneOrderKillingAt(write, mode, write);
      expect(killed, `the worker was killed at write ${write}`).toBe(true);
    }
  }, 1_200_000);

  it("runs 1,000 orders from 20 shops on two worker processes with no duplicate and each shop in order", async () => {
    const db = database.prisma;
    await dinero.close();
    dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const shops = await Promise.all(Array.from({ length: 20 }, (_, i) => newShop(`bulk-${i}.myshopify.com`)));
    for (let n = 0; n < 1000; n++) {
      const shop = shops[n % 20];
      if (!shop) throw new Error("no shop");
      await ingestShopifyEvent(db, {
        shopDomain: shop.domain,
        topic: "orders/paid",
        rawBody: danishOrder(10_000 + n).order,
      });
    }
    const workers = [spawnWorker(4), spawnWorker(4)];
    const shopIds = shops.map((s) => s.id);
    await waitFor(
      async () => (await db.job.count({ where: { shopId: { in: shopIds }, status: "succeeded" } })) === 1000,
      900_000,
      "1,000 transfers",
    );
    await Promise.all(workers.map((worker) => stop(worker)));
    const jobs = await db.job.findMany({ where: { shopId: { in: shopIds } }, orderBy: { seq: "asc" } });
    const references = jobs.map(
      (job) => (job.progress as { draft: { externalReference: string } }).draft.externalReference,
    );
    expect(new Set(references).size).toBe(1000);
    for (const reference of references) expect(vouchersWith(reference)).toHaveLength(1);
    // Each shop's invoices were numbered in the order its orders arrived.
    for (const shopId of shopIds) {
      const numbers = jobs.filter((job) => job.shopId === shopId).map((job) => Number(job.documentNumber));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    // Both processes did work.
    expect(new Set(jobs.map((job) => job.leaseOwner)).size).toBe(2);
  }, 1_000_000);

  it("drains 200 orders and 40 refunds on Billy under 20 % write faults while workers are killed again and again", async () => {
    const db = database.prisma;
    const billyUnderTest = LEDGERS_UNDER_TEST.find((ledger) => ledger.provider === "billy");
    if (!billyUnderTest) throw new Error("no Billy under test");
    // Billy has no idempotency key: the lease fence and the write margin are all that keep it exact.
    const billy = await billyUnderTest.start();
    const random = seededRandom("worker-processes:faults-and-kills");
    try {
      const shops = [];
      for (let s = 0; s < 5; s++) {
        const shop = await seedShop(db, {
          domain: `faults-kills-${s}.myshopify.com`,
          settings: settingsForLedger(billyUnderTest.harness),
          connection: { provider: "billy", credentials: billy.credentials },
          box,
        });
        shops.push(shop);
        for (let n = 1; n <= 40; n++) {
          const { order, refund } = shopOrder(100 + s, n);
          await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "orders/paid", rawBody: order });
          if (n % 5 === 0)
            await ingestShopifyEvent(db, {
              shopDomain: shop.domain,
              topic: "refunds/create",
              rawBody: refund,
            });
        }
      }
      const shopIds = shops.map((shop) => shop.id);
      expect(await db.job.count({ where: { shopId: { in: shopIds } } })).toBe(240);
      billy.probe.faults.retryAfterSeconds = 1;
      billy.probe.faults.setRandom({
        rate: 0.2,
        kinds: ["5xx", "timeout", "429", "dropAfterCommit"],
        seed: random.seed,
        appliesTo: (request) => request.method !== "GET",
      });
      const env = {
        ...billy.env,
        WORKER_LEASE_MS: "3000",
        WORKER_RETRY_BASE_MS: "100",
        WORKER_RETRY_MAX_MS: "2000",
      };
      const workers = [spawnWorker(3, env), spawnWorker(3, env)];
      let kills = 0;
      const unsettled = () =>
        db.job.count({ where: { shopId: { in: shopIds }, status: { not: "succeeded" } } });
      const stuck = () =>
        db.job.count({ where: { shopId: { in: shopIds }, status: { in: ["failed", "needsAttention"] } } });
      const succeeded = () => db.job.count({ where: { shopId: { in: shopIds }, status: "succeeded" } });
      // Kill one of the two workers (seeded) each time the pair has finished another 5–25 jobs, and
      // start a new one in its place: kills land mid-transfer however slow the machine is.
      const deadline = Date.now() + 900_000;
      let killedAt = 0;
      let nextKillAfter = random.int(5, 25);
      while ((await unsettled()) > 0 && (await stuck()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const done = await succeeded();
        if (done - killedAt < nextKillAfter) continue;
        const victim = random.int(0, 1);
        const child = workers[victim];
        if (child) await stop(child, "SIGKILL");
        kills += 1;
        killedAt = done;
        nextKillAfter = random.int(5, 25);
        workers[victim] = spawnWorker(3, env);
      }
      await Promise.all(workers.map((worker) => (worker ? stop(worker) : Promise.resolve())));
      billy.probe.faults.setRandom(undefined);

      const jobs = await db.job.findMany({ where: { shopId: { in: shopIds } }, orderBy: { seq: "asc" } });
      expect(
        jobs
          .filter((job) => job.status !== "succeeded")
          .map((job) => `${job.orderName} ${job.kind}: ${job.status} ${JSON.stringify(job.lastError)}`),
      ).toEqual([]);
      expect(await db.shop.count({ where: { id: { in: shopIds }, paused: true } })).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(8);
      expect(billy.probe.faults.injected.length).toBeGreaterThan(20);
      note(
        "worker-processes:faults-and-kills",
        `${kills} kills, ${billy.probe.faults.injected.length} faults`,
      );

      const documents = billy.probe.documents();
      let payments = 0;
      let refunds = 0;
      for (const job of jobs) {
        const draft = (job.progress as unknown as { draft: DocumentDraft }).draft;
        const matching = documents.filter(
          (document) => document.externalReference === draft.externalReference,
        );
        expect(matching, `${draft.kind} ${draft.externalReference} (${job.orderName})`).toHaveLength(1);
        expect(matching[0]?.booked).toBe(true);
        if (draft.kind === "invoice") payments += draft.payments.length;
        else refunds += draft.payments.length;
      }
      expect(payments).toBeGreaterThanOrEqual(200);
      expect(refunds).toBeGreaterThanOrEqual(40);
      expect(billy.probe.counts()).toMatchObject({ invoices: 200, creditNotes: 40, payments, refunds });
    } finally {
      await billy.close();
    }
  }, 1_000_000);
});
