import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { homeSummary } from "../../app/transfers/home-summary.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { seedJobs } from "./seed-jobs";

/** The home page's transfers summary and next step, on a real database. */
describe("homeSummary", () => {
  let database: TestDatabase;
  let db: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("without a ledger: nothing transferred, and connecting one is the next step", async () => {
    const shop = await db.shop.create({ data: { platform: "shopify", domain: "new.myshopify.com" } });
    expect(await homeSummary(db, shop.id)).toEqual({
      transferred: 0,
      needLook: 0,
      needLookTab: "needsAttention",
      waiting: 0,
      paused: false,
      ledger: null,
    });
  });

  it("counts transferred, failed or parked, and waiting jobs of this shop only", async () => {
    const shop = await db.shop.create({
      data: { platform: "shopify", domain: "busy.myshopify.com", paused: true },
    });
    const other = await db.shop.create({ data: { platform: "shopify", domain: "other.myshopify.com" } });
    await db.ledgerConnection.create({
      data: { shopId: shop.id, provider: "billy", credentials: "sealed", status: "needsReconnect" },
    });
    const statuses = ["succeeded", "succeeded", "failed", "needsAttention", "queued", "waiting", "running"];
    await seedJobs(db, shop.id, statuses.length, new Date(), (i) => ({
      status: statuses[i] ?? "succeeded",
      kind: "invoice",
      orderName: `#${2000 + i}`,
      documentNumber: null,
      orderNumber: 8_100_000 + i,
    }));
    await seedJobs(db, other.id, 3, new Date(), (i) => ({
      status: "failed",
      kind: "invoice",
      orderName: `#${3000 + i}`,
      documentNumber: null,
      orderNumber: 8_200_000 + i,
    }));
    expect(await homeSummary(db, shop.id)).toEqual({
      transferred: 2,
      needLook: 2,
      needLookTab: "failed",
      waiting: 3,
      paused: true,
      ledger: { provider: "billy", needsReconnect: true },
    });
  });
});
