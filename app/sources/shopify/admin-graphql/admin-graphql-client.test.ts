import { z } from "zod";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { parseJsonSafely } from "../parse-json-safely";
import { mapShopifyGraphqlOrder } from "../map-shopify-graphql-order";
import {
  startShopifyAdminSimulator,
  type ShopifyAdminSimulator,
} from "../../../../simulators/shopify/shopify-admin-simulator";
import { ShopifyStore } from "../../../../simulators/shopify/shopify-store";
import { AdminGraphqlClient, waitForCostMs } from "./admin-graphql-client";
import { SourceError } from "../../source-error";
import { bulkOrdersQuery, readBulkRecords, startBulkQuery, waitForBulkOperation } from "./bulk-order-export";
import { fetchOrderForInvoice, listOrdersUpdatedSince } from "./order-queries";

const FIXTURES = "test/fixtures/shopify";
const fixture = (name: string) =>
  parseJsonSafely(readFileSync(`${FIXTURES}/${name}`, "utf8")) as Record<string, unknown>;

let simulator: ShopifyAdminSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: Parameters<typeof startShopifyAdminSimulator>[0] = {}) {
  simulator = await startShopifyAdminSimulator({ store: ShopifyStore.fromFixtureDir(FIXTURES), ...options });
  const client = new AdminGraphqlClient({ baseUrl: simulator.url, accessToken: "shpat_simulator" });
  return { sim: simulator, client };
}

describe("order for invoicing", () => {
  test("the Danish synthetic order comes back whole, with its 64-bit ids exact, and maps to a canonical order", async () => {
    const { sim, client } = await start();
    const order = await fetchOrderForInvoice(client, "gid://shopify/Order/5550000000000000001");
    expect(order?.name).toBe("#1042");
    expect(order?.legacyResourceId).toBe("5550000000000000001");
    expect(order?.taxesIncluded).toBe(true);
    const rest = fixture("order-dk-taxes-included.synthetic.json");
    const lines = order?.lineItems && "nodes" in order.lineItems ? order.lineItems.nodes : [];
    expect(lines.map((l) => l.sku)).toEqual((rest.line_items as Array<{ sku: string }>).map((l) => l.sku));
    const mapped = mapShopifyGraphqlOrder(order!, "presentment");
    expect(mapped.lines.length).toBe(lines.length);
    expect(sim.operations.map((o) => o.name)).toContain("OrderForInvoice");
    expect(sim.operations.every((o) => o.requestedCost <= 1000)).toBe(true);
  });

  test("refunds are fetched one by one and lines beyond the first page are paged in", async () => {
    const { sim, client } = await start();
    const template = fixture("order-dk-taxes-included.synthetic.json");
    const lines = template.line_items as Array<Record<string, unknown>>;
    // 23 lines: three pages of the order's line-item connection.
    const many = {
      ...template,
      line_items: Array.from({ length: 23 }, (_, i) => ({
        ...lines[i % lines.length],
        id: 9000 + i,
        sku: `SKU-${i}`,
      })),
    };
    const created = sim.store.createOrderFromTemplate(many);
    sim.store.createRefundFromTemplate(
      String(created.graphql.id),
      fixture("refund-dk-taxes-included.synthetic.json"),
    );
    const order = await fetchOrderForInvoice(client, String(created.graphql.id));
    expect(order?.name).toBe("#1001");
    const got = order?.lineItems && "nodes" in order.lineItems ? order.lineItems.nodes : [];
    expect(got.map((l) => l.sku)).toEqual(Array.from({ length: 23 }, (_, i) => `SKU-${i}`));
    const refunds = Array.isArray(order?.refunds) ? order.refunds : [];
    expect(refunds).toHaveLength(1);
    const refundLines = refunds[0]?.refundLineItems;
    expect(refundLines && "nodes" in refundLines ? refundLines.nodes[0]?.lineItem.id : undefined).toBe(
      got[0]?.id,
    );
    expect(sim.operations.filter((o) => o.name === "OrderLineItemsPage")).toHaveLength(2);
    expect(sim.operations.filter((o) => o.name === "RefundForCreditNote")).toHaveLength(1);
  });

  test("an unknown order is null, a wrong token is a non-retryable authentication error", async () => {
    const { sim, client } = await start();
    expect(await fetchOrderForInvoice(client, "gid://shopify/Order/1")).toBeNull();
    const stranger = new AdminGraphqlClient({ baseUrl: sim.url, accessToken: "wrong" });
    const error = await fetchOrderForInvoice(stranger, "gid://shopify/Order/1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe("authentication");
    expect((error as SourceError).retryable).toBe(false);
  });

  test("a server error is retryable", async () => {
    const { sim, client } = await start();
    sim.server.faults.next("5xx");
    const error = await fetchOrderForInvoice(client, "gid://shopify/Order/1").catch((e: unknown) => e);
    expect((error as SourceError).kind).toBe("unavailable");
    expect((error as SourceError).retryable).toBe(true);
  });

  test("a document with a field the API version lacks fails whole, as Shopify answers it", async () => {
    const { client } = await start();
    const error = await client
      .request(
        "query Q($id: ID!) { order(id: $id) { id name kindOfTip } }",
        { id: "gid://shopify/Order/1" },
        z.unknown(),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).retryable).toBe(false);
    expect(String((error as Error).message)).toMatch(/kindOfTip/);
  });

  test("a query above the single-query ceiling fails as MAX_COST_EXCEEDED, not retried", async () => {
    const { sim, client } = await start({ maxQueryCost: 100 });
    const error = await fetchOrderForInvoice(client, "gid://shopify/Order/5550000000000000001").catch(
      (e: unknown) => e,
    );
    // One family: the query is refused (validation), Shopify's own code names why.
    expect(error).toMatchObject({ kind: "validation", providerCode: "MAX_COST_EXCEEDED", retryable: false });
    expect(sim.operations).toHaveLength(1);
  });
});

