import { randomBytes } from "node:crypto";
import type { Job, PrismaClient } from "@prisma/client";
import { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { FaultKind } from "../../simulators/kit/faults";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { waitUntil } from "../support/reliability-app";
import type { SimulatedLedger } from "../support/reliability-ledgers";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { note, seededRandom } from "../support/reliability-random";
import { seedShopOnLedger, startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";

const SHOPS = 5;
const ORDERS_PER_SHOP = 20;
/** Every fifth order of a shop is refunded. */
const REFUNDS_PER_SHOP = ORDERS_PER_SHOP / 5;
const FAULT_RATE = 0.2;
const FAULT_KINDS: FaultKind[] = ["5xx", "timeout", "429", "dropAfterCommit"];

/**
 * The issue's fault suite: the transfer engine against each ledger's simulator while 20 % of all
 * ledger calls fail — 503s, timeouts, 429s with Retry-After, and writes that are stored but whose
 * answer is lost. Five shops share the ledger (one accounting company, five webshops) so
 * Retry-After waits overlap. In the end every order has exactly one booked invoice, every refund
 * one credit note linked to it, and every payment is registered once.
 * Runtime: ~20–40 s per ledger on a quiet machine; no assertion depends on the machine's speed.
 */
describe.each(LEDGERS_UNDER_TEST)("$provider with 20 % of ledger calls ($faultsOn) failing", (ledger) => {
  let bed: LedgerTestBed;
  let db: PrismaClient;
  let simulated: SimulatedLedger;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));

  beforeAll(async () => {
    bed = await startLedgerTestBed(ledger);
    ({ db, simulated } = bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it(`transfers ${SHOPS * ORDERS_PER_SHOP} orders and ${SHOPS * REFUNDS_PER_SHOP} refunds exactly once`, async () => {
    const random = seededRandom(`ledger-faults:${ledger.provider}`);
    for (let s = 0; s < SHOPS; s++) {
      const shop = await seedShopOnLedger(db, {
        domain: `faults-${ledger.provider}-${s}.myshopify.com`,
        ledger,
        simulated,
        box,
      });
      for (let n = 1; n <= ORDERS_PER_SHOP; n++) {
        const { order, refund } = shopOrder(s, n);
        await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "orders/paid", rawBody: order });
        // Refunds arrive right after their order: they wait for the invoice, then run.
        if (n % 5 === 0)
          await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "refunds/create", rawBody: refund });
      }
    }
    expect(await db.job.count()).toBe(SHOPS * (ORDERS_PER_SHOP + REFUNDS_PER_SHOP));

    const { faults } = simulated.probe;
    faults.retryAfterSeconds = 1;
    faults.setRandom({
      rate: FAULT_RATE,
      kinds: FAULT_KINDS,
      seed: random.seed,
      ...(ledger.faultsOn === "writes" ? { appliesTo: (request) => request.method !== "GET" } : {}),
    });
    const worker = createTransferWorker(db, {
      box,
      concurrency: SHOPS,
      pollMs: 20,
      // Short backoff so the run is quick; Retry-After still sets the floor of every 429's wait.
      backoff: { baseMs: 20, maxMs: 200, maxAttempts: 1000 },
      ledgerTimeoutMs: 1000,
      // The simulator runs in this process: a write it received is stored within a second even
      // on a loaded machine. A retry after a lost answer waits that long before it looks.
      writeMarginMs: 1000,
      rateLimit: { perMinute: 1_000_000, burst: 100_000 },
    });
    worker.start();
    try {
      // Done when nothing is left to run; a failed or parked job will not move by itself, so stop
      // there as well. The bound is for liveness only, generous for a busy machine.
      await waitUntil(
        async () =>
          (await db.job.count({ where: { status: { in: ["failed", "needsAttention"] } } })) > 0 ||
          (await db.job.count({ where: { status: { in: ["queued", "running", "waiting"] } } })) === 0,
        900_000,
        "every job to finish",
        100,
      ).catch(async (error: unknown) => {
        const byStatus = await db.job.groupBy({ by: ["status"], _count: true });
        const errors = await db.job.findMany({
          where: { lastError: { not: Prisma.DbNull } },
          take: 5,
          orderBy: { updatedAt: "desc" },
        });
        throw new Error(
          `${String(error)}\n${JSON.stringify(byStatus)}\n${errors.map((job) => JSON.stringify(job.lastError)).join("\n")}`,
        );
      });
    } finally {
      await worker.stop();
      faults.setRandom(undefined);
    }

    const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
    const unfinished = jobs.filter((job) => job.status !== "succeeded");
    expect(
      unfinished.map(
        (job) =>
          `${job.orderName ?? job.orderId} ${job.kind}: ${job.status} ${JSON.stringify(job.lastError)}`,
      ),
    ).toEqual([]);
    expect(await db.shop.count({ where: { paused: true } })).toBe(0);

    // The faults really struck, every kind of them, at about the configured rate.
    const injected = faults.injected.map((fault) => fault.kind);
    for (const kind of FAULT_KINDS) expect(injected, `${kind} faults injected`).toContain(kind);
    const calls = simulated.probe.requestCount();
    const struck =
      ledger.faultsOn === "writes"
        ? simulated.requests().filter((request) => request.method !== "GET").length
        : calls;
    expect(injected.length / struck).toBeGreaterThan(FAULT_RATE * 0.6);
    note(
      `ledger-faults:${ledger.provider}`,
      `${calls} ledger calls, ${injected.length} faults: ${FAULT_KINDS.map((kind) => `${kind} ${injected.filter((k) => k === kind).length}`).join(", ")}`,
    );

    const documents = simulated.probe.documents();
    const drafts = jobs.map((job) => ({ job, draft: draftOf(job) }));
    for (const { job, draft } of drafts) {
      const matching = documents.filter((document) => document.externalReference === draft.externalReference);
      expect(matching, `${draft.kind} ${draft.externalReference} (${job.orderName})`).toHaveLength(1);
      const document = matching[0];
      expect(document?.booked, draft.externalReference).toBe(true);
      expect(document?.totalGross, draft.externalReference).toBe(draft.totals.gross);
      if (draft.kind === "creditNote") {
        const invoice = documents.find(
          (other) => other.kind === "invoice" && other.externalReference === draft.creditsExternalReference,
        );
        expect(invoice, `the invoice credited by ${draft.externalReference}`).toBeDefined();
        if (document?.creditsInvoiceId !== undefined) expect(document.creditsInvoiceId).toBe(invoice?.id);
      }
    }
    const counts = simulated.probe.counts();
    const paymentsOf = (kind: DocumentDraft["kind"]) =>
      drafts
        .filter(({ draft }) => draft.kind === kind)
        .reduce((sum, { draft }) => sum + draft.payments.length, 0);
    expect(counts).toMatchObject({
      invoices: SHOPS * ORDERS_PER_SHOP,
      creditNotes: SHOPS * REFUNDS_PER_SHOP,
      payments: paymentsOf("invoice"),
      refunds: paymentsOf("creditNote"),
    });
  }, 1_000_000);
});

function draftOf(job: Job): DocumentDraft {
  const draft = (job.progress as { draft?: DocumentDraft } | null)?.draft;
  if (!draft) throw new Error(`job ${job.id} has no draft`);
  return draft;
}
