import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { TransferProgress } from "../../app/engine/transfer/transfer-progress";
import { jobErrorText } from "../../app/i18n/job-error-text";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { listTransfers } from "../../app/transfers/list-transfers.server";
import { seedShopOnLedger, startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";
import { LEDGERS_UNDER_TEST, settingsForLedger } from "../support/reliability-ledgers";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");
const ORDER = fs.readFileSync(path.join(FIXTURES, "order-dk-taxes-included.synthetic.json"), "utf8");
// Edited as text: the payload's ids exceed JavaScript's safe integers.
const withVendor = ORDER.replace('"sku": "TEKANDE-1",', '"sku": "TEKANDE-1", "vendor": "Tehuset",');
const taggedOrder = (id: string, tags: string) =>
  withVendor
    .replaceAll("5550000000000000001", id)
    .replace('"name": "#', `"tags": ${JSON.stringify(tags)}, "name": "#`);

/**
 * Mapping and filter rules (#18) through webhook → job → worker → Dinero's simulator: an order
 * tagged for skipping never reaches the ledger and the Transfers page says why, in Danish and
 * English; another order's matching line is booked on the rule's account.
 */
describe("mapping and filter rules through the worker", () => {
  const ledger = LEDGERS_UNDER_TEST.find((l) => l.provider === "dinero");
  if (!ledger) throw new Error("dinero is under test");
  let bed: LedgerTestBed;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
  beforeAll(async () => {
    bed = await startLedgerTestBed(ledger);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("skips a tagged order with a visible reason and books a matching line on the rule's account", async () => {
    const shop = await seedShopOnLedger(bed.db, {
      domain: "rules.myshopify.com",
      ledger,
      simulated: bed.simulated,
      box,
    });
    const { sales } = ledger.harness.accounts;
    // Dinero takes the VAT from the account: the rule's account is another one with 25 % sales VAT.
    const teapotAccount = "1350";
    const saved = await saveShopSettings(prismaSettingsStorage(bed.db), shop.id, {
      ...settingsForLedger(ledger.harness),
      rules: [
        { field: "tag", value: "no-invoice", action: "skip" },
        {
          field: "vendor",
          value: "Tehuset",
          action: "account",
          account: teapotAccount,
        },
      ],
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
      rawBody: taggedOrder("5550000000000000007", "wholesale, No-Invoice"),
    });
    await ingestShopifyEvent(bed.db, {
      shopDomain: shop.domain,
      topic: "orders/paid",
      rawBody: taggedOrder("5550000000000000008", "wholesale"),
    });
    while (await worker.runOnce());

    const skipped = await bed.db.job.findFirstOrThrow({
      where: { orderId: { endsWith: "/5550000000000000007" } },
    });
    expect(skipped.status).toBe("skipped");
    const page = await listTransfers(bed.db, shop.id, {});
    const row = page.rows.find((r) => r.id === skipped.id);
    expect(jobErrorText("en", row?.lastErrorText ?? null)).toBe(
      "Skipped: rule 1 skips orders where Order or product tag = no-invoice",
    );
    expect(jobErrorText("da", row?.lastErrorText ?? null)).toBe(
      "Sprunget over: regel 1 springer ordrer over, hvor Ordre- eller produkttag = no-invoice",
    );
    const booked = await bed.db.job.findFirstOrThrow({
      where: { orderId: { endsWith: "/5550000000000000008" } },
    });
    expect(booked.status).toBe("succeeded");
    expect(bed.simulated.probe.counts().invoices).toBe(1);
    const lines = (booked.progress as TransferProgress).draft?.lines ?? [];
    const teapot = lines.find((l) => l.kind === "item" && l.description === "Tekande");
    const cup = lines.find((l) => l.kind === "item" && l.description !== "Tekande");
    expect(teapot?.account).toBe(teapotAccount);
    expect(cup?.account).toBe(sales);
  });
});
