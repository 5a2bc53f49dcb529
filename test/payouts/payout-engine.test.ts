import { randomBytes } from "node:crypto";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerForShop } from "../../app/engine/ledger-connections.server";
import { retryPayout } from "../../app/engine/payouts/payout-actions.server";
import { syncPayouts } from "../../app/engine/payouts/payout-sync.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { JobError } from "../../app/engine/job-types";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { shopifyPayoutSource } from "../../app/sources/shopify/shopify-payout-source";
import { seedShop } from "../support/reliability-shops";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";
import { shopifySimulatorPerTest } from "../support/shopify-simulator-per-test";
import {
  payoutSettingsFor,
  postTransfersOfWorkedExample,
  WORKED_EXAMPLE,
  workedExamplePayments,
} from "./payout-test-kit";

/**
 * The payout path end to end: the poll reads Shopify Payments from the Shopify simulator, queues
 * one job per payout, and the transfer worker books it into each ledger's simulator over HTTP.
 */
const startShopify = shopifySimulatorPerTest();
const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
const UNLIMITED = { perMinute: 1_000_000, burst: 100_000 };
const since = new Date("2026-12-01T00:00:00Z");

async function drain(db: PrismaClient) {
  const worker = createTransferWorker(db, {
    box,
    backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
    writeMarginMs: 0,
    rateLimit: UNLIMITED,
  });
  while (await worker.runOnce());
}

for (const ledger of LEDGERS_UNDER_TEST) {
  describe(`payouts through the worker into ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    let shop: Shop;
    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
      shop = await seedShop(bed.db, {
        domain: `payouts-${ledger.provider}.myshopify.com`,
        settings: payoutSettingsFor(ledger.harness),
        connection: {
          provider: ledger.provider,
          credentials: bed.simulated.credentials,
          ...(bed.simulated.organisationId ? { organisationId: bed.simulated.organisationId } : {}),
        },
        box,
      });
    });
    afterAll(async () => {
      await bed?.close();
    });

    it("books payout 90061 once; the clearing account for its orders is 0; a second sync books nothing", async () => {
      const adapter = await ledgerForShop(bed.db, shop.id, {
        choices: { emailInvoices: false },
        box,
        rateLimit: UNLIMITED,
      });
      await postTransfersOfWorkedExample(adapter, ledger.harness);
      const { clearing, bank, fees, disputes } = ledger.harness.journal.accounts;
      expect(bed.simulated.probe.accountBalances().get(clearing)).toBe(WORKED_EXAMPLE.clearing);

      const { client } = await startShopify({ payments: workedExamplePayments() });
      const first = await syncPayouts(bed.db, shop, shopifyPayoutSource(client), {
        since,
        trigger: "reconcile",
      });
      expect(first).toEqual({ checked: 1, enqueued: 1, pending: 0 });
      await drain(bed.db);

      const job = await bed.db.job.findUniqueOrThrow({
        where: { shopId_businessKey: { shopId: shop.id, businessKey: `payout:${WORKED_EXAMPLE.payoutId}` } },
      });
      expect(job.status).toBe("succeeded");
      expect(job.documentId).toBeTruthy();
      const balances = bed.simulated.probe.accountBalances();
      expect(balances.get(clearing) ?? 0).toBe(0);
      expect(balances.get(bank)).toBe(WORKED_EXAMPLE.net);
      expect(balances.get(fees)).toBe(WORKED_EXAMPLE.fees);
      if (disputes !== fees) expect(balances.get(disputes)).toBe(WORKED_EXAMPLE.disputes);

      const second = await syncPayouts(bed.db, shop, shopifyPayoutSource(client), {
        since,
        trigger: "reconcile",
      });
      expect(second).toEqual({ checked: 1, enqueued: 0, pending: 0 });
      await drain(bed.db);
      expect(await bed.db.job.count({ where: { shopId: shop.id, kind: "payout" } })).toBe(1);
      expect(bed.simulated.probe.accountBalances()).toEqual(balances);
    });

    it("parks a payout that does not add up, with its difference in øre, and books nothing", async () => {
      const payments = workedExamplePayments();
      const payout = payments.payouts[0] as { net: { amount: string } };
      payout.net.amount = "536.12";
      const domain = `mismatch-${ledger.provider}.myshopify.com`;
      const other = await seedShop(bed.db, {
        domain,
        settings: payoutSettingsFor(ledger.harness),
        connection: {
          provider: ledger.provider,
          credentials: bed.simulated.credentials,
          ...(bed.simulated.organisationId ? { organisationId: bed.simulated.organisationId } : {}),
        },
        box,
      });
      const before = bed.simulated.probe.accountBalances();
      const { client } = await startShopify({ payments });
      await syncPayouts(bed.db, other, shopifyPayoutSource(client), { since, trigger: "reconcile" });
      await drain(bed.db);
      const job = await bed.db.job.findFirstOrThrow({ where: { shopId: other.id, kind: "payout" } });
      expect(job.status).toBe("needsAttention");
      const error = job.lastError as unknown as JobError;
      expect(error.messageKey).toBe("payoutError.doesNotAddUp");
      expect(error.params).toMatchObject({ difference: 1, net: "536.12", expected: "536.11" });
      expect(job.attempts).toBe(1);
      expect(bed.simulated.probe.accountBalances()).toEqual(before);

      // Retry runs it again; the same payout is refused the same way, still unbooked.
      expect(await retryPayout(bed.db, other.id, WORKED_EXAMPLE.payoutId)).toBe(true);
      await drain(bed.db);
      const again = await bed.db.job.findUniqueOrThrow({ where: { id: job.id } });
      expect([again.status, again.attempts]).toEqual(["needsAttention", 1]);
      expect(bed.simulated.probe.accountBalances()).toEqual(before);
    });
  });
}
