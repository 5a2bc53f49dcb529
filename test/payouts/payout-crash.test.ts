import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimNextJob, saveProgress } from "../../app/engine/job-queue.server";
import { ledgerForShop } from "../../app/engine/ledger-connections.server";
import { createPayoutHandler } from "../../app/engine/payouts/payout-handler";
import { syncPayouts } from "../../app/engine/payouts/payout-sync.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { loadShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { shopifyPayoutSource } from "../../app/sources/shopify/shopify-payout-source";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { seedShop } from "../support/reliability-shops";
import { startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import { payoutSettingsFor, WORKED_EXAMPLE, workedExamplePayments } from "./payout-test-kit";

/**
 * A worker books the payout's entry and dies before it can record anything: no answer saved, no
 * status written, its lease left to lapse. The next worker takes the job over, finds the entry by
 * its business key and records it — the ledger holds exactly one entry.
 */
const startShopify = shopifySimulatorPerTest();
const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
const UNLIMITED = { perMinute: 1_000_000, burst: 100_000 };

class ProcessDied extends Error {}

for (const ledger of LEDGERS_UNDER_TEST) {
  describe(`a crash between booking and recording, ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
    });
    afterAll(async () => {
      await bed?.close();
    });

    it("leaves exactly one entry", async () => {
      const { db } = bed;
      const shop = await seedShop(db, {
        domain: `crash-${ledger.provider}.myshopify.com`,
        settings: payoutSettingsFor(ledger.harness),
        connection: {
          provider: ledger.provider,
          credentials: bed.simulated.credentials,
          ...(bed.simulated.organisationId ? { organisationId: bed.simulated.organisationId } : {}),
        },
        box,
      });
      const { client } = await startShopify({ payments: workedExamplePayments() });
      await syncPayouts(db, shop, shopifyPayoutSource(client), {
        since: new Date("2026-12-01T00:00:00Z"),
        trigger: "reconcile",
      });
      const ledgerFor = (shopId: string) =>
        ledgerForShop(db, shopId, { choices: { emailInvoices: false }, box, rateLimit: UNLIMITED });

      // The doomed worker: a bare claim with a short lease and no heartbeat.
      const claimed = await claimNextJob(db, "doomed", 300);
      if (!claimed) throw new Error("the payout job is claimable");
      const lease = { id: claimed.id, leaseToken: claimed.leaseToken };
      const handler = createPayoutHandler({
        settingsFor: (shopId) => loadShopSettings(prismaSettingsStorage(db), shopId),
        ledgerFor: async (shopId) => {
          const real = await ledgerFor(shopId);
          return Object.assign(Object.create(real) as typeof real, {
            bookJournalEntry: async (entry: Parameters<typeof real.bookJournalEntry>[0]) => {
              await real.bookJournalEntry(entry);
              throw new ProcessDied("the process died before the answer was recorded");
            },
          });
        },
      });
      await expect(
        handler(claimed, {
          workerId: "doomed",
          progress: {},
          saveProgress: (progress) => saveProgress(db, lease, progress as never),
          holdLease: async () => {},
          audit: async () => {},
        }),
      ).rejects.toBeInstanceOf(ProcessDied);
      const bank = ledger.harness.journal.accounts.bank;
      expect(bed.simulated.probe.accountBalances().get(bank)).toBe(WORKED_EXAMPLE.net);

      await new Promise((resolve) => setTimeout(resolve, 400));
      const worker = createTransferWorker(db, {
        box,
        writeMarginMs: 0,
        backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
        rateLimit: UNLIMITED,
      });
      while (await worker.runOnce());

      const job = await db.job.findUniqueOrThrow({ where: { id: claimed.id } });
      expect(job.status).toBe("succeeded");
      expect(job.leaseLosses).toBe(1);
      expect(bed.simulated.probe.accountBalances().get(bank)).toBe(WORKED_EXAMPLE.net);
      const audit = await db.auditEntry.findMany({ where: { jobId: job.id, step: "journal" } });
      expect(audit.map((a) => a.message)).toEqual([expect.stringMatching(/^Found payout entry/)]);
    });
  });
}
