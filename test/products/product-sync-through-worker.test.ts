import { randomBytes } from "node:crypto";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueProductJob } from "../../app/engine/job-queue.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { JobError } from "../../app/engine/job-types";
import type { ShopVariant } from "../../app/ledgers/variant-product-spec";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { listTransfers } from "../../app/transfers/list-transfers.server";
import { LEDGERS_UNDER_TEST, settingsForLedger } from "../support/reliability-ledgers";
import { seedShop } from "../support/reliability-shops";
import { startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";

/**
 * Product sync (#18) through the engine: a product version's job, run by the transfer worker,
 * puts the product in each ledger's simulator over HTTP, once per version.
 */
const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
const UNLIMITED = { perMinute: 1_000_000, burst: 100_000 };

async function drain(db: PrismaClient) {
  const worker = createTransferWorker(db, {
    box,
    backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
    writeMarginMs: 0,
    rateLimit: UNLIMITED,
  });
  while (await worker.runOnce());
}

const variant = (over: Partial<ShopVariant> = {}): ShopVariant => ({
  variantId: "gid://shopify/ProductVariant/7001",
  productId: "gid://shopify/Product/70",
  name: "Kaffekop",
  sku: "CUP-7001",
  price: 12_500,
  currency: "DKK",
  taxesIncluded: true,
  taxable: true,
  tags: [],
  updatedAt: "2026-12-08T01:00:00Z",
  ...over,
});

const WRITES = new Set(["POST", "PUT", "PATCH"]);

for (const ledger of LEDGERS_UNDER_TEST) {
  describe(`product sync through the worker into ${ledger.provider}`, () => {
    let bed: LedgerTestBed;
    const productWrites = () =>
      bed.simulated
        .requests()
        .filter((r) => WRITES.has(r.method) && /product/i.test(r.path) && r.status < 300).length;
    const seed = (domain: string, updatePrices: boolean): Promise<Shop> =>
      seedShop(bed.db, {
        domain,
        settings: { ...settingsForLedger(ledger.harness), products: { enabled: true, updatePrices } },
        connection: {
          provider: ledger.provider,
          credentials: bed.simulated.credentials,
          ...(bed.simulated.organisationId ? { organisationId: bed.simulated.organisationId } : {}),
        },
        box,
      });

    beforeAll(async () => {
      bed = await startLedgerTestBed(ledger);
    });
    afterAll(async () => {
      await bed?.close();
    });

    it("creates a new product once; the same version again books nothing; a price change updates it", async () => {
      const shop = await seed(`products-${ledger.provider}.myshopify.com`, true);
      const before = bed.simulated.probe.counts().products;
      expect(
        await enqueueProductJob(bed.db, { shopId: shop.id, variant: variant(), trigger: "product" }),
      ).toMatchObject({
        created: true,
      });
      await drain(bed.db);
      expect(bed.simulated.probe.counts().products).toBe(before + 1);
      const job = await bed.db.job.findFirstOrThrow({ where: { shopId: shop.id, kind: "product" } });
      expect(job.status).toBe("succeeded");
      expect(job.businessKey).toBe("product:gid://shopify/ProductVariant/7001:2026-12-08T01:00:00Z");

      const again = await enqueueProductJob(bed.db, {
        shopId: shop.id,
        variant: variant(),
        trigger: "product",
      });
      expect(again).toEqual({ jobId: job.id, created: false });
      const writes = productWrites();
      await drain(bed.db);
      expect(productWrites()).toBe(writes);

      const changed = variant({ price: 15_000, updatedAt: "2026-12-08T01:05:00Z" });
      await enqueueProductJob(bed.db, { shopId: shop.id, variant: changed, trigger: "product" });
      await drain(bed.db);
      expect(productWrites()).toBe(writes + 1);
      expect(bed.simulated.probe.counts().products).toBe(before + 1);
    });

    it("leaves an existing product's price alone when updatePrices is off", async () => {
      const shop = await seed(`keep-prices-${ledger.provider}.myshopify.com`, false);
      const sku = variant({ variantId: "gid://shopify/ProductVariant/7002", sku: "CUP-7002" });
      await enqueueProductJob(bed.db, { shopId: shop.id, variant: sku, trigger: "product" });
      await drain(bed.db);
      const writes = productWrites();
      const changed = { ...sku, price: 19_900, updatedAt: "2026-12-08T01:10:00Z" };
      await enqueueProductJob(bed.db, { shopId: shop.id, variant: changed, trigger: "product" });
      await drain(bed.db);
      expect(productWrites()).toBe(writes);
      const jobs = await bed.db.job.findMany({ where: { shopId: shop.id, kind: "product" } });
      expect(jobs.map((j) => j.status)).toEqual(["succeeded", "succeeded"]);
    });

    it("reports a variant without SKU on the Transfers page by name and blocks nothing else", async () => {
      const shop = await seed(`no-sku-${ledger.provider}.myshopify.com`, true);
      const products = bed.simulated.probe.counts().products;
      const noSku = variant({
        variantId: "gid://shopify/ProductVariant/7003",
        name: "Tekande uden SKU",
        sku: "",
      });
      const other = variant({
        variantId: "gid://shopify/ProductVariant/7004",
        sku: "POT-7004",
        name: "Tekande",
      });
      await enqueueProductJob(bed.db, { shopId: shop.id, variant: noSku, trigger: "product" });
      await enqueueProductJob(bed.db, { shopId: shop.id, variant: other, trigger: "product" });
      await drain(bed.db);
      expect(bed.simulated.probe.counts().products).toBe(products + 1);
      const failed = await bed.db.job.findFirstOrThrow({
        where: { shopId: shop.id, orderId: "product:gid://shopify/ProductVariant/7003" },
      });
      expect(failed.status).toBe("needsAttention");
      expect((failed.lastError as unknown as JobError).messageKey).toBe("productError.noSku");
      const page = await listTransfers(bed.db, shop.id, { status: ["needsAttention"] });
      expect(page.rows.map((row) => row.orderName)).toEqual(["Tekande uden SKU"]);
      expect(page.rows[0]?.lastError).toContain("Tekande uden SKU has no SKU");
    });
  });
}
