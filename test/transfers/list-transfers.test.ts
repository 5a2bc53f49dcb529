import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TransfersQuery } from "../../app/transfers/list-transfers.server";
import { listTransfers } from "../../app/transfers/list-transfers.server";
import type { TestDatabase } from "../support/test-database";
import { createTestDatabase } from "../support/test-database";
import { seedJobs } from "./seed-jobs";

/** The transfers list on a real database: filters, search, keyset pages and tenant isolation. */
describe("listTransfers", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let shopA: string;
  let shopB: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.prisma;
    shopA = (await db.shop.create({ data: { platform: "shopify", domain: "a.myshopify.com" } })).id;
    shopB = (await db.shop.create({ data: { platform: "shopify", domain: "b.myshopify.com" } })).id;
    // Every job of both shops has the same timestamp: pages must still neither repeat nor skip.
    const at = new Date("2025-03-01T10:00:00Z");
    await seedJobs(db, shopA, 125, at, (i) => ({
      status: i % 10 === 3 ? "failed" : i % 10 === 7 ? "queued" : "succeeded",
      kind: i % 5 === 0 ? "creditNote" : "invoice",
      orderName: i === 42 ? "DK1042" : `#${1000 + i}`,
      documentNumber: i % 10 === 3 || i % 10 === 7 ? null : String(5000 + i),
    }));
    await seedJobs(db, shopB, 40, at, (i) => ({
      status: "failed",
      kind: "invoice",
      orderName: `#${1000 + i}`,
      documentNumber: String(5000 + i),
      orderNumber: 9_000_000 + i,
    }));
  });
  afterAll(async () => {
    await database?.close();
  });

  async function allPages(query: TransfersQuery) {
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await listTransfers(db, shopA, { ...query, ...(cursor ? { cursor } : {}) });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it("pages through every job once, newest first, with equal timestamps", async () => {
    const pages = await allPages({ limit: 50 });
    expect(pages.map((page) => page.rows.length)).toEqual([50, 50, 25]);
    const ids = pages.flatMap((page) => page.rows.map((row) => row.id));
    expect(new Set(ids).size).toBe(125);
    const expected = await db.job.findMany({ where: { shopId: shopA }, orderBy: { seq: "desc" } });
    expect(ids).toEqual(expected.map((job) => job.id));
    expect(pages[0]?.previousCursor).toBeNull();
    expect(pages[2]?.nextCursor).toBeNull();
  });

  it("goes back with the previous cursor to exactly the page before", async () => {
    const [first, second, third] = await allPages({ limit: 50 });
    const back = await listTransfers(db, shopA, { limit: 50, cursor: third?.previousCursor ?? "" });
    expect(back.rows.map((row) => row.id)).toEqual(second?.rows.map((row) => row.id));
    expect(back.nextCursor).toBe(second?.nextCursor);
    const front = await listTransfers(db, shopA, { limit: 50, cursor: back.previousCursor ?? "" });
    expect(front.rows.map((row) => row.id)).toEqual(first?.rows.map((row) => row.id));
    expect(front.previousCursor).toBeNull();
  });

  it("filters by status and kind, across pages", async () => {
    const failed = (await allPages({ status: ["failed"], limit: 5 })).flatMap((page) => page.rows);
    expect(failed).toHaveLength(13);
    expect(failed.every((row) => row.status === "failed")).toBe(true);
    expect(failed.every((row) => row.lastError === `Failure ${row.orderName}`)).toBe(true);
    const open = (await allPages({ status: ["failed", "queued"] })).flatMap((page) => page.rows);
    expect(open).toHaveLength(25);
    const credits = (await allPages({ kind: "creditNote", status: "all", limit: 7 })).flatMap((p) => p.rows);
    expect(credits).toHaveLength(25);
    expect(credits.every((row) => row.kind === "creditNote")).toBe(true);
    const failedCredits = await listTransfers(db, shopA, { kind: "creditNote", status: ["failed"] });
    expect(failedCredits.rows).toHaveLength(0);
  });

  it("counts the shop's jobs per status, whatever the filters", async () => {
    const expected = {
      queued: 12,
      waiting: 0,
      running: 0,
      succeeded: 100,
      failed: 13,
      skipped: 0,
      needsAttention: 0,
      handled: 0,
    };
    expect((await listTransfers(db, shopA, {})).counts).toEqual(expected);
    expect((await listTransfers(db, shopA, { status: ["failed"], kind: "invoice" })).counts).toEqual(
      expected,
    );
  });

  it("counts per tab what the search finds, not the whole shop, while a search is typed", async () => {
    // #1013 failed, #1017 is queued, document 5010 is #1010 (succeeded).
    const counted = async (search: string) => (await listTransfers(db, shopA, { search })).counts;
    expect(await counted("#1013")).toMatchObject({ failed: 1, queued: 0, succeeded: 0 });
    expect(await counted("1017")).toMatchObject({ failed: 0, queued: 1, succeeded: 0 });
    expect(await counted("5010")).toMatchObject({ failed: 0, queued: 0, succeeded: 1 });
    expect(Object.values(await counted("no-such-order")).every((n) => n === 0)).toBe(true);
    expect((await counted("   ")).succeeded).toBe(100);
  });

  it("finds orders by name or number, document numbers and order ids", async () => {
    const names = async (search: string) =>
      (await listTransfers(db, shopA, { search })).rows.map((row) => row.orderName);
    expect(await names("#1017")).toEqual(["#1017"]);
    expect(await names("1017")).toEqual(["#1017"]);
    // Whole numbers: "5010" is document 5010; "101" is neither an order nor a document here.
    expect(await names("5010")).toEqual(["#1010"]);
    expect(await names("101")).toEqual([]);
    expect(await names("dk1042")).toEqual(["DK1042"]);
    expect(await names("DK10")).toEqual([]);
    const byId = await listTransfers(db, shopA, { search: "7000017" });
    expect(byId.rows.map((row) => row.orderId)).toEqual(["gid://shopify/Order/7000017"]);
    expect(byId.rows[0]?.orderNumericId).toBe("7000017");
    expect(await names("gid://shopify/Order/7000018")).toEqual(["#1018"]);
    // Wildcards are text, not patterns.
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
    expect(await names("   ")).toHaveLength(50);
  });

  it("never shows another shop's jobs", async () => {
    const all = (await allPages({ status: "all" })).flatMap((page) => page.rows);
    const bIds = new Set((await db.job.findMany({ where: { shopId: shopB } })).map((job) => job.id));
    expect(all.some((row) => bIds.has(row.id))).toBe(false);
    expect((await listTransfers(db, shopA, { search: "9000001" })).rows).toEqual([]);
    expect((await listTransfers(db, shopA, { search: "gid://shopify/Order/9000001" })).rows).toEqual([]);
    const fromB = await listTransfers(db, shopB, { search: "#1001" });
    expect(fromB.rows.map((row) => row.orderId)).toEqual(["gid://shopify/Order/9000001"]);
    expect(fromB.counts.failed).toBe(1);
    // A cursor from shop B's rows gives nothing of B on A's list.
    const bPage = await listTransfers(db, shopB, { limit: 10 });
    const aFromBCursor = await listTransfers(db, shopA, { cursor: bPage.nextCursor ?? "" });
    expect(aFromBCursor.rows.some((row) => bIds.has(row.id))).toBe(false);
  });

  it("rejects a malformed cursor", async () => {
    await expect(listTransfers(db, shopA, { cursor: "x; DROP TABLE" })).rejects.toThrow(RangeError);
  });
});
