import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import type { TransfersPage } from "../../app/transfers/list-transfers.server";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";
import { seedJobs } from "../transfers/seed-jobs";

const TRANSFERS_DATA = "_data=routes%2Fapp.transfers";
const ORDER_DATA = "_data=routes%2Fapp.orders.%24orderId";
const REASON = "Line 2: quantity -1 cannot be booked <b>as is</b>";
const ORDERS = {
  retried: 7_300_001,
  later: 7_300_002,
  handled: 7_300_003,
  other: 7_300_009,
  keyed: 7_300_004,
};

interface OrderData {
  invoiceJobId: string | null;
  transfer: { status: string; message?: string | null; canRetry: boolean };
  handled: { by: string; at: string } | null;
  audit: Array<{ step: string; message: string }>;
}

/**
 * Orders that need attention, over HTTP against the real app (`ledger-bridge start`, local mode):
 * the transfers page lists them with the reason in English and Danish next to a later order of
 * the same shop that went through; the order page's Retry and "Mark as handled manually" change
 * the job once, name who did it in the audit, and never reach another shop's job. Workers are
 * off and no ledger is configured: what the requests did stays visible, and nothing is sent.
 */
describe("needs attention over HTTP", () => {
  let database: AppDatabase;
  let app: AppProcess;
  const jobs: Record<keyof typeof ORDERS, string> = {
    retried: "",
    later: "",
    handled: "",
    other: "",
    keyed: "",
  };

  beforeAll(async () => {
    database = await createAppDatabase();
    await database.use(async (db) => {
      const shop = await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
      const other = await db.shop.create({ data: { platform: "shopify", domain: "other.myshopify.com" } });
      const mine = [
        { status: "needsAttention", orderName: "#3001", orderNumber: ORDERS.retried },
        { status: "succeeded", orderName: "#3002", orderNumber: ORDERS.later, documentNumber: "6002" },
        { status: "needsAttention", orderName: "#3003", orderNumber: ORDERS.handled },
      ];
      await seedJobs(db, shop.id, mine.length, new Date(), (i) => ({
        kind: "invoice",
        documentNumber: null,
        reason: REASON,
        ...(mine[i] ?? mine[0]!),
      }));
      await seedJobs(db, other.id, 1, new Date(), () => ({
        status: "needsAttention",
        kind: "invoice",
        orderName: "#9009",
        documentNumber: null,
        orderNumber: ORDERS.other,
        reason: "Other shop's reason",
      }));
      await seedJobs(db, shop.id, 1, new Date(), () => ({
        status: "failed",
        kind: "invoice",
        orderName: "#3004",
        documentNumber: null,
        orderNumber: ORDERS.keyed,
      }));
      await db.job.updateMany({
        where: { orderId: `gid://shopify/Order/${ORDERS.keyed}` },
        data: {
          lastError: {
            kind: "invalidOrderData",
            message:
              "Ledger Bridge cannot use this order's data (it is not valid JSON). Retrying will not help.",
            messageKey: "jobError.invalidOrderData",
            params: { reason: "jobError.reason.notJson" },
            retryable: false,
            at: new Date().toISOString(),
          },
        },
      });
      for (const [name, number] of Object.entries(ORDERS)) {
        const job = await db.job.findFirstOrThrow({ where: { orderId: `gid://shopify/Order/${number}` } });
        jobs[name as keyof typeof ORDERS] = job.id;
      }
    });
    app = await startAppProcess(
      { ...database.env, WORKER_IN_PROCESS: "false", DEMO_SIMULATORS: "off", LOG_LEVEL: "warn" },
      280_000,
    );
  }, 300_000);
  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  const html = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  const transfers = async (query: string) => {
    const response = await fetch(`${app.url}/app/transfers?${query}&${TRANSFERS_DATA}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { page: TransfersPage }).page;
  };
  const order = async (number: number) => {
    const response = await fetch(`${app.url}/app/orders/${number}?${ORDER_DATA}`);
    expect(response.status).toBe(200);
    return (await response.json()) as OrderData;
  };
  const postOrder = async (number: number, fields: Record<string, string>) => {
    const response = await fetch(`${app.url}/app/orders/${number}?${ORDER_DATA}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    });
    return { status: response.status, body: (await response.json()) as { outcome: string } };
  };
  // React escapes text; the reason is shown, never interpreted.
  const escapedReason = REASON.replace(/</g, "&lt;").replace(/>/g, "&gt;");

  it("lists the parked orders under Needs attention with their reason, beside the later order that went through", async () => {
    const page = await transfers("tab=needsAttention");
    expect(page.rows.map((row) => [row.orderName, row.status, row.lastError])).toEqual([
      ["#3003", "needsAttention", REASON],
      ["#3001", "needsAttention", REASON],
    ]);
    expect(page.counts).toMatchObject({ needsAttention: 2, succeeded: 1 });
    expect((await transfers("tab=succeeded")).rows.map((row) => row.documentNumber)).toEqual(["6002"]);

    const english = await html("/app/transfers?tab=needsAttention&locale=en");
    for (const text of ["Needs attention", "2 order(s) need your attention", "#3001", "#3003", escapedReason])
      expect(english).toContain(text);
    expect(english).not.toContain("Automatic transfer is paused");
    expect(english).not.toContain("#9009");
    expect(english).not.toContain("Other shop&#x27;s reason");
    const danish = await html("/app/transfers?tab=needsAttention&locale=da");
    for (const text of ["Kræver handling", "2 ordre(r) kræver din handling", escapedReason])
      expect(danish).toContain(text);
    await html("/app/transfers?locale=en");
  });

  it("the home page says orders need attention, in both languages", async () => {
    expect(await html("/app?locale=en")).toContain("2 order(s) need your attention");
    expect(await html("/app?locale=da")).toContain("2 ordre(r) kræver din handling");
    await html("/app?locale=en");
  });

  it("the order page shows the reason with Retry and Mark as handled manually", async () => {
    const page = await html(`/app/orders/${ORDERS.retried}`);
    for (const text of ["Needs attention", "This order needs your attention", escapedReason, "Retry"])
      expect(page).toContain(text);
    expect(page).toContain("Mark as handled manually");
    const data = await order(ORDERS.retried);
    expect(data).toMatchObject({
      invoiceJobId: jobs.retried,
      transfer: { status: "needsAttention", message: REASON, canRetry: true },
    });
    expect(await html(`/app/orders/${ORDERS.retried}?locale=da`)).toContain("Marker som håndteret manuelt");
    await html("/app?locale=en");
  });

  it("shows Ledger Bridge's own reason in the merchant's language, a ledger's words as sent", async () => {
    // A failed order whose reason Ledger Bridge wrote (kept apart from the parked ones above).
    const danish = await html(`/app/orders/${ORDERS.keyed}?locale=da`);
    expect(danish).toContain("Et nyt forsøg hjælper ikke");
    expect(danish).toContain("de er ikke gyldig JSON");
    // The shown failure is the Danish text (the page's embedded loader data keeps the stored English).
    expect(danish).toMatch(/data-testid="order-failure">[^<]*Et nyt forsøg hjælper ikke/);
    expect(await html(`/app/orders/${ORDERS.keyed}?locale=en`)).toContain("it is not valid JSON");
    const list = await html("/app/transfers?tab=failed&locale=da");
    expect(list).toContain("Et nyt forsøg hjælper ikke");
    // The parked orders' reasons are a ledger's own words: shown as stored in either language.
    expect(await html(`/app/orders/${ORDERS.retried}?locale=da`)).toContain(escapedReason);
    await html("/app/transfers?locale=en");
  });

  it("Retry puts the order back in the queue once, and the audit names who asked", async () => {
    expect(await postOrder(ORDERS.retried, { intent: "retry", jobId: jobs.retried })).toEqual({
      status: 202,
      body: { outcome: "retried" },
    });
    expect(await postOrder(ORDERS.retried, { intent: "retry", jobId: jobs.retried })).toEqual({
      status: 409,
      body: { outcome: "notParked" },
    });
    const data = await order(ORDERS.retried);
    expect(data.transfer.status).toBe("queued");
    expect(data.audit.map((entry) => entry.message)).toEqual(["Retry requested by the local demo merchant"]);
    expect((await transfers("tab=needsAttention")).rows.map((row) => row.orderName)).toEqual(["#3003"]);
  });

  it("Mark as handled manually makes it final once, with who and when", async () => {
    const before = Date.now();
    expect(await postOrder(ORDERS.handled, { intent: "markHandled", jobId: jobs.handled })).toEqual({
      status: 200,
      body: { outcome: "handled" },
    });
    expect(await postOrder(ORDERS.handled, { intent: "markHandled", jobId: jobs.handled })).toEqual({
      status: 409,
      body: { outcome: "notParked" },
    });
    // The Transfer button cannot book it after all.
    expect(await postOrder(ORDERS.handled, {})).toEqual({
      status: 409,
      body: { outcome: "handledManually" },
    });
    const data = await order(ORDERS.handled);
    expect(data.transfer.status).toBe("handled");
    expect(data.handled?.by).toBe("the local demo merchant");
    expect(Date.parse(data.handled?.at ?? "")).toBeGreaterThanOrEqual(before - 60_000);
    expect(data.audit.filter((entry) => entry.step === "handled").map((entry) => entry.message)).toEqual([
      "Marked as handled manually by the local demo merchant; nothing was sent to the ledger",
    ]);
    const page = await html(`/app/orders/${ORDERS.handled}?locale=en`);
    expect(page).toContain("Handled manually by the local demo merchant at");
    expect(await html(`/app/orders/${ORDERS.handled}?locale=da`)).toContain(
      "Håndteret manuelt af den lokale demohandlende",
    );
    await html("/app?locale=en");
    const counts = (await transfers("tab=handled")).counts;
    expect(counts).toMatchObject({ needsAttention: 0, handled: 1 });
    expect(await html("/app/transfers?locale=en")).not.toContain("need your attention");
  });

  it("cannot act on another shop's job, through the order page or the transfers page", async () => {
    for (const intent of ["retry", "markHandled"]) {
      expect(await postOrder(ORDERS.other, { intent, jobId: jobs.other })).toEqual({
        status: 404,
        body: { outcome: "notFound" },
      });
      // Another order's page of this shop does not reach it either.
      expect((await postOrder(ORDERS.later, { intent, jobId: jobs.other })).status).toBe(404);
    }
    const viaList = await fetch(`${app.url}/app/transfers?${TRANSFERS_DATA}`, {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "markHandled"],
        ["id", jobs.other],
      ]),
    });
    expect(viaList.status).toBe(409);
    expect(await viaList.json()).toEqual({ ok: false, message: "transfers.result.notFound" });
    expect((await postOrder(ORDERS.retried, { intent: "explode", jobId: "x" })).status).toBe(400);
  });

  it("left the other shop's job and the succeeded order alone, and sent nothing", async () => {
    await app.stop();
    await database.use(async (db) => {
      const other = await db.job.findUniqueOrThrow({ where: { id: jobs.other } });
      expect(other).toMatchObject({ status: "needsAttention", trigger: "paid" });
      expect(await db.auditEntry.count({ where: { jobId: jobs.other } })).toBe(0);
      expect(await db.job.findUniqueOrThrow({ where: { id: jobs.later } })).toMatchObject({
        status: "succeeded",
        documentNumber: "6002",
      });
      expect(await db.job.findUniqueOrThrow({ where: { id: jobs.handled } })).toMatchObject({
        status: "handled",
        documentId: null,
        documentNumber: null,
      });
    });
  });
});
