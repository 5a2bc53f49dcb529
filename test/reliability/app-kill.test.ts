import { randomBytes, randomUUID } from "node:crypto";
import type { Job } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { creditNoteReference, invoiceReference } from "../../app/domain/external-reference";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase, ManagedApp } from "../support/reliability-app";
import {
  createAppDatabase,
  drainWithWorkerProcess,
  killAllApps,
  launchApp,
  onPostgres,
  waitUntil,
} from "../support/reliability-app";
import type { SeededRandom } from "../support/reliability-random";
import { note, seededRandom } from "../support/reliability-random";
import { seedShop } from "../support/reliability-shops";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";

const ORDERS = 200;
/** Every fifth order is refunded. */
const REFUNDS = ORDERS / 5;
/** The stream runs at most this many orders ahead of the ledger, so kills land mid-transfer. */
const MAX_LAG = 25;

interface Delivery {
  topic: "orders/paid" | "refunds/create";
  body: string;
  /** X-Shopify-Webhook-Id: a re-send after a failed delivery is Shopify's redelivery. */
  webhookId: string;
  order: number;
}

/** Kills are ordered along the stream: at delivery `index`, either mid-webhook or at a coming ledger write. */
interface KillPoint {
  index: number;
  at: "delivery" | "ledgerWrite";
  /** For ledger-write kills: which coming write (1 = the next one). */
  writes: number;
}

/**
 * The crash suite: the real app (`ledger-bridge start`, local mode, worker in process)
 * takes a stream of signed order and refund webhooks while it is SIGKILLed at seeded random
 * points — in the middle of a webhook or of a ledger write — and restarted on the same data.
 * Webhooks that got no 200 are sent again, as Shopify does. In the end every order has exactly
 * one booked invoice, every refund one credit note, and every payment is registered once.
 * Runtime: ~60–90 s (five app starts, 240 transfers).
 */
