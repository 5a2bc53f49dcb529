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
// Edited as text (ids beyond safe integers), dated 2026 (an open accounting year everywhere).
// The fixture's buyer is a company with CVR and EAN; without the EAN it is a business, without
// company, CVR and EAN a consumer.
const orderOf = (n: number, buyer: "consumer" | "business") => {
  let text = ORDER.replaceAll("5550000000000000001", `555000000000000010${n}`)
    .replaceAll("7770000000000000001", `777000000000000010${n}`)
    .replaceAll("indkob@kaffebaren.example", `kunde${n}@example.dk`)
    .replaceAll('"2025-', '"2026-')
    .replace('"name": "EAN"', '"name": "gift_wrap"');
  if (buyer === "consumer") {
    text = text
      .replaceAll('"company": "Kaffebaren ApS"', '"company": null')
      .replace('"name": "vat_number"', '"name": "gift_note"');
  }
  return text;
};

/**
 * Customer strategies (#18) through webhook → job → worker → the ledgers that find a contact by
 * our reference: two consumers' orders are booked on one cash customer (created once, without
 * their personal data) while a business order gets its own contact.
 */
for (const ledger of LEDGERS_UNDER_TEST.filter((l) => l.provider !== "economic")) {
  describe(`one cash customer for consumers, through the worker to ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
    });
    afterAll(async () => {
      await bed?.close();
    });

    it("books B2C orders on the cash customer and gives the B2B order its own contact", async () => {
      const shop = await seedShopOnLedger(bed.db, {
        domain: `cash-${ledger.provider}.myshopify.com`,
        ledger,
        simulated: bed.simulated,
        box,
      });
      const saved = await saveShopSettings(prismaSettingsStorage(bed.db), shop.id, {
        ...settingsForLedger(ledger.harness),
        customers: { byType: { consumer: { mode: "single", name: "Kontantkunde" } } },
      });
      expect(saved.ok).toBe(true);
      const worker = createTransferWorker(bed.db, {
        box,
        backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
        writeMarginMs: 0,
        rateLimit: { perMinute: 1_000_000, burst: 100_000 },
      });
      const customersBefore = bed.simulated.probe.counts().customers;
      for (const [n, buyer] of [
        [1, "consumer"],
        [2, "consumer"],
        [3, "business"],
      ] as const) {
        await ingestShopifyEvent(bed.db, {
          shopDomain: shop.domain,
          topic: "orders/paid",
          rawBody: orderOf(n, buyer),
        });
        while (await worker.runOnce());
      }
      const jobs = await bed.db.job.findMany({
        where: { shopId: shop.id, kind: "invoice" },
        orderBy: { seq: "asc" },
      });
      expect(jobs.map((j) => [j.status, j.lastError])).toEqual([
        ["succeeded", null],
        ["succeeded", null],
        ["succeeded", null],
      ]);
      const progress = jobs.map((j) => j.progress as TransferProgress);
      const [first, second, business] = progress;
      expect(first?.customerId).toBeTruthy();
      expect(second?.customerId).toBe(first?.customerId);
      expect(business?.customerId).not.toBe(first?.customerId);
      expect(first?.draft?.customer).toMatchObject({ name: "Kontantkunde", isBusiness: false });
      expect(first?.draft?.customer.email).toBeUndefined();
      expect(business?.draft?.customer).toMatchObject({ companyName: "Kaffebaren ApS", isBusiness: true });
      expect(bed.simulated.probe.counts().customers - customersBefore).toBe(2);
    });
  });
}
