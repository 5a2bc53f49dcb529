import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { requeueParkedJob } from "../../app/engine/job-queue.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { retryParkedJob } from "../../app/transfers/parked-jobs.server";
import { LEDGERS_UNDER_TEST, settingsForLedger } from "../support/reliability-ledgers";
import { shopOrder } from "../support/reliability-orders";
import { seedShop } from "../support/reliability-shops";
import { startLedgerTestBed, type LedgerTestBed } from "../support/ledger-test-bed";

const dinero = LEDGERS_UNDER_TEST.find((ledger) => ledger.provider === "dinero");
if (!dinero) throw new Error("no Dinero under test");

/**
 * Issue 13's poison-job test: one order whose own data cannot be booked (a date no one can read)
 * is parked as needing attention, with the reason; the shop is not paused, the shop's next order
 * is booked while the bad one waits, and the bad order's refund waits for its invoice.
 */
describe("a poison order never blocks its shop", () => {
  let bed: LedgerTestBed;
  let db: PrismaClient;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));

  beforeAll(async () => {
    bed = await startLedgerTestBed(dinero);
    db = bed.db;
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("parks the bad order, books the next one of the same shop, and keeps the shop running", async () => {
    const shop = await seedShop(db, {
      domain: "poison.myshopify.com",
      settings: settingsForLedger(dinero.harness),
      box,
    });
    const bad = shopOrder(0, 1);
    const good = shopOrder(0, 2);
    const poisoned = bad.order.replace(
      /"(created_at|processed_at)": "[^"]*"/g,
      '"$1": "the day after tomorrow"',
    );
    expect(poisoned).not.toBe(bad.order);
    for (const [topic, rawBody] of [
      ["orders/paid", poisoned],
      ["refunds/create", bad.refund],
      ["orders/paid", good.order],
    ] as const) {
      await ingestShopifyEvent(db, { shopDomain: shop.domain, topic, rawBody });
    }
    const worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 1, maxMs: 1, maxAttempts: 3 },
      writeMarginMs: 0,
      rateLimit: { perMinute: 1_000_000, burst: 100_000 },
    });
    while (await worker.runOnce());

    const jobs = await db.job.findMany({ where: { shopId: shop.id }, orderBy: { seq: "asc" } });
    const byOrder = (orderId: string, kind: string) =>
      jobs.find((job) => job.orderId.endsWith(orderId.split("/").pop() ?? "") && job.kind === kind);
    const parked = byOrder(bad.orderId, "invoice");
    expect(parked?.status).toBe("needsAttention");
    expect(parked?.lastError).toMatchObject({
      scope: "order",
      retryable: false,
      // Pages show Ledger Bridge's own reasons in the merchant's language from these.
      messageKey: "jobError.invalidOrderData",
    });
    expect((parked?.lastError as { message: string }).message).toMatch(/_at/);
    expect(parked?.attempts).toBe(1);
    expect(byOrder(bad.orderId, "creditNote")?.status).toBe("waiting");
    const booked = byOrder(good.orderId, "invoice");
    expect(booked?.status).toBe("succeeded");
    expect(booked?.documentNumber).toBeTruthy();
    const after = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(after).toMatchObject({ paused: false, pausedReason: null });

    // Retry brings it back once; the same data fails the same way and parks again — still alone.
    expect(await requeueParkedJob(db, parked!.id)).toBe(true);
    await ingestShopifyEvent(db, {
      shopDomain: shop.domain,
      topic: "orders/paid",
      rawBody: shopOrder(0, 3).order,
    });
    while (await worker.runOnce());
    const statuses = await db.job.findMany({ where: { shopId: shop.id }, orderBy: { seq: "asc" } });
    expect(statuses.map((job) => job.status)).toEqual([
      "needsAttention",
      "waiting",
      "succeeded",
      "succeeded",
    ]);
    expect((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).paused).toBe(false);

    // The order is corrected in the shop (orders/updated), and the merchant's Retry books it: the
    // draft is built again from the corrected order, and its waiting refund follows.
    await ingestShopifyEvent(db, { shopDomain: shop.domain, topic: "orders/updated", rawBody: bad.order });
    const retried = await retryParkedJob(db, {
      shopId: shop.id,
      jobId: parked!.id,
      actor: { kind: "cli", osUser: "test" },
    });
    expect(retried).toMatchObject({ outcome: "retried", status: "queued" });
    while (await worker.runOnce());
    const fixed = await db.job.findMany({ where: { shopId: shop.id } });
    expect(fixed.map((job) => job.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    const fixedInvoice = fixed.find((job) => job.id === parked!.id);
    const refund = fixed.find((job) => job.kind === "creditNote");
    expect(fixedInvoice?.documentNumber).toBeTruthy();
    expect(refund?.documentNumber).toBeTruthy();
  });
});