describe(`kill -9 of the app during ${ORDERS} orders (${onPostgres ? "PostgreSQL" : "PGlite data folder"})`, () => {
  let database: AppDatabase;
  let dinero: DineroSimulator;
  const key = randomBytes(32).toString("base64");
  const box = new SecretBox(secretKeyFromBase64(key));

  beforeAll(async () => {
    database = await createAppDatabase();
    dinero = await startDineroSimulator({ rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
    await database.use((db) => seedShop(db, { domain: LOCAL_SHOP_DOMAIN, box }));
  });
  afterAll(async () => {
    await killAllApps();
    await dinero?.close();
    await database?.close();
  });

  const organisation = () => {
    const org = dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
    if (!org) throw new Error("no simulated organisation");
    return org;
  };
  const finished = (vouchers: Iterable<{ Status: string; payments: unknown[] }>) =>
    [...vouchers].filter((voucher) => voucher.Status === "Booked" && voucher.payments.length > 0).length;

  function deliveries(): Delivery[] {
    const list: Delivery[] = [];
    const refunds: Delivery[] = [];
    for (let n = 1; n <= ORDERS; n++) {
      const { order, refund } = danishOrder(n);
      list.push({ topic: "orders/paid", body: order, webhookId: randomUUID(), order: n });
      if (n % 5 === 0)
        refunds.push({ topic: "refunds/create", body: refund, webhookId: randomUUID(), order: n });
      // A refund follows its order a few deliveries later: sometimes before its invoice is booked.
      if (n % 5 === 3 && refunds.length > 0) list.push(...refunds.splice(0));
    }
    return [...list, ...refunds];
  }

  it("gives exactly one invoice per order, one credit note per refund and every payment once", async () => {
    const random = seededRandom("app-kill");
    const env = {
      ...database.env,
      ENCRYPTION_KEY: key,
      DINERO_API_BASE_URL: dinero.url,
      DINERO_AUTH_BASE_URL: dinero.authUrl,
      LEDGER_REQUESTS_PER_MINUTE: "1000000",
      // A killed worker's lease is taken over quickly after the restart.
      WORKER_LEASE_MS: "1500",
      WORKER_POLL_MS: "100",
      // The simulator runs on this machine: what it gets, it stores within a second.
      WORKER_WRITE_MARGIN_MS: "1000",
      LOG_LEVEL: "warn",
    };
    const stream = deliveries();
    expect(stream.filter((d) => d.topic === "refunds/create")).toHaveLength(REFUNDS);

    const kills = killPlan(random, stream.length);
    note("app-kill", `kill plan: ${JSON.stringify(kills)}`);

    let app: ManagedApp = await launchApp(env);
    let killRequested = false;
    let killsDone = 0;
    let writeKillArmed = false;
    let armedAt = 0;
    const unexpected: string[] = [];

    const killNow = (why: string) => {
      if (killRequested || !app.alive()) return;
      killRequested = true;
      killsDone += 1;
      note("app-kill", `SIGKILL #${killsDone}: ${why}`);
      app.child.kill("SIGKILL");
    };
    /** Fires the next planned kill once the stream reaches its delivery. */
    const strike = (index: number, delivery?: Delivery) => {
      const next = kills[killsDone];
      if (!next || killRequested || writeKillArmed || index < next.index) return;
      if (next.at === "delivery") {
        const delay = random.int(0, 40);
        setTimeout(
          () => killNow(`${delay} ms into delivery ${index} (${delivery?.topic ?? "backlog"})`),
          delay,
        );
        return;
      }
      writeKillArmed = true;
      armedAt = Date.now();
      let writes = 0;
      // The kill lands while the ledger stores a write, whose answer is then lost or refused.
      dinero.faults.next(random.next() < 0.5 ? "dropAfterCommit" : "5xx", 1, (request) => {
        if (request.method === "GET") return false;
        if (++writes < next.writes) return false;
        killNow(`at ledger write ${request.method} ${request.path} (delivery ${index})`);
        return true;
      });
    };
    const ensureAlive = async () => {
      if (app.alive()) return;
      await app.exited;
      if (!killRequested) unexpected.push(`the app exited by itself:\n${app.output().slice(-2000)}`);
      killRequested = false;
      writeKillArmed = false;
      dinero.faults.reset();
      app = await launchApp(env);
    };

    const deliver = async (delivery: Delivery): Promise<boolean> => {
      const init = shopifyWebhookInit({
        topic: delivery.topic,
        shop: LOCAL_SHOP_DOMAIN,
        body: delivery.body,
        webhookId: delivery.webhookId,
      });
      try {
        const response = await fetch(`${app.url}/webhooks/${delivery.topic}`, {
          ...init,
          signal: AbortSignal.timeout(20_000),
        });
        const text = await response.text();
        if (response.status === 200) return true;
        if (app.alive() && !killRequested) unexpected.push(`${delivery.topic} → ${response.status} ${text}`);
      } catch {
        // Connection refused or reset: the app is being killed.
      }
      return false;
    };

    let paidSent = 0;
    for (const [index, delivery] of stream.entries()) {
      while (paidSent - finished(organisation().invoices.values()) > MAX_LAG) {
        await ensureAlive();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      strike(index, delivery);
      while (!(await deliver(delivery))) {
        await ensureAlive();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (delivery.topic === "orders/paid") paidSent++;
    }

    // Kills not reached during the stream strike while the backlog is being transferred.
    await waitUntil(
      async () => {
        // A write kill armed near the end of the stream may find no write left to strike.
        if (writeKillArmed && Date.now() - armedAt > 3000) killNow("during the backlog");
        else strike(stream.length);
        await ensureAlive();
        return (
          killsDone >= kills.length &&
          finished(organisation().invoices.values()) >= ORDERS &&
          finished(organisation().creditNotes.values()) >= REFUNDS
        );
      },
      150_000,
      "every order and refund to reach the ledger",
      100,
    );
    await app.kill("SIGTERM");
    // Whatever a killed worker left leased is finished by a worker that drains the queue.
    const drained = await drainWithWorkerProcess(env);
    expect(drained.code, drained.output).toBe(0);

    expect(unexpected).toEqual([]);
    expect(killsDone).toBe(kills.length);

    const { jobs, webhookEvents } = await database.use(async (db) => ({
      jobs: await db.job.findMany({ orderBy: { seq: "asc" } }),
      webhookEvents: await db.webhookEvent.count(),
    }));
    expect(webhookEvents).toBe(stream.length);
    expect(
      jobs.filter((job) => job.status !== "succeeded").map((job) => [job.orderName, job.status]),
    ).toEqual([]);
    expect(jobs.filter((job) => job.kind === "invoice")).toHaveLength(ORDERS);
    expect(jobs.filter((job) => job.kind === "creditNote")).toHaveLength(REFUNDS);

    const org = organisation();
    const live = <T extends { DeletedAt: string | null }>(items: Iterable<T>) =>
      [...items].filter((item) => item.DeletedAt === null);
    const invoices = live(org.invoices.values());
    const notes = live(org.creditNotes.values());
    expect(invoices).toHaveLength(ORDERS);
    expect(notes).toHaveLength(REFUNDS);

    const jobByReference = new Map<string, Job>();
    for (const job of jobs) jobByReference.set(draftOf(job).externalReference, job);
    for (let n = 1; n <= ORDERS; n++) {
      const { orderId, refund } = danishOrder(n);
      const reference = invoiceReference("shopify", LOCAL_SHOP_DOMAIN, orderId);
      const matching = invoices.filter((voucher) => voucher.ExternalReference === reference);
      expect(matching, `invoices for order ${n}`).toHaveLength(1);
      const invoice = matching[0];
      const job = jobByReference.get(reference);
      if (!invoice || !job) throw new Error(`order ${n}: no invoice or job`);
      expectBookedOnce(invoice, draftOf(job), `order ${n}`);
      expect(job.documentNumber).toBe(String(invoice.Number));
      if (n % 5 !== 0) continue;
      const refundId = /"(gid:\/\/shopify\/Refund\/\d+)"/.exec(refund)?.[1] ?? "";
      const creditReference = creditNoteReference("shopify", LOCAL_SHOP_DOMAIN, refundId);
      const credits = notes.filter((voucher) => voucher.ExternalReference === creditReference);
      expect(credits, `credit notes for the refund of order ${n}`).toHaveLength(1);
      const credit = credits[0];
      const creditJob = jobByReference.get(creditReference);
      if (!credit || !creditJob) throw new Error(`order ${n}: no credit note or job`);
      expectBookedOnce(credit, draftOf(creditJob), `refund of order ${n}`);
      expect(credit.CreditNoteFor).toBe(invoice.Guid);
    }
    // A liveness bound only, sized for a loaded 2-core machine: what must hold is asserted above.
  }, 600_000);
});

function killPlan(random: SeededRandom, deliveries: number): KillPoint[] {
  const count = random.int(3, 5);
  const indices = new Set<number>();
  // Spread over the stream, at least 20 deliveries apart, so each restart has work to resume.
  while (indices.size < count) {
    const index = random.int(10, deliveries - 10);
    if ([...indices].every((other) => Math.abs(other - index) >= 20)) indices.add(index);
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      at: random.next() < 0.5 ? "delivery" : "ledgerWrite",
      writes: random.int(1, 40),
    }));
}

function draftOf(job: Job): DocumentDraft {
  const draft = (job.progress as { draft?: DocumentDraft } | null)?.draft;
  if (!draft) throw new Error(`job ${job.id} has no draft`);
  return draft;
}

function expectBookedOnce(
  voucher: {
    Status: string;
    totals: { gross: number };
    payments: Array<{ amountVoucherCurrency: number; ExternalReference: string | null }>;
  },
  draft: DocumentDraft,
  what: string,
): void {
  expect(voucher.Status, what).toBe("Booked");
  expect(voucher.totals.gross, `${what}: total`).toBe(draft.totals.gross);
  expect(voucher.payments, `${what}: payments`).toHaveLength(draft.payments.length);
  const paid = voucher.payments.reduce((sum, payment) => sum + payment.amountVoucherCurrency, 0);
  expect(paid, `${what}: amount paid`).toBe(draft.payments.reduce((sum, payment) => sum + payment.amount, 0));
  const references = voucher.payments.map((payment) => payment.ExternalReference);
  expect(new Set(references).size, `${what}: distinct payments`).toBe(references.length);
}
