import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTextOf, renderAuditText } from "../../app/i18n/audit-text";
import { jobErrorOf, jobErrorText } from "../../app/i18n/job-error-text";
import { ingestEvents } from "../../app/engine/ingest/ingest-events.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { seedJobs } from "../transfers/seed-jobs";

/** A cancelled order's skipped invoice says why in the merchant's language, in its job and its audit. */
describe("the reason of a withdrawn order", () => {
  let database: TestDatabase;
  let db: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("is keyed, so the page shows it in Danish", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "cancel.myshopify.com" } });
    await seedJobs(db, shop.id, 1, new Date(), () => ({
      status: "queued",
      kind: "invoice",
      orderName: "#1001",
      documentNumber: null,
      orderNumber: 8_300_001,
    }));
    await ingestEvents(
      db,
      shop,
      [{ type: "cancelled", orderId: "gid://shopify/Order/8300001", because: "cancelled" }],
      { via: "webhook" },
    );
    const job = await db.job.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(job.status).toBe("skipped");
    const error = jobErrorOf(job.lastError);
    expect(error?.message).toBe("The order was cancelled in Shopify before it was transferred");
    expect(jobErrorText("da", error)).toBe("Ordren blev annulleret i Shopify, før den blev overført");
    const entry = await db.auditEntry.findFirstOrThrow({ where: { jobId: job.id, step: "queue" } });
    const text = auditTextOf(entry.data);
    expect(text && renderAuditText("da", text)).toBe(
      "Sprunget over: Ordren blev annulleret i Shopify, før den blev overført",
    );
  });
});
