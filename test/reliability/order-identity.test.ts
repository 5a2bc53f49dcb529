import { randomUUID } from "node:crypto";
import type { PrismaClient, Shop } from "@prisma/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import { enqueueJob, enqueueJobWithAudit } from "../../app/engine/job-queue.server";
import type { OrderSource } from "../../app/sources/source-contract";
import { enqueueMissing } from "../../app/engine/reconcile.server";
import { createTransferWorker } from "../../app/engine/transfer-engine.server";
import type { Worker } from "../../app/engine/worker.server";
import type { DatabaseTarget } from "../../app/db/driver-adapter.server";
import { closePglite } from "../../app/db/driver-adapter.server";
import { migrate, readMigrations } from "../../app/db/migrate.server";
import { openSqlRunner } from "../../app/db/sql-runner.server";
import { DINERO_SIMULATOR_DEFAULTS, type DineroSimulator } from "../../simulators/dinero";
import { action as blockTransfer } from "../../app/routes/api.orders.$orderId.transfer";
import { loader as blockStatus } from "../../app/routes/api.orders.$orderId.transfer-status";
import { action as pageTransfer, loader as pageLoader } from "../../app/routes/app.orders.$orderId";
import { action as ordersPaid } from "../../app/routes/webhooks.orders.paid";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated";
import type { SecretBox } from "../../app/lib/secret-box.server";
import { OrderIdentityError, orderIdOfBody } from "../../app/sources/order-identity";
import { transferOrder } from "../../app/transfers/order-detail.server";
import { transferStatusSchema } from "../../extensions/order-transfer-block/src/transfer-status-contract";
import { danishOrder } from "../support/order-templates";
import { seedDineroShop } from "../support/seed-dinero-shop";
import { shopifyWebhookInit } from "../support/shopify-webhook-request";
import type { TestDatabase } from "../support/test-database";
import { createPostgresDatabase, createTestDatabase, postgresReachable } from "../support/test-database";
import { newSecretBox, startDineroForApp, useAppGlobals } from "../woocommerce/woo-harness";

/**
 * Issue 13, class 1: an order is found by its identity, never by text. A buyer's order B that
 * carries order A's id as text — in its note, a note attribute, a line item property, the
 * customer's name, or as JSON-looking text — must never be shown, previewed or booked as A,
 * through the real routes: Shopify webhooks, the order page (loader and Transfer), the order
 * block (status and Transfer), and the worker booking into the Dinero simulator. B still gets
 * its own invoice, and A's own later webhook is never swallowed. Local mode: there is no
 * Shopify to read from, so an order the app has not received is unknown (the shop-read path is
 * covered below with a reader that answers another order).
 */

/** Where B carries A's id. Each returns B's body with A's id (`gid`, `numeric`) planted. */
const PLANTS: Record<string, (body: string, gid: string, numeric: string) => string> = {
  "the order note": (body, gid) =>
    body.replace('"note_attributes": [', `"note": "${gid}", "note_attributes": [`),
  "a note attribute": (body, gid) =>
    body.replace('"note_attributes": [', `"note_attributes": [{ "name": "ref", "value": "${gid}" },`),
  "a line item property": (body, gid) =>
    body.replace(
      '"name": "Kaffekop - Blå",',
      `"name": "Kaffekop - Blå", "properties": [{ "name": "for", "value": "${gid}" }],`,
    ),
  "the customer's name": (body, gid) => body.replaceAll('"first_name": "Mette"', `"first_name": "${gid}"`),
  "JSON-looking text and the bare number": (body, gid, numeric) =>
    body.replace(
      '"note_attributes": [',
      `"note": ${JSON.stringify(`{"order_id":${numeric},"id":${numeric},"admin_graphql_api_id":"${gid}"}`)}, ` +
        `"note_attributes": [{ "name": "order", "value": "${numeric}" }, { "name": "gid", "value": "${gid}" },`,
    ),
};

/** B's lines read differently, so a preview or invoice shows whose order it is. */
const B_MARK = "(order B)";

