import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { Worker } from "../../app/engine/worker.server";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { orderIdOfBody } from "../../app/sources/order-identity";
import type { WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { orderDetail, transferOrder } from "../../app/transfers/order-detail.server";
import { newDanishOrder, PAID, startWooTransferBed, type WooTransferBed } from "../woocommerce/woo-harness";

/**
 * Issue 13, class 1 on WooCommerce: order B carries order A's id as text (customer note,
 * billing name, a line item's meta, JSON-looking text). The order page and Transfer of A read A
 * from the store by its id and book A; B's own webhook books B; nothing of B is shown as A.
 */
describe("WooCommerce orders are found by identity, never by text", { timeout: 180_000 }, () => {
  let bed: WooTransferBed;
  let db: PrismaClient;
  let box: SecretBox;
  let woo: WooSimulator;
  let worker: Worker;
  let shop: Shop;

  beforeAll(async () => {
    bed = await startWooTransferBed();
    ({ db, box, woo, shop } = bed);
    worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      ledgerTimeoutMs: 5000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  // Until the queue is empty (a ledger throttle or retry only delays it), with a generous bound.
  const drain = async () => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await woo.drainWebhooks();
      if (await worker.runOnce()) continue;
      const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
      if (pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it("shows and books A, not the order whose note, name and line meta carry A's id", async () => {
    const template = newDanishOrder();
    const a = woo.store.createOrder({
      ...template,
      billing: { ...(template.billing as object), first_name: "Alma" },
    });
    const aId = String(a.id);
    const lines = (template.line_items as Array<Record<string, unknown>>).map((line, i) =>
      i === 0 ? { ...line, name: "Kaffekop (order B)", meta_data: [{ key: "order", value: aId }] } : line,
    );
    const b = woo.store.createOrder({
      ...template,
      ...PAID,
      customer_note: `{"id":${aId},"order_id":${aId},"number":"${aId}"} ${aId} #${aId}`,
      billing: { ...(template.billing as object), first_name: aId, last_name: `#${aId}` },
      line_items: lines,
    });
    const bId = String(b.id);
    await drain(); // B's webhook: B's own invoice; A is not paid, so it has no job.
    expect(await db.job.count({ where: { shopId: shop.id, orderId: aId } })).toBe(0);

    const page = await orderDetail(db, shop, aId);
    expect(page.orderName).toBe(`#${aId}`);
    expect(page.transfer.canTransfer).toBe(true);
    expect(page.invoice?.lines.map((line) => line.description).join("|")).not.toContain("order B");

    expect((await transferOrder(db, shop, aId)).outcome).toBe("queued");
    await drain();
    const jobs = await db.job.findMany({
      where: { shopId: shop.id, kind: "invoice" },
      orderBy: { seq: "asc" },
    });
    expect(jobs.map((job) => [job.orderId, job.orderName, job.status])).toEqual([
      [bId, `#${bId}`, "succeeded"],
      [aId, `#${aId}`, "succeeded"],
    ]);
    for (const job of jobs) expect(orderIdOfBody("woocommerce", job.sourceOrder)).toBe(job.orderId);
    const draftOf = (i: number) =>
      (jobs[i]?.progress as { draft: { order: { id: string }; lines: Array<{ description: string }> } })
        .draft;
    expect(
      draftOf(0)
        .lines.map((line) => line.description)
        .join("|"),
    ).toContain("order B");
    expect(draftOf(1).order.id).toBe(aId);
    expect(
      draftOf(1)
        .lines.map((line) => line.description)
        .join("|"),
    ).not.toContain("order B");
  });

  it("refuses what a store answers for A when it is another order", async () => {
    const a = woo.store.createOrder(newDanishOrder());
    const other = woo.store.createOrder(newDanishOrder({ customer_note: String(a.id) }));
    const answer = JSON.stringify(woo.store.orders.get(Number(other.id)));
    expect((await transferOrder(db, shop, String(a.id), async () => answer)).outcome).toBe("unknownOrder");
    expect(await db.job.count({ where: { shopId: shop.id, orderId: String(a.id) } })).toBe(0);
  });
});
