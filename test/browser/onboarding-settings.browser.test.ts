import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startBillySimulator, type BillySimulator } from "../../simulators/billy/billy-simulator";
import { startDineroSimulator, type DineroSimulator } from "../../simulators/dinero";
import type { AppProcess } from "../support/app-process";
import { startAppProcess } from "../support/app-process";
import { chromiumAvailable, launchBrowser, screenshot } from "../support/browser";
import { describeWhen } from "../support/optional-suite";

const WAIT = 30_000;

/**
 * Onboarding and settings in Chromium, against the real app in local mode with simulated Billy
 * and Dinero: pick Billy, enter its key, test, choose the company, save; change a setting from a
 * dropdown, watch the preview follow, save, reload; the Danish pages; then switch to Dinero
 * through its Visma Connect login.
 */
describeWhen(chromiumAvailable, "Chromium", "onboarding and settings pages in the browser", () => {
  let billy: BillySimulator;
  let dinero: DineroSimulator;
  let app: AppProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    [billy, dinero] = await Promise.all([startBillySimulator(), startDineroSimulator()]);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-onboarding-"));
    app = await startAppProcess(
      {
        PGLITE_DATA_DIR: dataDir,
        ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        BILLY_API_BASE_URL: billy.apiBaseUrl,
        DINERO_API_BASE_URL: dinero.url,
        DINERO_AUTH_BASE_URL: dinero.authUrl,
        WORKER_IN_PROCESS: "false",
        LOG_LEVEL: "warn",
      },
      300_000,
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(WAIT);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await Promise.all([billy?.close(), dinero?.close()]);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const previewText = () => page.locator("#settings-preview").innerText();

  it("connects Billy: pick it, enter the key, test, choose the company, save", async () => {
    await page.goto(`${app.url}/app/connect?locale=en`);
    await page.getByRole("heading", { name: "Connect your accounting system" }).waitFor();
    await page.getByLabel("Which accounting system do you use?").selectOption("billy");
    await page.getByText("A Billy company with VAT set up").waitFor();

    // A wrong key first: the ledger's explanation is shown, nothing is saved.
    await page.getByLabel("Access token").fill("not-the-token");
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("The connection did not work").waitFor();
    expect(await page.locator("#connection-error").innerText()).toMatch(/access token/i);
    await expect(page.getByRole("button", { name: "Save connection" }).isDisabled()).resolves.toBe(true);

    await page.getByLabel("Access token").fill(billy.accessToken);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("The connection works. Billy gave access to 1 company(ies).").waitFor();
    await page.getByLabel("Company to book in").selectOption("org-sim-billy-0001");
    await screenshot(page, "onboarding-billy-tested");
    await page.getByRole("button", { name: "Save connection" }).click();

    // No settings yet: they are proposed from Billy's accounts and the merchant lands on Settings.
    await page.waitForURL(/\/app\/settings\?proposed=1/);
    await page.getByText("We chose these settings from your accounts in Billy").waitFor();
    expect(await page.getByLabel("Sales with VAT (domestic)").inputValue()).toBe("acc-1110");
    expect(await previewText()).toContain("acc-1110");
    await screenshot(page, "settings-proposed-from-billy");
  });

  it("changes a setting from the ledger's dropdown, previews it unsaved, saves it, and keeps it after reload", async () => {
    const domestic = page.getByLabel("Sales with VAT (domestic)");
    const options = await domestic.locator("option").allInnerTexts();
    expect(options).toEqual(
      expect.arrayContaining(["1110 Salg af varer/ydelser m/moms", "1130 Salg af varer til andre EU-lande"]),
    );
    await domestic.selectOption("acc-1130");
    await page.getByLabel("Prefix for order numbers in texts").fill("WEB-");
    await expect.poll(previewText, { timeout: WAIT }).toContain("Ordre WEB-1001");
    expect(await previewText()).toContain("acc-1130");

    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Sales with VAT (domestic)").inputValue()).toBe("acc-1130");
    expect(await page.getByLabel("Prefix for order numbers in texts").inputValue()).toBe("WEB-");
    expect(await previewText()).toContain("Ordre WEB-1001");
    await screenshot(page, "settings-saved");
  });

  it("shows a field error next to an invalid value and saves nothing", async () => {
    const field = page.getByLabel("Largest rounding difference (øre / cents)");
    await field.fill("a lot");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Nothing was saved: some settings need attention").waitFor();
    // The message sits next to the field (the live preview may say it too: hence the field's own).
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const errorId = describedBy.split(" ").find((id) => id.endsWith("Error")) ?? "";
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain("Enter a plain number");
    await screenshot(page, "settings-field-error");
    await page.reload();
    expect(await page.getByLabel("Largest rounding difference (øre / cents)").inputValue()).toBe("50");
  });

  it("is in Danish for a Danish shop", async () => {
    await page.goto(`${app.url}/app/settings?locale=da`);
    await page.getByRole("heading", { name: "Indstillinger", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Hvornår der overføres" }).waitFor();
    expect(await page.getByLabel("Salg med moms (Danmark)").inputValue()).toBe("acc-1130");
    await page.getByText("Konti hentes fra Billy (Nordlys Design ApS).").waitFor();
    await page.getByRole("heading", { name: "Eksempel" }).waitFor();
    await page.getByRole("button", { name: "Gem indstillinger" }).waitFor();
    await screenshot(page, "settings-da");

    await page.goto(`${app.url}/app/connect`);
    await page.getByRole("heading", { name: "Forbind dit regnskabsprogram" }).waitFor();
    await page.getByText("Forbundet med Billy").waitFor();
    await page.getByText("Virksomhed: Nordlys Design ApS").waitFor();
    await page.getByRole("button", { name: "Skift regnskabsprogram" }).click();
    await page.getByLabel("Hvilket regnskabsprogram bruger du?").selectOption("billy");
    await page.getByRole("button", { name: "Test forbindelsen" }).waitFor();
    await page.getByText("Adgangsnøgle", { exact: true }).waitFor();
    await screenshot(page, "onboarding-da");
  });

  it("switches to Dinero through Visma Connect and comes back connected", async () => {
    await page.goto(`${app.url}/app/connect?locale=en`);
    await page.getByRole("button", { name: "Change accounting system" }).click();
    await page.getByLabel("Which accounting system do you use?").selectOption("dinero");
    await page.getByRole("button", { name: "Connect with Dinero" }).click();
    // Out to the simulated Visma Connect and back through the callback, at the top level.
    await page.waitForURL(/\/app\/connect\?connected=1/);
    await page.getByText("Connected to Dinero (Nordlys Design ApS).").waitFor();
    await screenshot(page, "onboarding-dinero-connected");

    // Settings were kept (the shop had saved some); the dropdowns now list Dinero's accounts.
    await page.goto(`${app.url}/app/settings`);
    await page.getByText("Accounts come from Dinero (Nordlys Design ApS).").waitFor();
    const options = await page.getByLabel("Sales with VAT (domestic)").locator("option").allInnerTexts();
    expect(options).toContain("1000 Salg af varer/ydelser m/moms (U25)");
    expect(options).toContain("acc-1130 (not in Dinero's list)");
  });
});