function orders(n: number, plant: (typeof PLANTS)[string]) {
  const a = danishOrder(n);
  const b = danishOrder(n + 1);
  const aNumeric = a.orderId.split("/").pop() ?? "";
  const bBody = plant(b.order.replaceAll('"Tekande"', `"Tekande ${B_MARK}"`), a.orderId, aNumeric);
  expect(orderIdOfBody("shopify", bBody)).toBe(b.orderId);
  expect(bBody).toContain(a.orderId);
  return {
    a: { ...a, numeric: aNumeric },
    b: { ...b, order: bBody, numeric: b.orderId.split("/").pop() ?? "" },
  };
}

describe("orders are found by identity, never by text (Shopify, real routes)", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let box: SecretBox;
  let dinero: DineroSimulator;
  let worker: Worker;
  let shop: Shop;
  let restore: () => void;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    box = newSecretBox();
    restore = useAppGlobals(db, box);
    delete process.env.SHOPIFY_ADMIN_BASE_URL;
    // Dinero's request quota is not what this suite is about: twenty invoices in a row must not wait a minute.
    dinero = await startDineroForApp({ rateLimit: { limit: 100_000, windowMs: 60_000 } });
    shop = await seedDineroShop(db, { domain: LOCAL_SHOP_DOMAIN, box });
    worker = createTransferWorker(db, {
      box,
      backoff: { baseMs: 5, maxMs: 20, maxAttempts: 30 },
      ledgerTimeoutMs: 5000,
      rateLimit: { perMinute: 60_000, burst: 1000 },
    });
  });
  afterAll(async () => {
    await dinero?.close();
    restore?.();
    await database?.close();
  });

  const deliver = async (topic: "orders/paid" | "orders/updated", body: string) => {
    const request = new Request(
      `http://localhost/webhooks/${topic}`,
      shopifyWebhookInit({ topic, shop: LOCAL_SHOP_DOMAIN, body }),
    );
    const route = topic === "orders/paid" ? ordersPaid : ordersUpdated;
    const response = await route({ request, params: {}, context: {} });
    expect(response.status).toBe(200);
  };
  const page = async (numeric: string) => {
    const response = await pageLoader({
      request: new Request(`http://localhost/app/orders/${numeric}`),
      params: { orderId: numeric },
      context: {},
    });
    return (await response.json()) as {
      orderName: string | null;
      transfer: { canTransfer: boolean };
      invoice: { lines: Array<{ description: string }> } | null;
    };
  };
  const pageTransferStatus = async (numeric: string) =>
    (
      await pageTransfer({
        request: new Request(`http://localhost/app/orders/${numeric}`, { method: "POST" }),
        params: { orderId: numeric },
        context: {},
      })
    ).status;
  const status = async (gid: string) => {
    const response = await blockStatus({
      request: new Request(`http://localhost/api/orders/${encodeURIComponent(gid)}/transfer-status`),
      params: { orderId: gid },
      context: {},
    });
    expect(response.status).toBe(200);
    return transferStatusSchema.parse(await response.json());
  };
  const blockTransferStatus = async (gid: string) =>
    (
      await blockTransfer({
        request: new Request(`http://localhost/api/orders/${encodeURIComponent(gid)}/transfer`, {
          method: "POST",
        }),
        params: { orderId: gid },
        context: {},
      })
    ).status;
  // Until the queue is empty (a ledger throttle or retry only delays it), with a generous bound.
  const drain = async () => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (await worker.runOnce()) continue;
      const pending = await db.job.count({ where: { status: { in: ["queued", "running"] } } });
      if (pending === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const bookedDraft = async (gid: string) => {
    const job = await db.job.findUniqueOrThrow({
      where: { shopId_businessKey: { shopId: shop.id, businessKey: `invoice:${gid}` } },
    });
    expect([job.status, job.lastError]).toEqual(["succeeded", null]);
    expect(orderIdOfBody("shopify", job.sourceOrder)).toBe(gid);
    const draft = (
      job.progress as { draft: { order: { name: string }; lines: Array<{ description: string }> } }
    ).draft;
    return { job, draft, descriptions: draft.lines.map((line) => line.description).join("|") };
  };
  const invoicesInLedger = () => [
    ...(dinero.state.organizations.get(DINERO_SIMULATOR_DEFAULTS.organizationId)?.invoices.values() ?? []),
  ];

  const variants = Object.entries(PLANTS).map(([where, plant], i) => ({ where, plant, n: 100 + i * 10 }));

  it.each(variants)(
    "A received before B (id in $where): Transfer, page, status and block show and book A",
    async ({ plant, n }) => {
      const { a, b } = orders(n, plant);
      const before = invoicesInLedger().length;
      await deliver("orders/updated", a.order); // A is known, not yet paid: no job.
      await deliver("orders/paid", b.order); // B, newer, carrying A's id: its own job.
      expect(await db.job.count({ where: { orderId: a.orderId } })).toBe(0);

      const shown = await page(a.numeric);
      expect(shown.orderName).toBe(a.name);
      expect(shown.transfer.canTransfer).toBe(true);
      expect(shown.invoice?.lines.map((l) => l.description).join("|")).not.toContain(B_MARK);
      const seen = await status(a.orderId);
      expect(seen).toMatchObject({ status: "notTransferred", canTransfer: true });
      expect(seen.preview?.lines.map((l) => l.description).join("|")).not.toContain(B_MARK);
      expect(seen.preview?.lines.map((l) => l.description).join("|")).toContain("Tekande");

      expect(await blockTransferStatus(a.orderId)).toBe(202);
      expect(await pageTransferStatus(a.numeric)).toBe(202); // already under way, same job
      await drain();

      const booked = await bookedDraft(a.orderId);
      expect(booked.job.orderName).toBe(a.name);
      expect(booked.draft.order.name).toBe(a.name);
      expect(booked.descriptions).not.toContain(B_MARK);
      const own = await bookedDraft(b.orderId);
      expect(own.draft.order.name).toBe(b.name);
      expect(own.descriptions).toContain(B_MARK);
      expect(invoicesInLedger().length - before).toBe(2);
    },
  );

  it.each(variants)(
    "A not received yet (id in $where): A is unknown, B is not taken, A's own webhook books A",
    async ({ plant, n }) => {
      const { a, b } = orders(n + 5, plant);
      const before = invoicesInLedger().length;
      await deliver("orders/paid", b.order);

      const shown = await page(a.numeric);
      expect(shown).toMatchObject({ orderName: null, invoice: null, transfer: { canTransfer: false } });
      expect(await status(a.orderId)).toMatchObject({
        status: "notTransferred",
        canTransfer: false,
        preview: null,
      });
      expect(await blockTransferStatus(a.orderId)).toBe(404);
      expect(await pageTransferStatus(a.numeric)).toBe(404);
      expect(await db.job.count({ where: { orderId: a.orderId } })).toBe(0);

      // A's own webhook arrives later: it is not swallowed by a job that holds B.
      await deliver("orders/paid", a.order);
      await drain();
      const booked = await bookedDraft(a.orderId);
      expect(booked.draft.order.name).toBe(a.name);
      expect(booked.descriptions).not.toContain(B_MARK);
      expect((await bookedDraft(b.orderId)).draft.order.name).toBe(b.name);
      expect(invoicesInLedger().length - before).toBe(2);
    },
  );

  it("keys each recorded order webhook on the body's own id, exactly (ids beyond 2^53)", async () => {
    const { a, b } = orders(300, PLANTS["the customer's name"]!);
    await deliver("orders/updated", b.order);
    const rows = await db.webhookEvent.findMany({ where: { body: b.order }, select: { orderId: true } });
    expect(rows).toEqual([{ orderId: b.orderId }]);
    expect(BigInt(a.numeric) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(await db.webhookEvent.count({ where: { orderId: a.orderId } })).toBe(0);
  });

  it("refuses an order the shop answers with another id, and books what the shop answers for A", async () => {
    const { a, b } = orders(400, PLANTS["the order note"]!);
    const numeric = a.numeric;
    // The shop (or anything pretending to be it) answers B when asked for A: not A.
    expect((await transferOrder(db, shop, numeric, async () => b.order)).outcome).toBe("unknownOrder");
    expect(await db.job.count({ where: { orderId: a.orderId } })).toBe(0);
    const asked: string[] = [];
    const result = await transferOrder(db, shop, numeric, async (_shop, id) => {
      asked.push(id);
      return a.order;
    });
    expect(asked).toEqual([a.orderId]);
    expect(result.outcome).toBe("queued");
    const job = await db.job.findFirstOrThrow({ where: { orderId: a.orderId } });
    expect(orderIdOfBody("shopify", job.sourceOrder)).toBe(a.orderId);
    expect(job.orderName).toBe(a.name);
    await db.job.delete({ where: { id: job.id } });
  });
});

