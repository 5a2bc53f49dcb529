import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileDueShops } from "../../app/engine/reconcile-scheduler.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import { DINERO_SIMULATOR_DEFAULTS, type DineroSimulator } from "../../simulators/dinero";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { orderSourceFor } from "../../app/sources/order-source-for.server";
import { wooDate } from "../../simulators/woocommerce/woo-sim-json";
import type { WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { main } from "../../cli/main";
import { pointProcessDatabaseAt } from "../support/cli-database";
import { newDanishOrder, PAID, startWooTransferBed, type WooTransferBed } from "./woo-harness";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A paid order the store already had before it was connected: no webhook ever brought it. */
function olderPaidOrder(id: number, daysAgo: number, overrides: Record<string, unknown> = {}) {
  const at = wooDate(new Date(Date.now() - daysAgo * DAY_MS));
  return newDanishOrder({
    ...PAID,
    date_paid: at,
    date_paid_gmt: at,
    id,
    number: String(id),
    date_created: at,
    date_created_gmt: at,
    date_modified: at,
    date_modified_gmt: at,
    ...overrides,
  });
}

/**
 * `ledger-bridge reconcile` and `ledger-bridge backfill` for a WooCommerce store: the operator
 * CLI picks the store's REST API as the order source (`orderSourceFor`), accepts the store's
 * URL as `--shop`, and what it queues is transferred once.
 */
describe("the operator CLI's reconcile and backfill for a WooCommerce store", () => {
  let bed: WooTransferBed;
  let db: PrismaClient;
  let box: SecretBox;
  let woo: WooSimulator;
  let dinero: DineroSimulator;
  let shop: Shop;
  const out: string[] = [];
  const io = {
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => out.push(text),
    readFile: async () => "",
  };

  const transferAll = async () => {
    const worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      // In-process simulators store what they receive at once: a short margin before looking up.
      writeMarginMs: 200,
      ledgerTimeoutMs: 5000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
    for (let i = 0; i < 40 && (await worker.runOnce()); i++) await woo.drainWebhooks();
  };
  const dineroInvoices = () =>
    dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId)?.invoices.size ?? 0;

  beforeAll(async () => {
    bed = await startWooTransferBed({
      // The CLI opens (and migrates) the process-wide database: this test's, never data/pglite.
      onDatabase: pointProcessDatabaseAt,
      store: {
        orders: [
          olderPaidOrder(20_001, 40),
          olderPaidOrder(20_002, 20),
          olderPaidOrder(20_003, 10),
          // Never paid: the import leaves it alone.
          olderPaidOrder(20_004, 10, { status: "pending", date_paid: null, date_paid_gmt: null }),
        ],
        refunds: [],
      },
    });
    ({ db, box, woo, dinero, shop } = bed);
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("reconcile --shop <store URL> queues an order whose webhook was never sent, and it is transferred", async () => {
    // The store's webhooks are paused: the new order is never announced.
    for (const webhook of woo.webhooks) webhook.status = "paused";
    const missed = woo.store.createOrder(newDanishOrder(PAID));
    await woo.drainWebhooks();
    expect(woo.dispatcher.log.filter((d) => d.kind === "delivery")).toHaveLength(0);
    expect(await db.job.count()).toBe(0);

    // The store's URL as the merchant might type it (trailing slash): found all the same.
    expect(await main(["reconcile", "--shop", `${woo.url}/`], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Checked 1 order\(s\) updated since .*; queued 1 missing transfer\(s\)\.$/);
    const jobs = await db.job.findMany();
    expect(jobs.map((job) => [job.kind, job.orderId, job.trigger, job.shopId])).toEqual([
      ["invoice", String(missed.id), "reconcile", shop.id],
    ]);
    // Reading the store turned its webhooks back on.
    expect(woo.webhooks.every((webhook) => webhook.status === "active")).toBe(true);

    // Running it again (by the stored domain) finds nothing new.
    expect(await main(["reconcile", "--shop", shop.domain], io)).toBe(0);
    expect(out.at(-1)).toContain("queued 0 missing transfer(s)");

    await transferAll();
    expect(await db.job.findMany({ select: { status: true, documentNumber: true } })).toEqual([
      { status: "succeeded", documentNumber: expect.any(String) as string },
    ]);
    expect(dineroInvoices()).toBe(1);
  });

  it("backfill --since imports older paid orders once; a second run creates nothing new", async () => {
    // Reconciliation looks at recently modified orders (3 days by default): the older orders,
    // there before the store was connected, are the import's job.
    expect(await main(["reconcile", "--shop", shop.domain], io)).toBe(0);
    expect(out.at(-1)).toMatch(/^Checked 1 order\(s\) .*; queued 0 missing transfer\(s\)\.$/);
    const since = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
    expect(await main(["backfill", "--shop", shop.domain, "--since", since], io)).toBe(0);
    expect(out.at(-1)).toBe("done: 3/3 order(s) queued for transfer.");
    const imported = await db.job.findMany({ where: { trigger: "backfill" }, orderBy: { seq: "asc" } });
    expect(imported.map((job) => [job.kind, job.orderId])).toEqual([
      ["invoice", "20002"],
      ["invoice", "20003"],
    ]);
    // The third order of the range is the one reconcile already queued; 40 days ago is outside it.
    expect(await db.job.count({ where: { orderId: { in: ["20001", "20004"] } } })).toBe(0);

    const before = await db.job.count();
    const audit = await db.auditEntry.count();
    expect(await main(["backfill", "--shop", `${woo.url}/`, "--since", since], io)).toBe(0);
    expect(out.at(-1)).toBe("done: 3/3 order(s) queued for transfer.");
    expect(await db.job.count()).toBe(before);
    expect(await db.auditEntry.count()).toBe(audit);
    expect(await db.backfill.count({ where: { shopId: shop.id, status: "done" } })).toBe(2);

    await transferAll();
    expect(await db.job.count({ where: { status: { not: "succeeded" } } })).toBe(0);
    expect(dineroInvoices()).toBe(3);

    // Bad usage says why (exit code 2).
    expect(await main(["backfill", "--shop", shop.domain, "--since", since, "--to", "2030-01-01"], io)).toBe(
      2,
    );
    expect(await main(["reconcile", "--shop", "https://no-such-store.example"], io)).toBe(2);
    expect(out.at(-1)).toContain('No shop with domain "https://no-such-store.example"');
  });

  it("the daily reconciliation includes the store only when its 15-minute poll has not read it for a day", async () => {
    const sourceFor = (candidate: Shop) => orderSourceFor(candidate, { db, box });
    const now = new Date();
    const daily = (at: Date) => reconcileDueShops(db, sourceFor, at);
    const poll = (at: Date) =>
      reconcileDueShops(db, sourceFor, at, { platforms: ["woocommerce"], everyMs: 15 * 60 * 1000 });
    // Polled a moment ago (the CLI runs above): not due for the daily round.
    expect(await daily(now)).toBe(0);

    // The poll has failed for two days; meanwhile an order's webhook was lost.
    await db.shop.update({
      where: { id: shop.id },
      data: { lastReconciledAt: new Date(now.getTime() - 2 * DAY_MS) },
    });
    for (const webhook of woo.webhooks) webhook.status = "paused";
    const missed = woo.store.createOrder(newDanishOrder(PAID));
    await woo.drainWebhooks();
    const before = await db.job.count();
    expect(await daily(now)).toBe(1);
    expect(
      await db.job.findMany({ where: { orderId: String(missed.id) }, select: { trigger: true } }),
    ).toEqual([{ trigger: "reconcile" }]);
    // Both schedules claim the store through the same time stamp: the poll right after finds it done.
    expect(await poll(new Date(now.getTime() + 60_000))).toBe(0);
    expect(await poll(new Date(now.getTime() + 16 * 60_000))).toBe(1);
    expect(await db.job.count()).toBe(before + 1);
  });
});
