import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoActionResult } from "../../demo/demo-actions.server";
import type { DemoOrderRow, DemoOverview } from "../../demo/demo-overview.server";
import type { LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import type { DemoApp } from "../support/demo-app";
import { DEMO_DATA, demoOnPostgres as onPostgres, startDemoApp } from "../support/demo-app";

// Transfers run at each ledger's real pace (Dinero: 80 requests a minute), so a batch takes a while.
const WAIT_MS = 100_000;
const TEST_MS = 120_000;

/**
 * The local demo end to end, per ledger: `ledger-bridge start` with DEMO_LEDGER, so the app
 * starts its simulators and connects the demo shop; the demo page's buttons change orders in
 * the Shopify simulator and deliver signed webhooks to the app's own routes; the in-process
 * worker transfers them; the page reads back what the ledger simulator holds.
 */
describe.each<LedgerProviderId>(["billy", "dinero", "economic", "dynaccount"])(
  `the demo with DEMO_LEDGER=%s (${onPostgres ? "PostgreSQL" : "PGlite"})`,
  (provider) => {
    let demo: DemoApp;
    let app: AppProcess;

    beforeAll(async () => {
      demo = await startDemoApp({ DEMO_LEDGER: provider });
      app = demo.app;
    }, 320_000);
    afterAll(async () => {
      await demo?.close();
    });

    const overview = () => demo.overview();
    const press = async (fields: Record<string, string>): Promise<DemoActionResult> => {
      const { status, result } = await demo.press(fields);
      expect(status, JSON.stringify(result)).toBe(200);
      expect(result.ok).toBe(true);
      return result;
    };
    const waitFor = async <T>(what: string, pick: (page: DemoOverview) => T | undefined): Promise<T> => {
      const deadline = Date.now() + WAIT_MS;
      let last: DemoOverview | undefined;
      while (Date.now() < deadline) {
        last = await overview();
        const found = pick(last);
        if (found !== undefined && found !== false) return found;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`timed out waiting for ${what}:\n${JSON.stringify(last, null, 2)}\n${app.output()}`);
    };
    const order = (page: DemoOverview, name: string): DemoOrderRow | undefined =>
      page.orders.find((row) => row.name === name);
    const webhooksReceived = async () => {
      const html = await (await fetch(`${app.url}/app?locale=en`)).text();
      return Number(/Webhooks received(?:<!-- -->)?: (?:<!-- -->)?(\d+)/.exec(html)?.[1]);
    };

    it(
      "starts with the demo shop connected to the simulator and paid orders whose webhooks never came",
      async () => {
        expect(app.output()).toContain("local demo simulators started");
        expect(app.output()).toContain("demo shop connected to the ledger simulator");
        const page = await overview();
        expect(page.connection).toMatchObject({ provider, simulated: true });
        expect(page.simulators.map((simulator) => simulator.provider).sort()).toEqual([
          "billy",
          "dinero",
          "dynaccount",
          "economic",
        ]);
        expect(page.orders.map((row) => [row.name, row.webhookDelivered, row.invoice])).toEqual([
          ["#1003", false, null],
          ["#1002", false, null],
          ["#1001", false, null],
        ]);
        expect(page.ledgerDocuments).toEqual([]);
        expect(page.giftCardAccount).toMatchObject({ missing: true });
      },
      TEST_MS,
    );

    let paidOrder: DemoOrderRow;

    it(
      "turns a created paid order into a booked, paid invoice through the signed webhook and the worker",
      async () => {
        const before = await webhooksReceived();
        const result = await press({ intent: "createPaid" });
        expect(result).toMatchObject({ message: "demo.result.created", vars: { name: "#1004" } });
        expect(await webhooksReceived()).toBe(before + 1);
        paidOrder = await waitFor("the invoice", (page) => {
          const row = order(page, "#1004");
          return row?.invoice?.status === "succeeded" ? row : undefined;
        });
        const number = paidOrder.invoice?.documentNumber;
        expect(number).toBeTruthy();
        const document = (await overview()).ledgerDocuments?.find(
          (doc) => doc.kind === "invoice" && doc.number === number,
        );
        // Kaffebaren ApS: 2 × 125.00 + 399.95, 10 % off, 49.00 shipping, moms included.
        expect(document).toMatchObject({ booked: true, paid: true, totalMinor: 63_395, currency: "DKK" });
        expect(document?.customer).toMatch(/Kaffebaren|Mette Holm/);
      },
      TEST_MS,
    );

    it(
      "credits a refund of that order with a booked credit note",
      async () => {
        await press({ intent: "refund", orderId: paidOrder.orderId });
        const note = await waitFor("the credit note", (page) => {
          const row = order(page, "#1004");
          return row?.creditNotes[0]?.status === "succeeded" ? row.creditNotes[0] : undefined;
        });
        const document = (await overview()).ledgerDocuments?.find(
          (doc) => doc.kind === "creditNote" && doc.number === note.documentNumber,
        );
        // One cup back: 125.00 less its 10 % discount.
        expect(document).toMatchObject({ booked: true, totalMinor: 11_250 });
      },
      TEST_MS,
    );

    it(
      "fails the gift-card order with a merchant message, and transfers it after the fix and a retry",
      async () => {
        const created = await press({ intent: "createFailing" });
        const name = created.vars.name ?? "";
        const failed = await waitFor("the failure", (page) => {
          const row = order(page, name);
          // The page reads the shop and its jobs separately: wait until it shows both the failed
          // job and the pause it caused.
          return row?.invoice?.status === "failed" && page.paused ? { row, page } : undefined;
        });
        expect(failed.row.invoice?.message).toContain("The order sells a gift card.");
        expect(failed.page.paused?.reason).toContain(name);
        expect(failed.page.giftCardAccount.fix).toBeTruthy();

        await press({ intent: "fixGiftCard" });
        expect((await overview()).giftCardAccount.missing).toBe(false);
        await press({ intent: "resume" });
        const fixed = await waitFor("the retried invoice", (page) => {
          const row = order(page, name);
          return row?.invoice?.status === "succeeded" ? { row, page } : undefined;
        });
        expect(fixed.page.paused).toBeNull();
        expect(
          fixed.page.ledgerDocuments?.find((doc) => doc.number === fixed.row.invoice?.documentNumber),
        ).toMatchObject({ kind: "invoice", booked: true, totalMinor: 12_500 + 50_000 + 4_500 });
      },
      TEST_MS,
    );

    it(
      "transfers an order whose webhook never arrived from its order page, and reconciliation catches the rest",
      async () => {
        const created = await press({ intent: "createWithoutWebhook" });
        const name = created.vars.name ?? "";
        const withheld = order(await overview(), name);
        expect(withheld).toMatchObject({ webhookDelivered: false, invoice: null });

        // The order page's Transfer button reads the order from the Shopify simulator.
        const orderPage = `${app.url}/app/orders/${withheld?.numericId}?_data=routes%2Fapp.orders.%24orderId`;
        const transfer = await fetch(orderPage, { method: "POST" });
        expect(transfer.status).toBe(202);
        expect(await transfer.json()).toEqual({ outcome: "queued" });
        await waitFor("the transferred order", (page) => order(page, name)?.invoice?.status === "succeeded");

        // A seeded order's webhook, delivered late by hand.
        const seeded = order(await overview(), "#1001");
        await press({ intent: "deliver", orderId: seeded?.orderId ?? "" });
        expect(order(await overview(), "#1001")?.webhookDelivered).toBe(true);
        await waitFor("the late webhook's invoice", (page) => order(page, "#1001")?.invoice !== null);

        const result = await press({ intent: "reconcile" });
        // The two orders the shop had before the demo started that still have no job.
        expect(result.vars).toMatchObject({ enqueued: "2" });
        const page = await waitFor("every order transferred", (current) =>
          current.orders.every((row) => row.invoice?.status === "succeeded") ? current : undefined,
        );
        expect(page.ledgerDocuments?.filter((doc) => doc.kind === "invoice")).toHaveLength(6);

        const fulfilled = await press({ intent: "fulfil", orderId: withheld?.orderId ?? "" });
        expect(fulfilled.message).toBe("demo.result.fulfilled");
        expect(order(await overview(), name)?.fulfilled).toBe(true);
      },
      TEST_MS,
    );
  },
);

describe("the demo without DEMO_LEDGER, and where it does not run", () => {
  const started: AppProcess[] = [];
  afterAll(async () => {
    for (const app of started) await app.stop();
  });
  const base = () => ({
    PGLITE_DATA_DIR: `memory://demo-${randomUUID()}`,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    LOG_LEVEL: "info",
  });

  it("never starts in Shopify mode, and DEMO_LEDGER there is a configuration error", async () => {
    const shopify = {
      SHOPIFY_API_KEY: "demo-test-key",
      SHOPIFY_API_SECRET: "demo-test-secret",
      SHOPIFY_APP_URL: "https://ledger-bridge.example",
    };
    const app = await startAppProcess({ ...base(), ...shopify }, 300_000);
    started.push(app);
    expect(app.output()).not.toContain("local demo simulators started");
    const page = await fetch(`${app.url}/app/demo?${DEMO_DATA}`, { redirect: "manual" });
    expect(page.status).not.toBe(200);
    expect(await page.text()).not.toContain("billy-sim-access-token");

    await expect(startAppProcess({ ...base(), ...shopify, DEMO_LEDGER: "billy" }, 300_000)).rejects.toThrow(
      /exited with 78[\s\S]*DEMO_LEDGER/,
    );
  }, 320_000);

  it("starts no simulator with DEMO_SIMULATORS=off, and the page says so", async () => {
    const app = await startAppProcess({ ...base(), DEMO_SIMULATORS: "off" }, 300_000);
    started.push(app);
    expect(app.output()).not.toContain("local demo simulators started");
    const response = await fetch(`${app.url}/app/demo?${DEMO_DATA}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ overview: null });
    expect(await (await fetch(`${app.url}/app/demo?locale=en`)).text()).toContain(
      "The demo&#x27;s simulators are off",
    );
  }, 320_000);

  it("connects a simulator with one click when DEMO_LEDGER is not set", async () => {
    const app = await startAppProcess(base(), 300_000);
    started.push(app);
    const page = async () =>
      ((await (await fetch(`${app.url}/app/demo?${DEMO_DATA}`)).json()) as { overview: DemoOverview })
        .overview;
    expect((await page()).connection).toBeNull();
    expect((await page()).ledgerDocuments).toBeNull();
    const response = await fetch(`${app.url}/app/demo?${DEMO_DATA}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "connect", provider: "economic" }),
    });
    expect(await response.json()).toEqual({
      ok: true,
      message: "demo.result.connected",
      vars: { ledger: "economic" },
    });
    expect((await page()).connection).toMatchObject({
      provider: "economic",
      name: "e-conomic",
      simulated: true,
    });
    expect((await page()).ledgerDocuments).toEqual([]);
    const bad = await fetch(`${app.url}/app/demo?${DEMO_DATA}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "connect", provider: "quickbooks" }),
    });
    expect(bad.status).toBe(400);
  }, 320_000);
});