describe("no path queues one order's body under another order's id", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shop: Shop;
  const a = danishOrder(500);
  const b = danishOrder(501);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    shop = await db.shop.create({ data: { platform: "shopify", domain: "identity.myshopify.com" } });
  });
  afterAll(async () => {
    await database?.close();
  });
  afterEach(async () => {
    await db.auditEntry.deleteMany();
    await db.job.deleteMany();
  });

  it("the queue refuses B's body under A's id (both enqueue paths), and keeps A's body under A's id", async () => {
    const input = {
      shopId: shop.id,
      kind: "invoice" as const,
      orderId: a.orderId,
      trigger: "manual" as const,
    };
    await expect(enqueueJob(db, { ...input, sourceOrder: b.order })).rejects.toBeInstanceOf(
      OrderIdentityError,
    );
    await expect(
      enqueueJobWithAudit(
        db,
        { ...input, trigger: "paid", sourceOrder: b.order },
        { step: "queue", message: "x" },
      ),
    ).rejects.toBeInstanceOf(OrderIdentityError);
    // A WooCommerce-shaped body of another order under a numeric id: refused the same way.
    await expect(
      enqueueJob(db, {
        ...input,
        orderId: "41",
        sourceOrder: JSON.stringify({ id: 42, customer_note: "41" }),
      }),
    ).rejects.toBeInstanceOf(OrderIdentityError);
    expect(await db.job.count()).toBe(0);
    expect((await enqueueJob(db, { ...input, sourceOrder: a.order })).created).toBe(true);
  });

  it("reconciliation and the historical import skip an answer that is another order, and go on", async () => {
    const answers = new Map([
      [a.orderId, b.order], // asked for A, the source answers B
      [b.orderId, b.order],
    ]);
    const source: OrderSource = {
      ordersUpdatedSince: async function* () {},
      ordersCreatedBetween: async function* () {},
      fetchOrder: async (id) => ({ order: answers.get(id) ?? "", refunds: [] }),
    };
    const summary = (id: string, name: string) => ({ id, name, paid: true, cancelled: false, test: false });
    expect(await enqueueMissing(db, shop, source, summary(a.orderId, a.name), "reconcile", false)).toBe(0);
    expect(await enqueueMissing(db, shop, source, summary(b.orderId, b.name), "backfill", false)).toBe(1);
    const jobs = await db.job.findMany();
    expect(jobs.map((job) => job.orderId)).toEqual([b.orderId]);
    expect(orderIdOfBody("shopify", jobs[0]?.sourceOrder ?? "")).toBe(b.orderId);
  });
});

