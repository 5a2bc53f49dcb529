import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { Worker } from "../../app/engine/worker.server";
import { DINERO_SIMULATOR_DEFAULTS, type DineroSimulator } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { saveShopSettings } from "../../app/settings/settings-store";
import { prismaSettingsStorage } from "../../app/shops/shop-settings-storage.server";
import { writeBackWooStatus } from "../../app/sources/woocommerce/status-write-back.server";
import { markHandledManually } from "../../app/transfers/parked-jobs.server";
import { phpJsonEncode } from "../../simulators/woocommerce/woo-sim-json";
import { wooSignature } from "../../simulators/woocommerce/woo-sim-webhooks";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { WooJson } from "../../simulators/woocommerce/woo-sim-store";
import { openWebhookSecret } from "../../app/sources/woocommerce/woo-store-repo.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import {
  danishRefundLines,
  newDanishOrder,
  newSecretBox,
  PAID,
  connectStoreForTransfers,
  startDineroForApp,
  startRouteServer,
  useAppGlobals,
  type RouteServer,
} from "./woo-harness";

/**
 * WooCommerce end to end: the store simulator sends real webhooks to the app's route, the app
 * re-reads orders through the REST API, workers transfer to the Dinero simulator and write the
 * status back onto the order.
 */
describe("WooCommerce orders to Dinero", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let box: SecretBox;
  let app: RouteServer;
  let woo: WooSimulator;
  let dinero: DineroSimulator;
  let worker: Worker;
  let shop: Shop;
  let restore: () => void;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    box = newSecretBox();
    restore = useAppGlobals(db, box);
    app = await startRouteServer();
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
    await app?.close();
    restore?.();
    await database?.close();
  });
  beforeEach(async () => {
    dinero = await startDineroForApp();
    await db.shop.deleteMany();
    await db.webhookEvent.deleteMany();
    woo = await startWooSimulator({ orders: [], refunds: [] });
    shop = await connectStoreForTransfers(db, box, app.url, woo);
    await woo.drainWebhooks();
  });
  afterEach(async () => {
    await woo?.close();
    await dinero?.close();
  });

  async function drain(limit = 60) {
    for (let i = 0; i < limit; i++) {
      await woo.drainWebhooks();
      if (!(await worker.runOnce())) {
        const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
        if (pending === 0) return woo.drainWebhooks();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
  }

  const ledger = () => {
    const organisation = dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId);
    if (!organisation) throw new Error("simulated organisation missing");
    return organisation;
  };
  const meta = (orderId: number, key: string) =>
    ((woo.store.orders.get(orderId)?.meta_data ?? []) as Array<{ key: string; value: unknown }>).find(
      (m) => m.key === key,
    )?.value;

  /** A delivery as WooCommerce would sign it, for replaying by hand. */
  async function deliver(body: WooJson | string, headers: Record<string, string> = {}, secret?: string) {
    const text = typeof body === "string" ? body : phpJsonEncode(body);
    const webhookSecret =
      secret ??
      (await openWebhookSecret(db, box, await db.wooStore.findUniqueOrThrow({ where: { shopId: shop.id } })));
    return fetch(`${app.url}/webhooks/woocommerce/${shop.id}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-wc-webhook-topic": "order.updated",
        "x-wc-webhook-resource": "order",
        "x-wc-webhook-event": "updated",
        "x-wc-webhook-id": "2",
        "x-wc-webhook-delivery-id": "abc",
        "x-wc-webhook-signature": wooSignature(text, webhookSecret),
        ...headers,
      },
      body: text,
    });
  }

  it("books a paid order as an invoice, writes the status back, and credits its refund", async () => {
    const created = woo.store.createOrder(newDanishOrder());
    const id = Number(created.id);
    await woo.drainWebhooks();
    // A pending checkout is not due under "processing, completed".
    expect(await db.job.count()).toBe(0);

    woo.store.updateOrder(id, PAID);
    await drain();
    const invoiceJob = await db.job.findFirstOrThrow({ where: { kind: "invoice" } });
    expect(invoiceJob).toMatchObject({
      status: "succeeded",
      orderId: String(id),
      orderName: `#${id}`,
      trigger: "status",
    });
    const invoices = [...ledger().invoices.values()];
    expect(invoices).toHaveLength(1);
    expect(invoices[0]?.Status).toBe("Booked");
    expect(invoices[0]?.totals.gross).toBe(29_900);
    expect(String(invoices[0]?.Number)).toBe(invoiceJob.documentNumber);

    // The plugin's order box reads these.
    expect(meta(id, "_ledger_bridge_status")).toBe("transferred");
    expect(meta(id, "_ledger_bridge_document_number")).toBe(invoiceJob.documentNumber);
    expect(meta(id, "_ledger_bridge_error")).toBe("");

    woo.store.createRefund(id, {
      amount: "112.50",
      reason: "Én kop returneret",
      lineItems: danishRefundLines(),
    });
    await drain();
    const credit = await db.job.findFirstOrThrow({ where: { kind: "creditNote" } });
    expect(credit.status).toBe("succeeded");
    const notes = [...ledger().creditNotes.values()];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.CreditNoteFor).toBe(invoices[0]?.Guid);
    expect(notes[0]?.totals.gross).toBe(11_250);
    expect(meta(id, "_ledger_bridge_credit_notes")).toBe(credit.documentNumber);
    // Our own meta writes came back as order.updated deliveries: nothing was flagged or doubled.
    expect((await db.job.findFirstOrThrow({ where: { kind: "invoice" } })).changedAfterTransfer).toBeNull();
    expect(ledger().invoices.size).toBe(1);
  });

  it("keeps one document per order and refund through duplicated and out-of-order deliveries", async () => {
    const created = woo.store.createOrder(newDanishOrder());
    const id = Number(created.id);
    const stale = structuredClone(woo.store.orders.get(id) ?? {});
    woo.store.updateOrder(id, PAID);
    woo.store.createRefund(id, { amount: "112.50", lineItems: danishRefundLines() });
    await woo.drainWebhooks();
    // The same delivery three times, then an older snapshot of the order arriving last.
    const paidBody = woo.store.orders.get(id) ?? {};
    for (let i = 0; i < 3; i++) expect((await deliver(paidBody)).status).toBe(200);
    expect((await deliver(stale, { "x-wc-webhook-delivery-id": "older" })).status).toBe(200);
    expect(await db.job.count({ where: { kind: "invoice" } })).toBe(1);
    // The refund came before the invoice was transferred: its credit note waits.
    expect((await db.job.findFirstOrThrow({ where: { kind: "creditNote" } })).status).toBe("waiting");

    await drain();
    for (let i = 0; i < 2; i++)
      expect(
        (await deliver(woo.store.orders.get(id) ?? {}, { "x-wc-webhook-delivery-id": `again-${i}` })).status,
      ).toBe(200);
    await drain();
    expect(ledger().invoices.size).toBe(1);
    expect(ledger().creditNotes.size).toBe(1);
    expect(await db.job.count()).toBe(2);
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(2);
  });

  it("rejects a forged delivery with 401 and stores nothing; answers the unsigned ping with 200", async () => {
    const created = woo.store.createOrder(newDanishOrder(PAID));
    await woo.drainWebhooks();
    await db.job.deleteMany();
    await db.webhookEvent.deleteMany();
    const body = woo.store.orders.get(Number(created.id)) ?? {};

    const forged = await deliver(body, {}, "not-the-store-secret");
    expect(forged.status).toBe(401);
    const unsigned = await fetch(`${app.url}/webhooks/woocommerce/${shop.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-wc-webhook-topic": "order.updated" },
      body: phpJsonEncode(body),
    });
    expect(unsigned.status).toBe(401);
    // The genuine signature is accepted (control), a body changed after signing is not.
    expect((await deliver(body)).status).toBe(200);
    await db.job.deleteMany();
    await db.webhookEvent.deleteMany();
    const text = phpJsonEncode(body);
    const secret = await openWebhookSecret(
      db,
      box,
      await db.wooStore.findUniqueOrThrow({ where: { shopId: shop.id } }),
    );
    const replaced = await fetch(`${app.url}/webhooks/woocommerce/${shop.id}`, {
      method: "POST",
      headers: {
        "x-wc-webhook-topic": "order.updated",
        "x-wc-webhook-signature": wooSignature(text, secret),
      },
      body: text.replace('"total":"299.00"', '"total":"1.00"'),
    });
    expect(replaced.status).toBe(401);
    expect(await db.job.count()).toBe(0);
    expect(await db.webhookEvent.count()).toBe(0);

    const ping = await fetch(`${app.url}/webhooks/woocommerce/${shop.id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "webhook_id=17",
    });
    expect(ping.status).toBe(200);
    // Signed but not JSON: malformed, 400.
    expect((await deliver("not json")).status).toBe(400);
    // Unknown store: 404; oversized: 413 before reading.
    expect(
      (await fetch(`${app.url}/webhooks/woocommerce/no-such-store`, { method: "POST", body: "webhook_id=1" }))
        .status,
    ).toBe(404);
    const big = await fetch(`${app.url}/webhooks/woocommerce/${shop.id}`, {
      method: "POST",
      headers: { "x-wc-webhook-topic": "order.updated", "x-wc-webhook-signature": "x" },
      body: Buffer.alloc(5 * 1024 * 1024 + 1, 32),
    });
    expect(big.status).toBe(413);
    expect(await db.job.count()).toBe(0);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("skips a queued invoice when the order is trashed, and flags a transferred one", async () => {
    const first = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await woo.drainWebhooks();
    expect((await db.job.findFirstOrThrow()).status).toBe("queued");
    woo.store.trashOrder(first);
    await woo.drainWebhooks();
    const skipped = await db.job.findFirstOrThrow();
    expect(skipped.status).toBe("skipped");
    expect((skipped.lastError as { message: string }).message).toContain("deleted in WooCommerce");
    await drain();
    expect(ledger().invoices.size).toBe(0);

    // Restored and still paid: due again.
    woo.store.restoreOrder(first, "processing");
    await drain();
    expect((await db.job.findFirstOrThrow()).status).toBe("succeeded");
    expect(ledger().invoices.size).toBe(1);
    woo.store.trashOrder(first);
    await woo.drainWebhooks();
    const flagged = await db.job.findFirstOrThrow();
    expect(flagged.status).toBe("succeeded");
    expect(flagged.changedAfterTransfer).toMatchObject({
      differences: ["the order was deleted in WooCommerce after its invoice was booked"],
    });
  });

  it("transfers only on the merchant's statuses, and renewal orders like any order", async () => {
    await saveShopSettings(prismaSettingsStorage(db), shop.id, {
      version: 1,
      accounts: { giftCardLiability: "63080" },
      transfer: { trigger: "statuses", statuses: ["completed"] },
    });
    const onHold = Number(woo.store.createOrder(newDanishOrder({ status: "on-hold" })).id);
    const processing = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await woo.drainWebhooks();
    expect(await db.job.count()).toBe(0);

    woo.store.updateOrder(processing, { status: "completed" });
    await woo.drainWebhooks();
    // WooCommerce Subscriptions: a renewal is an ordinary shop order, created by the extension.
    const renewal = Number(
      woo.store.createOrder(
        newDanishOrder({
          ...PAID,
          status: "completed",
          created_via: "subscription",
          meta_data: [{ id: 1, key: "_subscription_renewal", value: "4711" }],
        }),
      ).id,
    );
    await drain();
    const jobs = await db.job.findMany({ orderBy: { seq: "asc" } });
    expect(jobs.map((j) => [j.orderId, j.status])).toEqual([
      [String(processing), "succeeded"],
      [String(renewal), "succeeded"],
    ]);
    expect(ledger().invoices.size).toBe(2);
    expect(meta(renewal, "_ledger_bridge_status")).toBe("transferred");
    expect(meta(onHold, "_ledger_bridge_status")).toBeUndefined();
  });

  it("writes a failure back onto the order so the plugin offers Retry", async () => {
    await db.ledgerConnection.deleteMany();
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await drain();
    const job = await db.job.findFirstOrThrow();
    expect(job.status).toBe("failed");
    expect(meta(id, "_ledger_bridge_status")).toBe("failed");
    expect(String(meta(id, "_ledger_bridge_error"))).toContain("No accounting system is connected");
  });

  it("writes a parked order back as needing attention, with the reason, and its handling by hand", async () => {
    const id = Number(woo.store.createOrder({ ...newDanishOrder(PAID), currency: "XYZ" }).id);
    await drain();
    const job = await db.job.findFirstOrThrow({ where: { orderId: String(id) } });
    expect(job.status).toBe("needsAttention");
    expect(meta(id, "_ledger_bridge_status")).toBe("needs_attention");
    expect(String(meta(id, "_ledger_bridge_error"))).toContain("XYZ");
    const handled = await markHandledManually(db, {
      shopId: job.shopId,
      jobId: job.id,
      actor: { kind: "wooAdmin", store: "test store" },
    });
    expect(handled.outcome).toBe("handled");
    await writeBackWooStatus(db, job.id, { box });
    expect(meta(id, "_ledger_bridge_status")).toBe("handled");
    expect(meta(id, "_ledger_bridge_error")).toBe("");
  });
});
