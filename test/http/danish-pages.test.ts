import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoOverview } from "../../demo/demo-overview.server";
import type { DemoApp } from "../support/demo-app";
import { startDemoApp } from "../support/demo-app";
import { englishOn, visibleTexts } from "../support/page-text";

const WAIT_MS = 90_000;
const SETTING_ANCHOR = "setting-accounts-giftCardLiability";

/**
 * Texts a Danish merchant reads as they are: names, the language switch, the demo's data. Each is
 * matched whole, so an English sentence around one of them is still found.
 */
const ALLOWED: Array<string | RegExp> = [
  "English", // the language switch names each language in itself
  /^Ledger Bridge$/,
  /^(Billy|Dinero|e-conomic|Dynaccount|Shopify|WooCommerce|PostgreSQL|PGlite)$/,
  /\.myshopify\.com$/,
  /^#\d+$/,
];

/**
 * Every page of the app, and the failures a merchant meets on them, with `?locale=da` through the
 * real server (`ledger-bridge start` with the demo's simulators and Billy): the server-rendered
 * HTML must hold no English a merchant reads. Loader and action run as in production; a form post
 * without `_data` is answered with the page rendered from the action's answer, as a browser
 * without JavaScript gets it.
 */
describe("with ?locale=da no page shows English", () => {
  let demo: DemoApp;
  let failing: { numericId: string; name: string };
  let transferred: { numericId: string; name: string };

  const page = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${demo.app.url}${path}`, init);
    return { status: response.status, html: await response.text() };
  };
  const post = (path: string, fields: Record<string, string>) =>
    page(path, { method: "POST", body: new URLSearchParams(fields) });
  const expectDanish = (html: string) => expect(englishOn(html, ALLOWED)).toEqual([]);
  const waitFor = async <T>(what: string, pick: (overview: DemoOverview) => T | undefined) => {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const found = pick(await demo.overview());
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}\n${demo.app.output().slice(-3000)}`);
  };

  beforeAll(async () => {
    demo = await startDemoApp({ DEMO_LEDGER: "billy", LOG_LEVEL: "warn" });
    const created = await demo.press({ intent: "createPaid" });
    expect(created.status).toBe(200);
    const failed = await demo.press({ intent: "createFailing" });
    expect(failed.status).toBe(200);
    const rows = await waitFor("one order transferred and one failed with the shop paused", (overview) => {
      const done = overview.orders.find((row) => row.invoice?.status === "succeeded");
      const broken = overview.orders.find((row) => row.invoice?.status === "failed");
      return done && broken && overview.paused ? { done, broken } : undefined;
    });
    transferred = rows.done;
    failing = rows.broken;
  }, 400_000);
  afterAll(async () => {
    await demo?.close();
  });

  it("finds English on the same pages in English, so the check can fail", async () => {
    const { html } = await page("/app/transfers?locale=en");
    expect(englishOn(html, ALLOWED).length).toBeGreaterThan(5);
    expect(visibleTexts(html).join(" ")).toContain("Transfers");
  });

  it("home, with the transfers summary", async () => {
    const { html } = await page("/app?locale=da");
    const text = visibleTexts(html).join(" ");
    expect(text).toContain("Overført: 1");
    expect(text).toContain("Fejlet eller kræver din handling: 1");
    expect(html).toContain('href="/app/transfers?tab=failed"');
    expectDanish(html);
  });

  it.each([
    ["connect", "/app/connect?locale=da"],
    ["settings", "/app/settings?locale=da"],
    ["transfers", "/app/transfers?locale=da"],
    ["transfers, failed tab", "/app/transfers?locale=da&tab=failed"],
    ["transfers, search", "/app/transfers?locale=da&q=1001"],
    ["demo", "/app/demo?locale=da"],
    ["an unknown page", "/app/no-such-page?locale=da"],
  ])("%s", async (_, path) => {
    const { html } = await page(path);
    expect(visibleTexts(html).length).toBeGreaterThan(2);
    expectDanish(html);
  });

  it("the order page of a transferred order, its audit log in Danish", async () => {
    const { status, html } = await page(`/app/orders/${transferred.numericId}?locale=da`);
    expect(status).toBe(200);
    const texts = visibleTexts(html);
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/^Faktura \S+ er bogført$/)]));
    expect(texts).toContain("Fakturaen er sat i kø (ordren er betalt)");
    expectDanish(html);
  });

  it("the order page of the failed order, and the paused banner", async () => {
    const order = await page(`/app/orders/${failing.numericId}?locale=da`);
    expect(order.status).toBe(200);
    const orderText = visibleTexts(order.html).join(" ");
    expect(orderText).toContain(failing.name);
    // The setting by its Danish label, not its path, with a link to the field.
    expect(orderText).toContain("Ordren sælger et gavekort. Vælg “Konto for gavekortforpligtelse”");
    expect(orderText).not.toContain("accounts.giftCardLiability");
    expect(order.html).toContain(`href="/app/settings#${SETTING_ANCHOR}"`);
    expectDanish(order.html);
    const transfers = await page("/app/transfers?locale=da");
    expect(transfers.html).toContain('data-testid="paused-reason"');
    expect(visibleTexts(transfers.html).join(" ")).toContain(
      `Årsag (${failing.name}): Ordren sælger et gavekort.`,
    );
    expect(transfers.html).toContain(`href="/app/settings#${SETTING_ANCHOR}"`);
    expectDanish(transfers.html);
    const settings = await page("/app/settings?locale=da");
    expect(settings.html).toContain(`id="${SETTING_ANCHOR}"`);
  });

  it("a settings save with invalid values", async () => {
    const { status, html } = await post("/app/settings?locale=da", {
      "accounts.revenue.domestic": "",
      "rounding.toleranceMinorUnits": "lots",
      homeCountry: "Danmark",
    });
    expect(status).toBe(422);
    expectDanish(html);
  });

  it("a ledger connection with a wrong key, and an unknown request", async () => {
    const wrong = await post("/app/connect?locale=da", {
      intent: "test",
      provider: "billy",
      accessToken: "not-a-real-token",
    });
    expect(wrong.status).toBe(422);
    expectDanish(wrong.html);
    const unknown = await post("/app/connect?locale=da", { intent: "nonsense" });
    expect(unknown.status).toBe(400);
    expectDanish(unknown.html);
  });

  it("the WooCommerce pages and their store problems", async () => {
    for (const path of [
      "/woocommerce/connect?locale=da",
      "/woocommerce/connect?locale=da&shop=ingen%20butik",
      "/woocommerce/connected?locale=da",
      "/woocommerce/settings?locale=da&token=forged",
    ]) {
      const { status, html } = await page(path);
      expect(status, path).toBeGreaterThanOrEqual(400);
      expect(englishOn(html, ALLOWED), path).toEqual([]);
    }
  });
});
