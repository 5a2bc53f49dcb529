import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOCAL_SHOP_DOMAIN } from "../../app/auth/local-shop.server";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { chromiumAvailable, launchBrowser, screenshot } from "../support/browser";
import { describeWhen } from "../support/optional-suite";
import type { AppDatabase } from "../transfers/app-database";
import { createAppDatabase } from "../transfers/app-database";
import { seedJobs } from "../transfers/seed-jobs";

const TEST_TIMEOUT = 120_000;
const REASON = "Line 1: the product has no SKU the ledger accepts";
const ORDERS = { retried: 7_500_001, later: 7_500_002, handled: 7_500_003 };

/**
 * An order that needs attention in Chromium, against the real app in local mode (no worker, no
 * ledger): the Needs attention tab lists it with its reason, and the order page's Retry and
 * "Mark as handled manually" (after its confirmation) do what they say.
 */
describeWhen(chromiumAvailable, "Chromium", "orders that need attention in the browser", () => {
  let database: AppDatabase;
  let app: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createAppDatabase();
    await database.use(async (db) => {
      const shop = await db.shop.create({ data: { platform: "shopify", domain: LOCAL_SHOP_DOMAIN } });
      const jobs = [
        { status: "needsAttention", orderName: "#4001", orderNumber: ORDERS.retried },
        { status: "succeeded", orderName: "#4002", orderNumber: ORDERS.later, documentNumber: "8002" },
        { status: "needsAttention", orderName: "#4003", orderNumber: ORDERS.handled },
      ];
      await seedJobs(db, shop.id, jobs.length, new Date(), (i) => ({
        kind: "invoice",
        documentNumber: null,
        reason: REASON,
        ...(jobs[i] ?? jobs[0]!),
      }));
    });
    app = await startAppProcess(
      { ...database.env, WORKER_IN_PROCESS: "false", DEMO_SIMULATORS: "off", LOG_LEVEL: "warn" },
      280_000,
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 320_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await database?.close();
  });

  /** Loads a page and waits until its scripts ran, so clicks reach React. */
  const open = (path: string) => page.goto(`${app.url}${path}`, { waitUntil: "networkidle" });

  it(
    "the Needs attention tab lists the parked orders with their reason",
    async () => {
      await open("/app/transfers?locale=en");
      await expect.poll(() => page.getByTestId("attention-banner").count()).toBe(1);
      await page.getByRole("tab", { name: /Needs attention/ }).click();
      await page.waitForURL(/tab=needsAttention/);
      const rows = page.getByTestId("transfers-table").locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(2);
      const text = await page.getByTestId("transfers-table").textContent();
      expect(text).toContain("#4001");
      expect(text).toContain("#4003");
      expect(text).toContain(REASON);
      expect(text).not.toContain("#4002");
    },
    TEST_TIMEOUT,
  );

  it(
    "Retry on the order page queues the order again",
    async () => {
      await open(`/app/orders/${ORDERS.retried}`);
      expect(await page.getByTestId("order-attention-reason").textContent()).toBe(REASON);
      await page.getByRole("button", { name: "Retry", exact: true }).click();
      await expect
        .poll(() => page.getByTestId("order-result").textContent())
        .toBe("The transfer is queued again.");
      // Polaris badges prefix a hidden tone label ("Info").
      await expect.poll(() => page.getByTestId("order-status").textContent()).toMatch(/Queued$/);
      expect(await page.locator("table", { hasText: "What happened" }).textContent()).toContain(
        "Retry requested by the local demo merchant",
      );
    },
    TEST_TIMEOUT,
  );

  it(
    "Mark as handled manually asks first, then shows who handled it and when",
    async () => {
      await open(`/app/orders/${ORDERS.handled}`);
      await page.getByRole("button", { name: "Mark as handled manually" }).click();
      expect(await page.getByTestId("confirm-handled-text").textContent()).toContain(
        "Only do this if you have booked this document in your accounting system yourself.",
      );
      // Cancel changes nothing.
      await page.getByRole("button", { name: "Cancel" }).click();
      await expect.poll(() => page.getByTestId("confirm-handled-text").count()).toBe(0);
      expect(await page.getByTestId("order-status").textContent()).toMatch(/Needs attention$/);

      await page.getByRole("button", { name: "Mark as handled manually" }).click();
      await page.getByRole("button", { name: "Yes, mark as handled manually" }).click();
      await expect
        .poll(() => page.getByTestId("order-handled").textContent())
        .toMatch(/^Handled manually by the local demo merchant at .+\. Nothing was sent/);
      expect(await page.getByTestId("order-status").textContent()).toMatch(/Handled manually$/);
      // Neither button is offered any more.
      expect(await page.getByRole("button", { name: "Mark as handled manually" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Retry", exact: true }).count()).toBe(0);
      await screenshot(page, "order-handled-manually");
    },
    TEST_TIMEOUT,
  );
});
