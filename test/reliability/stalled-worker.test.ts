import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import type { SimulatedLedger } from "../support/reliability-ledgers";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { seedShopOnLedger, startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";

const MARGIN_MS = 60_000;

/**
 * Class 7 of issue 13: a worker stalls (GC pause, CPU steal, a slow ledger) in the middle of a
 * ledger write, its lease runs out, and another worker takes the job over. The ledger simulator
 * holds the write until the test releases it, and the test moves the lease's end in the database
 * — no wall-clock luck. Whatever the stalled worker's write did, the order ends with exactly one
 * booked invoice and one set of payments, and the stalled worker records nothing after the takeover.
 */
describe.each(LEDGERS_UNDER_TEST)(
  "$provider: a worker stalled past its lease in a ledger write",
  (ledger) => {
    let bed: LedgerTestBed;
    let db: PrismaClient;
    let simulated: SimulatedLedger;
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    let shopCount = 0;

    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
      ({ db, simulated } = bed);
    });
    afterAll(async () => {
      await bed?.close();
    });

    async function oneOrder() {
      shopCount += 1;
      const shop = await seedShopOnLedger(db, {
        domain: `stall-${ledger.provider}-${shopCount}.myshopify.com`,
        ledger,
        simulated,
        box,
      });
      const { order } = shopOrder(shopCount, 1);
      await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "orders/paid", rawBody: order });
      const job = await db.job.findFirstOrThrow({ where: { shopId: shop.id } });
      return { shop, job };
    }

    const workers = () => {
      const options = {
        box,
        leaseMs: 60_000,
        writeMarginMs: MARGIN_MS,
        rateLimit: { perMinute: 1_000_000, burst: 100_000 },
      };
      return {
        stalled: createTransferWorker(db, { ...options, workerId: "stalled" }),
        takeover: createTransferWorker(db, { ...options, workerId: "takeover" }),
      };
    };
    /** The controllable clock: the lease (or backoff) ended `agoMs` ago, as the database sees it. */
    const leaseEnded = (jobId: string, agoMs: number) =>
      db.$executeRaw`UPDATE "Job" SET "leaseExpiresAt" = now() - make_interval(secs => ${agoMs / 1000}::double precision) WHERE id = ${jobId}`;
    const backoffEnded = (jobId: string) =>
      db.$executeRaw`UPDATE "Job" SET "runAfter" = now() - interval '1 second' WHERE id = ${jobId}`;

    /** Holds the first write that carries the job's draft reference: the document's create. */
    async function holdCreate(jobId: string) {
      // The draft (and its reference) is built before any write; wait for it to be saved.
      let reference: string | undefined;
      const held = simulated.probe.faults.hold(
        (request) =>
          request.method !== "GET" && reference !== undefined && (request.body ?? "").includes(reference),
      );
      const draftSaved = (async () => {
        for (;;) {
          const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
          const draft = (job.progress as { draft?: DocumentDraft }).draft;
          if (draft) return (reference = draft.externalReference);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      return { held, draftSaved };
    }

    async function expectExactlyOneBookedInvoice(jobId: string) {
      const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
      const draft = (job.progress as unknown as { draft: DocumentDraft }).draft;
      const documents = simulated.probe
        .documents()
        .filter((document) => document.externalReference === draft.externalReference);
      expect(documents, `documents for ${draft.externalReference}`).toHaveLength(1);
      expect(documents[0]?.booked).toBe(true);
      expect(documents[0]?.totalGross).toBe(draft.totals.gross);
      return job;
    }

    it("takes over only after the stalled write could have landed, finds its document and books it once", async () => {
      const { job } = await oneOrder();
      const { stalled, takeover } = workers();
      const { held, draftSaved } = await holdCreate(job.id);
      const before = simulated.probe.counts();
      const stalledRun = stalled.runOnce();
      await draftSaved;
      await held.arrived;
      // The stalled worker's heartbeat stopped: in the database its lease has run out.
      await leaseEnded(job.id, 1_000);
      // Its create is still in the ledger's hands: a takeover now could look up, miss it, create again.
      expect(await takeover.runOnce()).toBe(false);

      held.release();
      await stalledRun;
      // It recorded its document while no one else held the job, then stopped at the next write.
      const afterStall = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(afterStall).toMatchObject({ status: "running", leaseOwner: "stalled" });
      expect((afterStall.progress as { document?: unknown }).document).toBeDefined();
      expect(simulated.probe.counts().payments).toBe(before.payments);

      await leaseEnded(job.id, MARGIN_MS + 1_000);
      expect(await takeover.runOnce()).toBe(true);
      const done = await expectExactlyOneBookedInvoice(job.id);
      expect(done).toMatchObject({
        status: "succeeded",
        leaseOwner: "takeover",
        attempts: 1,
        leaseLosses: 1,
      });
      const draft = (done.progress as unknown as { draft: DocumentDraft }).draft;
      expect(simulated.probe.counts().payments - before.payments).toBe(draft.payments.length);
    });

    it("after a stalled write whose answer was lost, the retry finds the document instead of creating a second", async () => {
      const { job } = await oneOrder();
      const { stalled, takeover } = workers();
      const { held, draftSaved } = await holdCreate(job.id);
      const stalledRun = stalled.runOnce();
      const reference = await draftSaved;
      await held.arrived;
      await leaseEnded(job.id, 1_000);
      expect(await takeover.runOnce()).toBe(false);
      // The ledger stores the write, but the answer never reaches the stalled worker.
      simulated.probe.faults.next("dropAfterCommit", 1, (request) =>
        (request.body ?? "").includes(reference),
      );
      held.release();
      await stalledRun;
      const requeued = await db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(requeued.status).toBe("queued");
      // An unknown outcome: the retry waits out the write margin before it looks.
      expect(requeued.runAfter.getTime() - Date.now()).toBeGreaterThan(MARGIN_MS / 2);
      expect(await takeover.runOnce()).toBe(false);

      await backoffEnded(job.id);
      expect(await takeover.runOnce()).toBe(true);
      const done = await expectExactlyOneBookedInvoice(job.id);
      expect(done).toMatchObject({
        status: "succeeded",
        leaseOwner: "takeover",
        attempts: 2,
        leaseLosses: 0,
      });
    });
  },
);