describe("order identity is read from the body's own id fields", () => {
  it("reads Shopify REST and GraphQL shapes and WooCommerce ids, and refuses contradictions", () => {
    const big = "820982911946154508";
    expect(orderIdOfBody("shopify", `{"id":${big},"note":"gid://shopify/Order/1"}`)).toBe(
      `gid://shopify/Order/${big}`,
    );
    expect(orderIdOfBody("shopify", `{"id":"gid://shopify/Order/${big}"}`)).toBe(
      `gid://shopify/Order/${big}`,
    );
    expect(orderIdOfBody("shopify", `{"admin_graphql_api_id":"gid://shopify/Order/7","id":7}`)).toBe(
      "gid://shopify/Order/7",
    );
    expect(orderIdOfBody("shopify", `{"admin_graphql_api_id":"gid://shopify/Order/7","id":8}`)).toBeNull();
    expect(orderIdOfBody("shopify", `{"admin_graphql_api_id":"gid://shopify/Customer/7"}`)).toBeNull();
    expect(orderIdOfBody("shopify", `{"note":"{\\"id\\":7}","line_items":[{"id":7}]}`)).toBeNull();
    expect(orderIdOfBody("shopify", "not json")).toBeNull();
    expect(orderIdOfBody("woocommerce", `{"id":42,"customer_note":"\\"id\\":41"}`)).toBe("42");
    expect(orderIdOfBody("woocommerce", `{"id":"42x"}`)).toBeNull();
    expect(orderIdOfBody("woocommerce", `{"id":-1}`)).toBeNull();
  });
});

