import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  customerDataReport,
  redactCustomer,
  redactShop,
} from "../../app/compliance/shopify-compliance.server";
import { appendAudit } from "../../app/engine/audit-log.server";
import { ingestShopifyEvent } from "../../app/engine/ingest/ingest-shopify-event.server";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";

const SHOP = "privacy.myshopify.com";
const EMAIL = "indkob@kaffebaren.example";

describe("Shopify privacy webhooks", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const order = danishOrder(77);
  const other = danishOrder(78);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await db.auditEntry.deleteMany();
    await db.webhookEvent.deleteMany();
    await db.shop.deleteMany();
    const shop = await db.shop.create({ data: { platform: "shopify", domain: SHOP } });
    for (const o of [order, other.order.replaceAll(EMAIL, "someone@else.example")]) {
      const body = typeof o === "string" ? o : o.order;
      await ingestShopifyEvent(db, { shopDomain: SHOP, topic: "orders/paid", rawBody: body });
      await db.webhookEvent.create({
        data: {
          platform: "shopify",
          shopDomain: SHOP,
          topic: "orders/paid",
          deliveryId: `d-${body.length}-${Math.random()}`,
          body,
        },
      });
    }
    // A transferred invoice: frozen draft with the buyer, ledger references, an audit line with the name.
    const job = await db.job.findFirstOrThrow({ where: { orderId: order.orderId } });
    await db.job.update({
      where: { id: job.id },
      data: {
        status: "succeeded",
        documentId: "ledger-guid-1",
        documentNumber: "1042",
        progress: { draft: { customer: { name: "Kaffebaren ApS", email: EMAIL }, totals: { gross: 83395 } } },
      },
    });
    await appendAudit(db, {
      shopId: shop.id,
      orderId: order.orderId,
      step: "customer",
      level: "info",
      message: "Created customer Kaffebaren ApS",
    });
  });

  const customerBody = (orders: string[]) =>
    JSON.stringify({
      shop_id: 1,
      shop_domain: SHOP,
      customer: { id: 191167, email: EMAIL, phone: null },
      orders_to_redact: orders,
      orders_requested: orders,
    });

  it("reports what we hold about the customer's orders", async () => {
    const report = await customerDataReport(db, SHOP, customerBody([order.orderId.split("/").pop() ?? ""]));
    expect(report.orders).toEqual([
      { orderId: order.orderId, documents: [{ kind: "invoice", status: "succeeded", number: "1042" }] },
    ]);
    expect(report.webhookDeliveries).toBeGreaterThanOrEqual(1);
  });

  it("erases the customer's personal data but keeps the ledger references and other customers' data", async () => {
    await redactCustomer(db, SHOP, customerBody([order.orderId.split("/").pop() ?? ""]));
    const job = await db.job.findFirstOrThrow({ where: { orderId: order.orderId } });
    expect(job.sourceOrder).not.toContain(EMAIL);
    expect(JSON.stringify(job.progress)).not.toContain("Kaffebaren");
    expect(JSON.stringify(job.progress)).not.toContain(EMAIL);
    expect(job).toMatchObject({ documentId: "ledger-guid-1", documentNumber: "1042" });
    expect((job.progress as { draft: { totals: { gross: number } } }).draft.totals.gross).toBe(83395);
    const deliveries = await db.webhookEvent.findMany();
    expect(deliveries.filter((d) => d.body.includes(EMAIL))).toHaveLength(0);
    expect(deliveries.filter((d) => d.body.includes("someone@else.example"))).toHaveLength(1);
    const audit = await db.auditEntry.findMany();
    expect(audit.map((a) => a.message).join(" ")).not.toContain("Kaffebaren");
    const untouched = await db.job.findFirstOrThrow({ where: { orderId: other.orderId } });
    expect(untouched.sourceOrder).toContain("someone@else.example");
  });

  it("erases everything of the shop on shop/redact, and nothing of other shops", async () => {
    const otherShop = await db.shop.create({
      data: { platform: "shopify", domain: "neighbour.myshopify.com" },
    });
    await db.session.create({ data: { id: "offline_privacy", shop: SHOP, state: "x", accessToken: "t" } });
    await redactShop(db, SHOP, JSON.stringify({ shop_id: 1, shop_domain: SHOP }));
    expect(await db.shop.count({ where: { domain: SHOP } })).toBe(0);
    expect(await db.job.count()).toBe(0);
    expect(await db.webhookEvent.count({ where: { shopDomain: SHOP } })).toBe(0);
    expect(await db.auditEntry.count()).toBe(0);
    expect(await db.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db.shop.findUnique({ where: { id: otherShop.id } })).not.toBeNull();
  });
});
