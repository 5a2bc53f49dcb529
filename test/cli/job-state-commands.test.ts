import os from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SHOP_AUDIT_ORDER_ID } from "../../app/engine/job-queue.server";
import { main } from "../../cli/main";
import type { TestDatabase } from "../support/test-database";
import { captureCliIo, startCliDatabase, type CliDatabase } from "../support/cli-database";
import { seedJobs } from "../transfers/seed-jobs";

const SHOP = "cli-state.myshopify.com";

/** `retry`, `pause` and `resume` go through the pages' use cases, so each leaves its audit entry. */
describe("CLI commands that change transfer state", () => {
  let cli: CliDatabase;
  let database: TestDatabase;
  let shopId = "";
  const who = `CLI: ${os.userInfo().username}`;

  beforeAll(async () => {
    cli = await startCliDatabase();
    database = cli.database;
  });
  afterAll(async () => {
    await cli?.close();
  });
  beforeEach(async () => {
    const db = database.prisma;
    await db.auditEntry.deleteMany();
    await db.shop.deleteMany();
    shopId = (await db.shop.create({ data: { platform: "shopify", domain: SHOP } })).id;
    await seedJobs(db, shopId, 3, new Date(), (i) => ({
      status: i === 1 ? "succeeded" : "failed",
      kind: "invoice",
      orderName: `#${601 + i}`,
      documentNumber: i === 1 ? "8001" : null,
      orderNumber: 601 + i,
    }));
  });

  const jobs = () => database.prisma.job.findMany({ where: { shopId }, orderBy: { seq: "asc" } });
  const audit = async () =>
    (await database.prisma.auditEntry.findMany({ where: { shopId }, orderBy: { id: "asc" } })).map(
      (entry) => ({
        jobId: entry.jobId,
        orderId: entry.orderId,
        step: entry.step,
        message: entry.message,
      }),
    );

  it("retry --all-failed re-queues each failed job with an audit entry naming the operator", async () => {
    const c = captureCliIo();
    expect(await main(["retry", "--shop", SHOP, "--all-failed"], c.io)).toBe(0);
    expect(c.out.at(-1)).toContain("Re-queued 2");
    const [first, booked, third] = await jobs();
    expect([first?.status, booked?.status, third?.status]).toEqual(["queued", "succeeded", "queued"]);
    expect(await audit()).toEqual([
      { jobId: first?.id, orderId: first?.orderId, step: "queue", message: `Retry requested by ${who}` },
      { jobId: third?.id, orderId: third?.orderId, step: "queue", message: `Retry requested by ${who}` },
    ]);
  });

  it("pause records who paused and why in the shop's audit, and stops automatic transfer", async () => {
    const c = captureCliIo();
    expect(await main(["pause", "--shop", SHOP, "--reason", "closing the month"], c.io)).toBe(0);
    expect(await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).toMatchObject({
      paused: true,
      pausedReason: "closing the month",
    });
    expect(await audit()).toEqual([
      {
        jobId: null,
        orderId: SHOP_AUDIT_ORDER_ID,
        step: "pause",
        message: `Transfers paused by ${who}: closing the month`,
      },
    ]);
  });

  it("resume lifts the pause and audits the shop and every job it re-queues", async () => {
    expect(await main(["pause", "--shop", SHOP], captureCliIo().io)).toBe(0);
    const c = captureCliIo();
    expect(await main(["resume", "--shop", SHOP], c.io)).toBe(0);
    expect(c.out.at(-1)).toContain("2 failed transfer(s) re-queued");
    expect((await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).paused).toBe(false);
    const [first, , third] = await jobs();
    expect(await audit()).toEqual([
      {
        jobId: null,
        orderId: SHOP_AUDIT_ORDER_ID,
        step: "pause",
        message: `Transfers paused by ${who}: Paused by an operator`,
      },
      {
        jobId: first?.id,
        orderId: first?.orderId,
        step: "queue",
        message: `Queued again: transfers resumed by ${who}`,
      },
      {
        jobId: third?.id,
        orderId: third?.orderId,
        step: "queue",
        message: `Queued again: transfers resumed by ${who}`,
      },
      { jobId: null, orderId: SHOP_AUDIT_ORDER_ID, step: "resume", message: `Transfers resumed by ${who}` },
    ]);
  });

  it("pause of an unknown shop changes nothing and writes nothing", async () => {
    const c = captureCliIo();
    expect(await main(["pause", "--shop", "nowhere.myshopify.com"], c.io)).toBe(2);
    expect((await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).paused).toBe(false);
    expect(await audit()).toEqual([]);
  });
});
