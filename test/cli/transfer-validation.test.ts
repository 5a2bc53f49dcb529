import type { Shop } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main";
import { danishOrder } from "../support/order-templates";
import type { TestDatabase } from "../support/test-database";
import { startCliDatabase, type CliDatabase } from "../support/cli-database";

/**
 * `ledger-bridge transfer --file/--order` validates like `ledger-bridge preview`: a file the
 * worker could never book, or a file of another order than `--order`, is refused with exit 2 and
 * one line naming the field, and nothing is stored.
 */
describe("ledger-bridge transfer validates its input like preview", () => {
  let cli: CliDatabase;
  let database: TestDatabase;
  let shop: Shop;
  const files = new Map<string, string>();
  const order = danishOrder(601);
  const other = danishOrder(602);
  const numericId = order.orderId.split("/").pop() ?? "";

  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      readFile: async (path) => {
        const content = files.get(path);
        if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
        return content;
      },
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  beforeAll(async () => {
    cli = await startCliDatabase();
    database = cli.database;
    shop = await database.prisma.shop.create({
      data: { platform: "shopify", domain: "cli-h3.myshopify.com" },
    });
    // The shop's own settings are what the worker books with, so they are what the file is checked with.
    await database.prisma.shopSettings.create({
      data: {
        shopId: shop.id,
        version: 1,
        settings: { version: 1, accounts: { giftCardLiability: "6910" } },
      },
    });
    files.set("order.json", order.order);
    files.set("other.json", other.order);
    files.set("not-json.json", "{ this is not json");
    files.set(
      "unknown-currency.json",
      order.order
        .replaceAll('"currency": "DKK"', '"currency": "XYZ"')
        .replaceAll('"currency_code": "DKK"', '"currency_code": "XYZ"'),
    );
    files.set("negative-quantity.json", order.order.replace('"quantity": 2', '"quantity": -2'));
    files.set("array.json", "[]");
  });
  beforeEach(async () => {
    await database.prisma.job.deleteMany();
  });
  afterAll(async () => {
    await cli?.close();
  });

  const base = () => ["transfer", "--shop", shop.domain];

  it.each([
    ["not JSON", "not-json.json", order.orderId, /--file not-json\.json: not valid JSON/],
    ["an unknown currency", "unknown-currency.json", order.orderId, /currency/i],
    ["a negative quantity", "negative-quantity.json", order.orderId, /quantity/],
    ["not an order object", "array.json", order.orderId, /--file array\.json/],
    [
      "another order than --order",
      "other.json",
      order.orderId,
      new RegExp(`is order ${other.orderId}, not --order ${order.orderId}`),
    ],
  ])(
    "refuses a file with %s: exit 2, one line naming it, nothing stored",
    async (_name, file, orderId, message) => {
      const result = await run([...base(), "--order", orderId, "--file", file]);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err.split("\n")).toHaveLength(1);
      expect(result.out).toBe("");
      expect(await database.prisma.job.count()).toBe(0);
      expect(await database.prisma.auditEntry.count()).toBe(0);
    },
  );

  it.each([["abc"], ["gid://shopify/Order/12x"], ["gid://shopify/Customer/1"], ["1\u0000"], ["-5"], [""]])(
    "refuses --order %j that is no order id of the shop, before anything is stored",
    async (orderId) => {
      const result = await run([...base(), "--order", orderId, "--file", "order.json"]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/--order/);
      expect(result.err).not.toContain("\u0000");
      expect(await database.prisma.job.count()).toBe(0);
    },
  );

  it("refuses a file that is not there with exit 2 naming it", async () => {
    const result = await run([...base(), "--order", order.orderId, "--file", "missing.json"]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--file missing\.json: cannot read the file \(ENOENT\)/);
  });

  it("queues a valid file under the order's own id, a bare number being the same order", async () => {
    const result = await run([...base(), "--order", numericId, "--file", "order.json"]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`Queued the transfer of ${order.orderId}`);
    const jobs = await database.prisma.job.findMany();
    expect(jobs.map((job) => [job.orderId, job.businessKey])).toEqual([
      [order.orderId, `invoice:${order.orderId}`],
    ]);
    expect(jobs[0]?.sourceOrder).toBe(order.order);
  });
});
