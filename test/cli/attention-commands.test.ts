import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import type { TestDatabase } from "../support/test-database";
import { captureCliIo, startCliDatabase, type CliDatabase } from "../support/cli-database";
import { seedJobs } from "../transfers/seed-jobs";

const SHOP = "cli-attention.myshopify.com";
const order = (n: number) => `gid://shopify/Order/${n}`;

/** `ledger-bridge mark-handled` and `retry` on parked jobs, through the app's use cases. */
describe("CLI for orders that need attention", () => {
  let cli: CliDatabase;
  let database: TestDatabase;
  const who = `CLI: ${os.userInfo().username}`;
  let otherJob = "";

  beforeAll(async () => {
    cli = await startCliDatabase();
    database = cli.database;
    const db = database.prisma;
    const shop = await db.shop.create({ data: { platform: "shopify", domain: SHOP } });
    const other = await db.shop.create({ data: { platform: "shopify", domain: "cli-other.myshopify.com" } });
    const statuses = ["needsAttention", "succeeded", "needsAttention"];
    await seedJobs(db, shop.id, 3, new Date(), (i) => ({
      status: statuses[i] ?? "succeeded",
      kind: "invoice",
      orderName: `#${501 + i}`,
      documentNumber: i === 1 ? "7002" : null,
      orderNumber: 501 + i,
      reason: "Unknown VAT code",
    }));
    await seedJobs(db, other.id, 1, new Date(), () => ({
      status: "needsAttention",
      kind: "invoice",
      orderName: "#901",
      documentNumber: null,
      orderNumber: 901,
    }));
    otherJob = (await db.job.findFirstOrThrow({ where: { shopId: other.id } })).id;
  });
  afterAll(async () => {
    await cli?.close();
  });

  const jobOf = (n: number) => database.prisma.job.findFirstOrThrow({ where: { orderId: order(n) } });
  const auditOf = async (n: number) =>
    (await database.prisma.auditEntry.findMany({ where: { orderId: order(n) }, orderBy: { id: "asc" } })).map(
      (entry) => ({ step: entry.step, message: entry.message, data: entry.data }),
    );

  it("mark-handled --order marks the parked invoice once, with the operator in the audit", async () => {
    const c = captureCliIo();
    expect(await main(["mark-handled", "--shop", SHOP, "--order", order(501)], c.io)).toBe(0);
    expect(c.out.join("\n")).toContain("Marked the invoice of #501");
    expect(await jobOf(501)).toMatchObject({ status: "handled", documentId: null });
    const audit = await auditOf(501);
    expect(audit).toEqual([
      {
        step: "handled",
        message: `Marked as handled manually by ${who}; nothing was sent to the ledger`,
        data: expect.objectContaining({ actor: who, actorKind: "cli", previousStatus: "needsAttention" }),
      },
    ]);
    // Again: nothing left to mark, exit 1, no second entry.
    const again = captureCliIo();
    expect(await main(["mark-handled", "--shop", SHOP, "--order", order(501)], again.io)).toBe(1);
    expect(again.err.join("\n")).toContain("needs attention");
    expect(await auditOf(501)).toHaveLength(1);
    // The succeeded order is not something to mark.
    expect(await main(["mark-handled", "--shop", SHOP, "--order", order(502)], captureCliIo().io)).toBe(1);
    expect((await jobOf(502)).status).toBe("succeeded");
  });

  it("refuses another shop's job by id", async () => {
    const c = captureCliIo();
    expect(await main(["mark-handled", "--shop", SHOP, "--job", otherJob], c.io)).toBe(1);
    expect(await main(["retry", "--shop", SHOP, "--job", otherJob], captureCliIo().io)).toBe(1);
    expect((await database.prisma.job.findUniqueOrThrow({ where: { id: otherJob } })).status).toBe(
      "needsAttention",
    );
  });

  it("retry --job re-queues a parked job with attempts reset and the operator in the audit", async () => {
    const job = await jobOf(503);
    await database.prisma.job.update({ where: { id: job.id }, data: { attempts: 4 } });
    const c = captureCliIo();
    expect(await main(["retry", "--shop", SHOP, "--job", job.id], c.io)).toBe(0);
    expect(c.out.at(-1)).toContain("Re-queued 1");
    expect(await jobOf(503)).toMatchObject({ status: "queued", attempts: 0, trigger: "manual" });
    expect((await auditOf(503)).map((entry) => entry.message)).toEqual([`Retry requested by ${who}`]);
    expect(await main(["retry", "--shop", SHOP, "--job", job.id], captureCliIo().io)).toBe(1);
  });

  it("answers usage errors with exit 2", async () => {
    expect(await main(["mark-handled", "--shop", SHOP], captureCliIo().io)).toBe(2);
    expect(
      await main(["mark-handled", "--shop", SHOP, "--order", "x", "--job", "y"], captureCliIo().io),
    ).toBe(2);
    expect(await main(["retry", "--shop", SHOP, "--order", "x", "--all-failed"], captureCliIo().io)).toBe(2);
  });
});
