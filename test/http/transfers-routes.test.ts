import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import type { TransferRow, TransfersPage } from "../../app/transfers/list-transfers.server";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { danishOrder } from "../support/order-templates";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";
import { seedJobs } from "../transfers/seed-jobs";

const TRANSFERS_DATA = "_data=routes%2Fapp.transfers";
const ORDER_DATA = "_data=routes%2Fapp.orders.%24orderId";

interface TransfersData {
  page: TransfersPage;
  paused: { reason: string | null } | null;
  perDay: Array<{ day: string; succeeded: number; failed: number }>;
}

/**
 * The transfers and order pages of the real app (`ledger-bridge start`, local mode) over HTTP:
 * the page renders the shop's rows, bulk retry re-queues failed jobs (never another shop's),
 * Resume lifts the pause. Workers are off, so what the requests did stays visible.
 */
describe("transfers and order routes over HTTP", () => {
  let database: AppDatabase;
  let app: AppProcess;
  const order = danishOrder(31);
  const numericId = order.orderId.split("/").at(-1) ?? "";
  let failedIds: string[] = [];
  let otherShopJob = "";

  beforeAll(async () => {
    database = await createAppDatabase();
    await database.use(async (db) => {
      const shop = await db.shop.create({
        data: {
          platform: "shopify",
          domain: LOCAL_SHOP_DOMAIN,
          paused: true,
          pausedReason: "#1003: Account 63080 does not exist in Dinero.",
          pausedAt: new Date(),
        },
      });
      const other = await db.shop.create({ data: { platform: "shopify", domain: "other.myshopify.com" } });
      const statuses = ["succeeded", "succeeded", "succeeded", "failed", "failed", "queued"];
      await seedJobs(db, shop.id, statuses.length, new Date(), (i) => ({
        status: statuses[i] ?? "queued",
        kind: "invoice",
        orderName: `#${1000 + i}`,
        documentNumber: statuses[i] === "succeeded" ? String(4100 + i) : null,
      }));
      await seedJobs(db, other.id, 1, new Date(), () => ({
        status: "failed",
        kind: "invoice",
        orderName: "#9999",
        documentNumber: null,
        orderNumber: 8_000_000,
      }));
      failedIds = (await db.job.findMany({ where: { shopId: shop.id, status: "failed" } })).map((j) => j.id);
      otherShopJob = (await db.job.findFirstOrThrow({ where: { shopId: other.id } })).id;
      await db.webhookEvent.create({
        data: {
          platform: "shopify",
          shopDomain: LOCAL_SHOP_DOMAIN,
          topic: "orders/updated",
          deliveryId: "routes-1",
          body: order.order,
          // Keyed on the order it is, as recordWebhook keys every order webhook.
          orderId: order.orderId,
        },
      });
    });
    // No demo simulators: this app has no Shopify to import from and no ledger, on purpose.
    app = await startAppProcess(
      {
        ...database.env,
        WORKER_IN_PROCESS: "false",
        DEMO_SIMULATORS: "off",
        LOG_LEVEL: "warn",
      },
      // A build (or waiting for another process's build) comes first on a loaded machine.
      280_000,
    );
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  const data = async (query = "") => {
    const response = await fetch(`${app.url}/app/transfers?${query}${query ? "&" : ""}${TRANSFERS_DATA}`);
    expect(response.status).toBe(200);
    return (await response.json()) as TransfersData;
  };
  const post = async (fields: Array<[string, string]>) => {
    const response = await fetch(`${app.url}/app/transfers?${TRANSFERS_DATA}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
  };
  const byName = (rows: TransferRow[]) => Object.fromEntries(rows.map((row) => [row.orderName, row]));

  it("renders the shop's transfers with numbers, failures and the paused banner", async () => {
    const html = await (await fetch(`${app.url}/app/transfers?locale=en`)).text();
    for (const text of ["#1000", "4100", "#1004", "Failure #1004", "Automatic transfer is paused", "Resume"])
      expect(html).toContain(text);
    expect(html).toContain("Account 63080 does not exist in Dinero.");
    expect(html).not.toContain("#9999");
    const page = (await data()).page;
    expect(page.rows).toHaveLength(6);
    expect(page.counts).toMatchObject({ succeeded: 3, failed: 2, queued: 1 });
    expect(byName(page.rows)["#1001"]).toMatchObject({ status: "succeeded", documentNumber: "4101" });
  });

  it("filters by tab and searches over HTTP, in Danish too", async () => {
    expect((await data("tab=failed")).page.rows.map((row) => row.orderName)).toEqual(["#1004", "#1003"]);
    expect((await data("q=4102")).page.rows.map((row) => row.orderName)).toEqual(["#1002"]);
    expect((await data("tab=nonsense&cursor=zzz")).page.rows).toHaveLength(6);
    const danish = await (await fetch(`${app.url}/app/transfers?locale=da`)).text();
    for (const text of [
      "Overførsler",
      "Automatisk overførsel er sat på pause",
      "Genoptag",
      "Fejlet",
      "Faktura",
    ])
      expect(danish).toContain(text);
    await fetch(`${app.url}/app/transfers?locale=en`);
  });

  it("bulk retry re-queues the selected failed jobs, and ignores another shop's job id", async () => {
    const first = failedIds[0] ?? "";
    const result = await post([
      ["intent", "retry"],
      ["id", first],
      ["id", otherShopJob],
    ]);
    expect(result).toEqual({
      status: 200,
      body: { ok: true, message: "transfers.result.retried", values: { count: 1 } },
    });
    const rows = (await data()).page.rows;
    expect(rows.find((row) => row.id === first)).toMatchObject({ status: "queued", trigger: "manual" });
    expect(rows.filter((row) => row.status === "failed")).toHaveLength(1);
    expect((await post([["intent", "retryAllFailed"]])).body).toMatchObject({ values: { count: 1 } });
    expect((await post([["intent", "retryAllFailed"]])).body).toEqual({
      ok: false,
      message: "transfers.result.nothingToRetry",
    });
    expect((await data()).page.counts.failed).toBe(0);
  });

  it("Resume lifts the pause", async () => {
    expect((await data()).paused?.reason).toContain("#1003");
    const result = await post([["intent", "resume"]]);
    expect(result).toMatchObject({ status: 200, body: { ok: true, message: "transfers.result.resumed" } });
    expect((await data()).paused).toBeNull();
    const html = await (await fetch(`${app.url}/app/transfers`)).text();
    expect(html).not.toContain("Automatic transfer is paused");
  });

  it("answers malformed posts and imports it cannot run with a reason", async () => {
    expect((await post([["intent", "explode"]])).status).toBe(400);
    expect((await post([["intent", "retry"]])).status).toBe(400);
    const imported = await post([
      ["intent", "import"],
      ["from", "2025-01-01"],
      ["to", "2025-01-31"],
    ]);
    expect(imported.status).toBe(409);
    expect(imported.body).toMatchObject({ message: "transfers.result.importUnavailable" });
    expect(JSON.stringify(imported.body)).toContain("SHOPIFY_ADMIN_BASE_URL");
  });

  it("serves the order page with its preview, and Transfer queues the order", async () => {
    const html = await (await fetch(`${app.url}/app/orders/${numericId}`)).text();
    expect(html).toContain(order.name);
    expect(html).toContain("Not transferred");
    expect(html).toContain("Transfer");
    expect((await fetch(`${app.url}/app/orders/not-a-number`)).status).toBe(404);
    const transfer = await fetch(`${app.url}/app/orders/${numericId}?${ORDER_DATA}`, { method: "POST" });
    expect(transfer.status).toBe(202);
    expect(await transfer.json()).toEqual({ outcome: "queued" });
    const after = (await (await fetch(`${app.url}/app/orders/${numericId}?${ORDER_DATA}`)).json()) as {
      transfer: { status: string };
      audit: Array<{ message: string }>;
    };
    expect(after.transfer.status).toBe("queued");
    expect(after.audit.map((entry) => entry.message)).toEqual(["Transfer requested by hand"]);
  });

  it("left the other shop's job alone", async () => {
    await app.stop();
    const other = await database.use((db) => db.job.findUniqueOrThrow({ where: { id: otherShopJob } }));
    expect(other).toMatchObject({ status: "failed", trigger: "paid" });
  });
});
