import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/config/env.server";
import { auditTrail } from "../../app/engine/audit-log.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { resumeShop } from "../../app/engine/job-queue.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { Worker } from "../../app/engine/worker.server";
import { DINERO_SIMULATOR_DEFAULTS, startDineroSimulator } from "../../simulators/dinero";
import type { DineroSimulator } from "../../simulators/dinero";
import { SecretBox, secretKeyFromBase64 } from "../../app/lib/secret-box.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { seedDineroShop } from "../support/seed-dinero-shop";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");
const ORDER = fs.readFileSync(path.join(FIXTURES, "order-dk-taxes-included.synthetic.json"), "utf8");
const REFUND = fs.readFileSync(path.join(FIXTURES, "refund-dk-taxes-included.synthetic.json"), "utf8");
const SHOP = "flow.myshopify.com";

/** The transfer engine end to end: webhook events → jobs → worker → Dinero (simulated, real HTTP). */
describe("transfer engine with Dinero", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let dinero: DineroSimulator;
  let worker: Worker;
  const box = new SecretBox(secretKeyFromBase64(randomBytes(32).toString("base64")));
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      // In-process simulators store what they receive at once: a short margin before looking up.
      writeMarginMs: 200,
      ledgerTimeoutMs: 2000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
  });
  afterAll(async () => {
    process.env = { ...saved };
    resetEnvForTests();
    await database?.close();
  });
  afterEach(async () => {
    await dinero?.close();
  });
  beforeEach(async () => {
    // A fresh ledger per test, so its counts are this test's alone.
    dinero = await startDineroSimulator({ validateRequests: true });
    process.env.DINERO_API_BASE_URL = dinero.url;
    process.env.DINERO_AUTH_BASE_URL = dinero.authUrl;
    resetEnvForTests();
    await db.auditEntry.deleteMany();
    await db.job.deleteMany();
    await db.shop.deleteMany();
    await seedDineroShop(db, { domain: SHOP, box });
  });

  async function drain(limit = 50) {
    for (let i = 0; i < limit; i++) {
      if (!(await worker.runOnce())) {
        // Jobs in backoff become runnable shortly.
        const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
        if (pending === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
  }

  const ledger = () => {
    const organisation = dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
    if (!organisation) throw new Error("simulated organisation missing");
    return organisation;
  };

  it("turns the same paid webhook delivered ten times into one booked, paid invoice", async () => {
    for (let i = 0; i < 10; i++)
      await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    expect(await db.job.count()).toBe(1);
    await drain();
    const job = await db.job.findFirstOrThrow();
    expect(job.status).toBe("succeeded");
    expect(job.documentNumber).toBeTruthy();
    const invoices = [...ledger().invoices.values()];
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.Status).toBe("Booked");
    expect(String(invoices[0]?.Number)).toBe(job.documentNumber);
    const draft = (job.progress as { draft: { totals: { gross: number }; payments: unknown[] } }).draft;
    expect(invoices[0]?.totals.gross).toBe(draft.totals.gross);
    expect(invoices[0]?.payments).toHaveLength(draft.payments.length);
    const trail = await auditTrail(db, job.shopId, job.orderId);
    const steps = trail.map((entry) => entry.step);
    expect(steps).toEqual(expect.arrayContaining(["queue", "draft", "customer", "invoice", "book"]));
    // People read the audit log: the gross in kroner and øre, not in minor units.
    const gross = (draft.totals.gross / 100).toFixed(2);
    expect(trail.find((entry) => entry.step === "draft")?.message).toContain(`gross ${gross} DKK`);
  });

  it("credits a refund against its booked invoice", async () => {
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    await drain();
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "refunds/create", rawBody: REFUND });
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "refunds/create", rawBody: REFUND });
    await drain();
    const credit = await db.job.findFirstOrThrow({ where: { kind: "creditNote" } });
    expect(credit.status).toBe("succeeded");
    const notes = [...ledger().creditNotes.values()];
    expect(notes).toHaveLength(1);
    const invoice = [...ledger().invoices.values()][0];
    expect(notes[0]?.CreditNoteFor).toBe(invoice?.Guid);
    expect(notes[0]?.Status).toBe("Booked");
  });

  it("holds a refund that arrives before its order's invoice, then credits it after the invoice", async () => {
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "refunds/create", rawBody: REFUND });
    expect((await db.job.findFirstOrThrow()).status).toBe("waiting");
    await drain();
    expect(ledger().creditNotes.size).toBe(0);
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    await drain();
    const jobs = await db.job.findMany({ orderBy: { finishedAt: "asc" } });
    expect(jobs.map((j) => [j.kind, j.status])).toEqual([
      ["invoice", "succeeded"],
      ["creditNote", "succeeded"],
    ]);
    expect(ledger().creditNotes.size).toBe(1);
  });

  it("creates exactly one invoice, one payment set and one credit note when every write's response is lost once", async () => {
    // Drop the response of each of the first writes after the ledger stored it: the engine must
    // find what was stored instead of creating it again.
    dinero.faults.next("dropAfterCommit", 12, (request) => request.method !== "GET");
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    await drain(200);
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "refunds/create", rawBody: REFUND });
    await drain(200);
    const jobs = await db.job.findMany();
    const trail = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(
      jobs.map((j) => j.status),
      trail.map((t) => `${t.step}: ${t.message}`).join("\n"),
    ).toEqual(["succeeded", "succeeded"]);
    expect(ledger().invoices.size).toBe(1);
    expect(ledger().creditNotes.size).toBe(1);
    const invoice = [...ledger().invoices.values()][0];
    const draft = (jobs.find((j) => j.kind === "invoice")?.progress as { draft: { payments: unknown[] } })
      .draft;
    expect(invoice?.payments).toHaveLength(draft.payments.length);
    expect(dinero.faults.injected.length).toBeGreaterThan(3);
  });

  it("flags an order edited after transfer with what differs, and never touches the booked invoice", async () => {
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    await drain();
    const booked = [...ledger().invoices.values()][0];
    const bookedGross = booked?.totals.gross;
    // The same order, unchanged: orders/updated fires for many reasons and must not flag it.
    expect(
      (await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/updated", rawBody: ORDER })).action,
    ).toBe("ignored");
    // An edit that changes what was invoiced: one more of the first line item without a matching
    // total cannot even be booked any more, and the merchant must see that.
    const edited = ORDER.replace(/"quantity":\s*2/, '"quantity": 3');
    const outcome = await ingestShopifyEvent(db, {
      shopDomain: SHOP,
      topic: "orders/updated",
      rawBody: edited,
    });
    expect(outcome.action).toBe("flaggedChange");
    const job = await db.job.findFirstOrThrow();
    const change = job.changedAfterTransfer as { differences: string[] };
    expect(change.differences.join("; ")).toMatch(/no longer matches the booked invoice/);
    // A change of the buyer's e-mail is flagged as a customer change.
    const renamed = ORDER.replaceAll("indkob@kaffebaren.example", "bogholderi@kaffebaren.example");
    expect(
      (await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/updated", rawBody: renamed })).action,
    ).toBe("flaggedChange");
    const again = await db.job.findFirstOrThrow();
    expect((again.changedAfterTransfer as { differences: string[] }).differences).toEqual([
      "customer details",
    ]);
    expect(job.status).toBe("succeeded");
    expect(ledger().invoices.size).toBe(1);
    expect([...ledger().invoices.values()][0]?.totals.gross).toBe(bookedGross);
  });

  it("pauses the shop on a problem only the merchant can fix, and resumes the backlog in order", async () => {
    const shop = await db.shop.findFirstOrThrow();
    // A gift card is sold, but no liability account is configured: the builder refuses.
    await saveShopSettings(prismaSettingsStorage(db), shop.id, { version: 1 });
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: ORDER });
    await drain();
    const paused = await db.shop.findFirstOrThrow();
    expect(paused.paused).toBe(true);
    expect(paused.pausedReason).toContain("Gift card liability account");
    // The job that paused it, whose keyed error the paused banner shows in the page's language.
    expect(paused.pausedJobId).toBe((await db.job.findFirstOrThrow()).id);
    expect((await db.job.findFirstOrThrow()).status).toBe("failed");
    expect(ledger().invoices.size).toBe(0);

    // New orders keep queuing while paused, and nothing runs.
    const second = ORDER.replaceAll("5550000000000000001", "5550000000000000002").replaceAll(
      "#1042",
      "#1043",
    );
    await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: second });
    await drain();
    expect(ledger().invoices.size).toBe(0);

    // The merchant fixes the setting and resumes: the failed order first, then the backlog.
    await saveShopSettings(prismaSettingsStorage(db), shop.id, {
      version: 1,
      accounts: { giftCardLiability: "63080" },
    });
    await resumeShop(db, shop.id);
    await drain();
    const jobs = await db.job.findMany({ orderBy: { finishedAt: "asc" } });
    expect(jobs.map((j) => [j.orderName, j.status])).toEqual([
      ["#1042", "succeeded"],
      ["#1043", "succeeded"],
    ]);
    const numbers = jobs.map((j) => Number(j.documentNumber));
    expect(numbers[1]).toBe((numbers[0] ?? 0) + 1);
  });
});
