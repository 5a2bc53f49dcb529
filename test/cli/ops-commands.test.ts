import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/engine/job-queue.server";
import { main } from "../../cli/main";
import type { TestDatabase } from "../support/test-database";
import { captureCliIo, startCliDatabase, type CliDatabase } from "../support/cli-database";

const SAMPLE_ORDER = fs.readFileSync(
  new URL("../fixtures/shopify/orders-paid.sample.json", import.meta.url),
  "utf8",
);

describe("operator CLI", () => {
  let cli: CliDatabase;
  let database: TestDatabase;
  beforeAll(async () => {
    // Point the CLI's process-wide database at this test's fresh database.
    cli = await startCliDatabase();
    database = cli.database;
    const shop = await database.prisma.shop.create({
      data: { platform: "shopify", domain: "cli.myshopify.com" },
    });
    await enqueueJob(database.prisma, {
      shopId: shop.id,
      kind: "invoice",
      orderId: "gid://shopify/Order/7",
      orderName: "#1007",
      trigger: "paid",
      sourceOrder: "{}",
    });
    await database.prisma.job.updateMany({
      data: {
        status: "failed",
        lastError: {
          kind: "validation",
          message: "Account 9999 does not exist",
          retryable: false,
          at: "2026-11-21T00:00:00Z",
        },
      },
    });
  });
  afterAll(async () => {
    await cli?.close();
  });

  it("lists shops with their transfer counts", async () => {
    const c = captureCliIo();
    expect(await main(["shops", "list", "--json"], c.io)).toBe(0);
    expect(JSON.parse(c.out.join("\n"))).toEqual([
      {
        domain: "cli.myshopify.com",
        platform: "shopify",
        state: "active",
        ledger: "-",
        transferred: 0,
        queued: 0,
        failed: 1,
      },
    ]);
  });

  it("shows a shop's transfers with the merchant-facing error", async () => {
    const c = captureCliIo();
    expect(await main(["status", "--shop", "cli.myshopify.com", "--json"], c.io)).toBe(0);
    const status = JSON.parse(c.out.join("\n"));
    expect(status.transfers).toEqual([
      {
        order: "#1007",
        document: "invoice",
        status: "failed",
        number: "",
        attempts: 0,
        message: "Account 9999 does not exist",
      },
    ]);
  });

  it("pauses and resumes a shop, re-queuing failed transfers on resume", async () => {
    const c = captureCliIo();
    expect(
      await main(["pause", "--shop", "cli.myshopify.com", "--reason", "bookkeeper closing the month"], c.io),
    ).toBe(0);
    expect((await database.prisma.shop.findFirstOrThrow()).paused).toBe(true);
    expect(await main(["resume", "--shop", "cli.myshopify.com"], c.io)).toBe(0);
    expect(c.out.at(-1)).toContain("1 failed transfer(s) re-queued");
    expect((await database.prisma.job.findFirstOrThrow()).status).toBe("queued");
  });

  it("retries failed transfers of one order", async () => {
    await database.prisma.job.updateMany({ data: { status: "failed" } });
    const c = captureCliIo();
    expect(
      await main(["retry", "--shop", "cli.myshopify.com", "--order", "gid://shopify/Order/7"], c.io),
    ).toBe(0);
    expect((await database.prisma.job.findFirstOrThrow()).status).toBe("queued");
  });

  it("retries a parked transfer of one order with fresh attempt counts", async () => {
    await database.prisma.job.updateMany({
      data: { status: "needsAttention", attempts: 12, leaseLosses: 6 },
    });
    const c = captureCliIo();
    expect(
      await main(["retry", "--shop", "cli.myshopify.com", "--order", "gid://shopify/Order/7"], c.io),
    ).toBe(0);
    expect(await database.prisma.job.findFirstOrThrow()).toMatchObject({
      status: "queued",
      attempts: 0,
      leaseLosses: 0,
    });
  });

  it("gets and sets settings with field errors for bad values", async () => {
    const c = captureCliIo();
    expect(await main(["settings", "get", "--shop", "cli.myshopify.com"], c.io)).toBe(0);
    const defaults = JSON.parse(c.out.join("\n"));
    expect(defaults.version).toBe(1);
    c.files.set("bad.json", JSON.stringify({ ...defaults, version: 99 }));
    expect(await main(["settings", "set", "--shop", "cli.myshopify.com", "--file", "bad.json"], c.io)).toBe(
      2,
    );
    expect(c.err.join("\n")).toContain("version");
    c.files.set("good.json", JSON.stringify(defaults));
    expect(await main(["settings", "set", "--shop", "cli.myshopify.com", "--file", "good.json"], c.io)).toBe(
      0,
    );
    expect(await database.prisma.shopSettings.count()).toBe(1);
  });

  it("queues a manual transfer once, however often it is asked for", async () => {
    const c = captureCliIo();
    // A real order: the file is checked like `preview` checks it before anything is queued.
    c.files.set("order.json", SAMPLE_ORDER.replaceAll("820982911946154508", "8"));
    const args = [
      "transfer",
      "--shop",
      "cli.myshopify.com",
      "--order",
      "gid://shopify/Order/8",
      "--file",
      "order.json",
    ];
    expect(await main(args, c.io)).toBe(0);
    expect(await main(args, c.io)).toBe(0);
    expect(c.out.at(-1)).toContain("already queued or running");
    const jobs = await database.prisma.job.findMany({ where: { orderId: "gid://shopify/Order/8" } });
    expect(jobs.map((j) => [j.trigger, j.status])).toEqual([["manual", "queued"]]);
    expect(
      await main(["transfer", "--shop", "cli.myshopify.com", "--order", "gid://shopify/Order/404"], c.io),
    ).toBe(1);
  });

  it("answers a usage error with exit code 2 and the reason", async () => {
    const c = captureCliIo();
    expect(await main(["status", "--shop", "nope.myshopify.com"], c.io)).toBe(2);
    expect(c.err[0]).toContain('No shop with domain "nope.myshopify.com"');
    expect(await main(["retry", "--shop", "cli.myshopify.com"], c.io)).toBe(2);
    expect(await main(["frobnicate"], c.io)).toBe(2);
  });
});