const pgAvailable = await postgresReachable();

describe("the migration keys order webhooks recorded before it, as the app keys new ones", () => {
  const MIGRATION = "20261207180000_h1_webhook_order_id";

  async function backfilled(target: DatabaseTarget, cleanup: () => Promise<void>) {
    const runner = await openSqlRunner(target);
    try {
      await migrate(
        runner,
        readMigrations().filter((m) => m.name < MIGRATION),
      );
      const big = "5550000000000000777";
      const rows: Array<[string, string, string]> = [
        ["shopify", "orders/paid", `{"id":${big},"admin_graphql_api_id":"gid://shopify/Order/${big}"}`],
        ["shopify", "orders/updated", `{"id":12,"note":"gid://shopify/Order/${big}"}`],
        ["shopify", "orders/paid", `{"id":"gid://shopify/Order/13"}`],
        ["shopify", "orders/paid", `{"id":14,"note":"\\u0000 buyer"}`],
        ["shopify", "orders/paid", "not json"],
        ["shopify", "orders/paid", `{"id":15,"admin_graphql_api_id":"gid://shopify/Order/16"}`],
        ["shopify", "refunds/create", `{"id":17,"order_id":${big}}`],
        ["woocommerce", "order.updated", `{"id":18}`],
      ];
      for (const [i, [platform, topic, body]] of rows.entries()) {
        await runner.query(
          `INSERT INTO "WebhookEvent" ("id", "shopDomain", "platform", "topic", "deliveryId", "body")
           VALUES ($1, 'm.myshopify.com', $2::"Platform", $3, $1, $4)`,
          [`row-${i}`, platform, topic, body],
        );
      }
      await migrate(runner);
      const keyed = await runner.query<{ id: string; orderId: string | null }>(
        `SELECT "id", "orderId" FROM "WebhookEvent" ORDER BY "id"`,
      );
      const app = rows.map(([platform, topic, body]) =>
        platform === "shopify" && topic.startsWith("orders/") ? orderIdOfBody("shopify", body) : null,
      );
      return { keyed: keyed.map((row) => row.orderId), app, big };
    } finally {
      await runner.close();
      await cleanup();
    }
  }

  const expectBackfill = ({ keyed, app, big }: Awaited<ReturnType<typeof backfilled>>) => {
    expect(keyed).toEqual([
      `gid://shopify/Order/${big}`,
      "gid://shopify/Order/12",
      "gid://shopify/Order/13",
      // PostgreSQL's jsonb cannot hold \u0000: unkeyed (found from Shopify instead), never a failed migration.
      null,
      null,
      null,
      null,
      null,
    ]);
    // The app reads the same ids (it also reads the \u0000 body, which SQL cannot).
    expect(app.filter((_, i) => i !== 3)).toEqual(keyed.filter((_, i) => i !== 3));
  };

  it("on PGlite", async () => {
    const dataDir = `memory://${randomUUID()}`;
    expectBackfill(await backfilled({ kind: "pglite", dataDir }, () => closePglite(dataDir)));
  });

  it.runIf(pgAvailable)("on PostgreSQL", async () => {
    const fresh = await createPostgresDatabase({ migrate: false });
    await fresh.prisma.$disconnect();
    expectBackfill(await backfilled(fresh.target, () => fresh.close()));
  });
});
