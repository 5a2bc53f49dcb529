import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { TransferProgress } from "../../app/engine/transfer/transfer-progress";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { seedShopOnLedger, startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";
import { LEDGERS_UNDER_TEST, settingsForLedger } from "../support/reliability-ledgers";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");
const ORDER = fs.readFileSync(path.join(FIXTURES, "order-dk-taxes-included.synthetic.json"), "utf8");
const REFUND = fs.readFileSync(path.join(FIXTURES, "refund-dk-taxes-included.synthetic.json"), "utf8");
const GATEWAY = "Bank Deposit";
// Edited as text (the payloads' ids exceed JavaScript's safe integers), and dated 2026: e-conomic
// books only into an open accounting year.
/** The order as Shopify sends it when the customer chose bank transfer. */
const BANK_ORDER = ORDER.replace('"shopify_payments"', JSON.stringify(GATEWAY)).replaceAll(
  '"2025-',
  '"2026-',
);
const BANK_REFUND = REFUND.replaceAll('"shopify_payments"', JSON.stringify(GATEWAY)).replaceAll(
  '"2025-',
  '"2026-',
);

/**
 * Payment handling per gateway (#18), through webhook → job → worker → each ledger's simulator
 * over HTTP: a bank-transfer order is booked open with its 14 days' terms and no payment, and
 * its refund is credited without a refund payment — no money moved through the ledger.
 */
for (const ledger of LEDGERS_UNDER_TEST) {
  describe(`an order paid by bank transfer, through the worker to ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
    });
    afterAll(async () => {
      await bed?.close();
    });

    it("is booked open with its terms, no payment, and its refund registers no refund", async () => {
      const shop = await seedShopOnLedger(bed.db, {
        domain: `terms-${ledger.provider}.myshopify.com`,
        ledger,
        simulated: bed.simulated,
        box,
      });
      const base = settingsForLedger(ledger.harness);
      const saved = await saveShopSettings(prismaSettingsStorage(bed.db), shop.id, {
        ...base,
        payments: { ...(base.payments as object), openGateways: { [GATEWAY]: 14 } },
      });
      expect(saved.ok).toBe(true);
      const worker = createTransferWorker(bed.db, {
        box,
        backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
        writeMarginMs: 0,
        rateLimit: { perMinute: 1_000_000, burst: 100_000 },
      });

      await ingestShopifyEvent(bed.db, {
        shopDomain: shop.domain,
        topic: "orders/paid",
        rawBody: BANK_ORDER,
      });
      while (await worker.runOnce());
      const job = await bed.db.job.findFirstOrThrow({ where: { shopId: shop.id, kind: "invoice" } });
      expect(job.lastError).toBeNull();
      expect(job.status).toBe("succeeded");
      const draft = (job.progress as TransferProgress).draft;
      expect(draft?.kind === "invoice" && draft.paymentTermsDays).toBe(14);
      expect(draft?.payments).toEqual([]);
      const invoice = bed.simulated.probe
        .documents()
        .find((d) => d.externalReference === draft?.externalReference);
      expect(invoice?.booked).toBe(true);
      // Issued 2026-05-12 with 14 days' terms.
      expect(invoice?.dueDate).toBe("2026-05-26");
      expect(bed.simulated.probe.counts().payments).toBe(0);

      await ingestShopifyEvent(bed.db, {
        shopDomain: shop.domain,
        topic: "refunds/create",
        rawBody: BANK_REFUND,
      });
      while (await worker.runOnce());
      const credit = await bed.db.job.findFirstOrThrow({ where: { shopId: shop.id, kind: "creditNote" } });
      expect(credit.lastError).toBeNull();
      expect(credit.status).toBe("succeeded");
      expect((credit.progress as TransferProgress).draft?.payments).toEqual([]);
      expect(bed.simulated.probe.counts().creditNotes).toBe(1);
      expect(bed.simulated.probe.counts().refunds).toBe(0);
    });
  });
}
