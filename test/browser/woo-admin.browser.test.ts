import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { settingsToken } from "../../app/sources/woocommerce/plugin-signature";
import { startWooSimulator, type WooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { chromiumAvailable, launchBrowser, screenshot } from "../support/browser";
import { describeWhen } from "../support/optional-suite";
import { newDanishOrder, PAID } from "../woocommerce/woo-harness";

const WAIT = 30_000;

/**
 * A WooCommerce merchant in Chromium, against the real app in local mode and a simulated store
 * connected through wc-auth: WordPress's "Open Ledger Bridge" link (signed with the store secret,
 * as the plugin signs it) lands on the app's Settings page; the trigger statuses are changed,
 * saved and still there after a reload; an order in one of those statuses shows up on Transfers;
 * Log out ends the session and the used link does not open the app again.
 */
describeWhen(chromiumAvailable, "Chromium", "WooCommerce merchant on the app's pages in the browser", () => {
  let woo: WooSimulator;
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let link = "";

  beforeAll(async () => {
    woo = await startWooSimulator({ orders: [], refunds: [], wcAuth: { allowHttpCallback: true } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-woo-admin-"));
    app = await startAppProcess(
      {
        PGLITE_DATA_DIR: dataDir,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        WORKER_IN_PROCESS: "false",
        DEMO_SIMULATORS: "off",
        LOG_LEVEL: "warn",
      },
      300_000,
    );
    // The plugin's Connect button: wc-auth, then the app hands the plugin its URL and the secret.
    let url = `${app.url}/woocommerce/connect?shop=${encodeURIComponent(`${woo.url}/`)}`;
    let response = await fetch(url, { redirect: "manual" });
    for (let hop = 0; response.status === 302 && hop < 4; hop++) {
      url = new URL(response.headers.get("location") ?? "", url).toString();
      response = await fetch(url, { redirect: "manual" });
    }
    if (response.status !== 200) throw new Error(`connect failed: ${response.status}`);
    await woo.drainWebhooks();
    const secret = woo.settingsGroups.get("ledger_bridge")?.get("ledger_bridge_store_secret") ?? "";
    // What LB_Settings::settings_url() makes when the merchant clicks "Open Ledger Bridge".
    const token = settingsToken(`${woo.url}/`, Math.floor(Date.now() / 1000) + 300, secret);
    link = `${app.url}/woocommerce/settings?token=${encodeURIComponent(token)}`;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(WAIT);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await woo?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens the Settings page from WordPress's link, for this store, without the Demo page", async () => {
    await page.goto(link);
    await page.waitForURL(/\/app\/settings\?locale=en$/);
    await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
    await page.getByText(`WooCommerce store ${woo.url}`).waitFor();
    const nav = page.getByRole("navigation", { name: "Ledger Bridge" });
    expect(await nav.getByRole("link").allInnerTexts()).toEqual([
      "Home",
      "Transfers",
      "Settings",
      "Accounting system",
    ]);
    await nav.getByRole("button", { name: "Log out" }).waitFor();
    await screenshot(page, "woo-admin-settings");
  });

  it("changes the trigger statuses, saves them, and keeps them after a reload", async () => {
    await page.getByLabel("Transfer an order").selectOption("statuses");
    await page.getByLabel("Order statuses that transfer (WooCommerce)").fill("processing, on-hold");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Transfer an order").inputValue()).toBe("statuses");
    expect(await page.getByLabel("Order statuses that transfer (WooCommerce)").inputValue()).toBe(
      "processing, on-hold",
    );
    await screenshot(page, "woo-admin-settings-saved");
  });

  it("shows an order in one of those statuses on Transfers, linked to its order page", async () => {
    // The simulator numbers orders by their id.
    const id = Number(woo.store.createOrder(newDanishOrder(PAID)).id);
    await woo.drainWebhooks();
    await page
      .getByRole("navigation", { name: "Ledger Bridge" })
      .getByRole("link", { name: "Transfers" })
      .click();
    await page.waitForURL(/\/app\/transfers/);
    await page.getByRole("heading", { name: "Transfers", exact: true }).waitFor();
    const row = page.getByRole("link", { name: `#${id}` });
    await expect.poll(() => row.count(), { timeout: WAIT }).toBeGreaterThan(0);
    await screenshot(page, "woo-admin-transfers");
    await row.first().click();
    await page.waitForURL(new RegExp(`/app/orders/${id}$`));
    await page.getByText(`#${id}`).first().waitFor();
  });

  it("logs out, and the used link does not open the app again", async () => {
    await page
      .getByRole("navigation", { name: "Ledger Bridge" })
      .getByRole("button", { name: "Log out" })
      .click();
    await page.getByRole("heading", { name: "You are logged out of Ledger Bridge" }).waitFor();
    expect((await page.context().cookies()).filter((c) => c.name === "lb_woo_admin")).toEqual([]);
    const again = await page.goto(link);
    expect(again?.status()).toBe(401);
    await page.getByText("This link has expired, was already used, or is not valid.").waitFor();
  });
});
