import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { TransferProgress } from "../../app/engine/transfer/transfer-progress";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { seedShopOnLedger, startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";
import { LEDGERS_UNDER_TEST } from "../support/reliability-ledgers";
import { corpus } from "./corpus-cases";

/**
 * The engine's real path — webhook → job → worker → ledger simulator over HTTP — builds the draft
 * for the connected ledger's own VAT rounding: the order's VAT per rate and total land in the
 * ledger, with the rounding line the case works out by hand (S6: +0.01 on every ledger; S7:
 * −0.02 on e-conomic only).
 */
const cases = ["S6", "S7"].map((prefix) => {
  const found = corpus.find((c) => c.name.startsWith(prefix));
  if (!found) throw new Error(`corpus has ${prefix}`);
  return found;
});

for (const ledger of LEDGERS_UNDER_TEST.filter((l) => l.provider === "economic" || l.provider === "dinero")) {
  describe(`a gross the ledger cannot represent, through the worker to ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
    });
    afterAll(async () => {
      await bed?.close();
    });

    for (const c of cases) {
      it(c.name, async () => {
        const shop = await seedShopOnLedger(bed.db, {
          domain: `${c.name.slice(0, 2).toLowerCase()}-${ledger.provider}.myshopify.com`,
          ledger,
          simulated: bed.simulated,
          box,
        });
        await ingestShopifyEvent(bed.db, {
          shopDomain: shop.domain,
          topic: "orders/paid",
          rawBody: JSON.stringify(c.payload),
        });
        const worker = createTransferWorker(bed.db, {
          box,
          backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
          writeMarginMs: 0,
          rateLimit: { perMinute: 1_000_000, burst: 100_000 },
        });
        while (await worker.runOnce());

        const job = await bed.db.job.findFirstOrThrow({ where: { shopId: shop.id, kind: "invoice" } });
        expect(job.status).toBe("succeeded");
        const draft = (job.progress as TransferProgress).draft;
        const rounding = (draft?.lines ?? []).filter((l) => l.kind === "rounding");
        const vatRounding = ledger.provider === "economic" ? "perDocumentRate" : "perLine";
        expect(rounding.reduce((a, l) => a + l.gross, 0)).toBe(c.expected.rounding?.[vatRounding] ?? 0);
        const stored = bed.simulated.probe
          .documents()
          .find((d) => d.externalReference === draft?.externalReference);
        expect(stored?.totalGross).toBe(c.expected.gross);
        expect(stored?.vatByRate).toEqual({ 2500: c.expected.vatByRate[2500] });
      });
    }
  });
}