describe("orders updated since (reconciliation)", () => {
  test("pages through every order updated after the time, oldest first, by cursor", async () => {
    const { sim, client } = await start();
    const template = fixture("order-dk-taxes-included.synthetic.json");
    for (let i = 0; i < 5; i += 1)
      sim.store.createOrderFromTemplate(template, { now: new Date(Date.UTC(2026, 0, 1 + i)) });
    const seen = [];
    for await (const order of listOrdersUpdatedSince(client, new Date("2026-01-02T00:00:00Z"), {
      pageSize: 2,
    }))
      seen.push(order.name);
    expect(seen).toEqual(["#1002", "#1003", "#1004", "#1005"]);
    expect(sim.operations.filter((o) => o.name === "OrdersUpdatedSince")).toHaveLength(2);
  });
});

describe("cost-based throttling", () => {
  test("waitForCostMs: the time the bucket needs to refill to the requested cost", () => {
    expect(waitForCostMs({ maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 }, 200)).toBe(
      2000,
    );
    expect(
      waitForCostMs({ maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 }, 200, 1000),
    ).toBe(1000);
    expect(waitForCostMs({ maximumAvailable: 1000, currentlyAvailable: 300, restoreRate: 50 }, 200)).toBe(0);
  });

  test("with a low bucket the client waits before the query instead of being throttled", async () => {
    const { sim, client } = await start({ bucket: { maximumAvailable: 1000, restoreRate: 500 } });
    await fetchOrderForInvoice(client, "gid://shopify/Order/6001234567890");
    const cost = sim.operations[0]?.requestedCost ?? 0;
    expect(cost).toBeGreaterThan(100);
    // Another consumer leaves the bucket nearly empty; a cheap call shows the client that.
    sim.bucket.drainTo(10);
    for await (const summary of listOrdersUpdatedSince(client, new Date(0), { pageSize: 1 })) {
      expect(summary.id).toMatch(/^gid:\/\/shopify\/Order\//);
      break;
    }
    const seen = client.throttleStatus?.currentlyAvailable ?? 0;
    expect(seen).toBeLessThan(cost);
    const started = Date.now();
    await fetchOrderForInvoice(client, "gid://shopify/Order/6001234567890");
    const elapsed = Date.now() - started;
    expect(client.waits.length).toBeGreaterThan(0);
    expect(client.waits[0]).toBeGreaterThanOrEqual(Math.floor(((cost - seen) / 500) * 1000) - 50);
    expect(elapsed).toBeGreaterThanOrEqual((client.waits[0] ?? 0) - 5);
    expect(sim.operations.some((o) => o.throttled)).toBe(false);
  });

  test("a THROTTLED answer is retried after the computed wait", async () => {
    const { sim, client } = await start({ bucket: { maximumAvailable: 1000, restoreRate: 1000 } });
    sim.bucket.drainTo(0);
    const order = await fetchOrderForInvoice(client, "gid://shopify/Order/6001234567890");
    expect(order?.name).toBe("#2087");
    const first = sim.operations[0];
    expect(first?.throttled).toBe(true);
    expect(sim.operations[1]).toMatchObject({ name: "OrderForInvoice", throttled: false });
    expect(client.waits[0]).toBeGreaterThanOrEqual((first?.requestedCost ?? 0) - 50);
    expect(client.throttleStatus?.maximumAvailable).toBe(1000);
  });
});

describe("bulk operations (historical import)", () => {
  test("run, poll, download and rebuild orders with their line items from JSONL", async () => {
    const { sim, client } = await start({ bulkDurationMs: 40 });
    const id = await startBulkQuery(client, bulkOrdersQuery(new Date("2025-01-01T00:00:00Z")));
    const done = await waitForBulkOperation(client, id, { intervalMs: 20, timeoutMs: 5000 });
    expect(done.status).toBe("COMPLETED");
    expect(done.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bulk-results\//);
    const records = [];
    for await (const record of readBulkRecords(done.url!)) records.push(record);
    const expected = sim.store.orders.filter(
      (o) => Date.parse(String(o.graphql.createdAt)) >= Date.parse("2025-01-01"),
    );
    expect(records.map((r) => r.object.id).sort()).toEqual(expected.map((o) => o.graphql.id).sort());
    const dk = records.find((r) => r.object.name === "#1042");
    const dkLines = dk?.children.lineItems ?? [];
    const restLines = fixture("order-dk-taxes-included.synthetic.json").line_items as Array<{ sku: string }>;
    expect(dkLines.map((l) => l.sku)).toEqual(restLines.map((l) => l.sku));
    expect(dk?.object).not.toHaveProperty("lineItems");
    expect(Number(done.objectCount)).toBe(
      records.length + records.reduce((n, r) => n + (r.children.lineItems?.length ?? 0), 0),
    );
  });

  test("a bulk query nesting connections three deep is refused with a user error", async () => {
    const { client } = await start();
    const tooDeep = `{ orders { edges { node { id fulfillmentOrders { edges { node { id lineItems { edges { node { id } } } } } } } } } }`;
    await expect(startBulkQuery(client, tooDeep)).rejects.toThrow(/nesting depth/);
  });

  test("a bulk query asking for a field the API version lacks is refused, as Shopify would", async () => {
    const { client } = await start();
    const unknown = `{ orders { edges { node { id totalTipReceivedSetX { shopMoney { amount } } } } } }`;
    await expect(startBulkQuery(client, unknown)).rejects.toThrow(/totalTipReceivedSetX/);
  });
});
