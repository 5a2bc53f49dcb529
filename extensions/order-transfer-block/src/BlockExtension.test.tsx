// @vitest-environment jsdom
/// <reference types="@shopify/ui-extensions/admin.order-details.block.render" />
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { localeKeys, localeTranslator, readLocale, type LocaleName } from "./locale-translator.test-support";
import type { TransferStatus } from "./transfer-status-contract";

const ORDER_GID = "gid://shopify/Order/5550000000000000001";
const STATUS_URL = `/api/orders/${encodeURIComponent(ORDER_GID)}/transfer-status`;
const TRANSFER_URL = `/api/orders/${encodeURIComponent(ORDER_GID)}/transfer`;

const extension = getExtension("admin.order-details.block.render");

interface Call {
  method: string;
  url: string;
}

/**
 * A stand-in for the app backend: answers the status route from a queue of bodies (the last
 * one repeats) and the transfer route with a fixed answer, recording every call in order.
 */
function fakeBackend(options: {
  statuses: Array<TransferStatus | { httpStatus: number; body: unknown }>;
  transfer?: { httpStatus: number; body: unknown };
}) {
  const calls: Call[] = [];
  const queue = [...options.statuses];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    calls.push({ method, url });
    if (method === "GET" && url === STATUS_URL) {
      const next = queue.length > 1 ? queue.shift() : queue[0];
      if (!next) throw new Error("no status queued");
      if ("httpStatus" in next) return new Response(JSON.stringify(next.body), { status: next.httpStatus });
      return new Response(JSON.stringify(next), { status: 200 });
    }
    if (method === "POST" && url === TRANSFER_URL) {
      const answer = options.transfer ?? { httpStatus: 202, body: { accepted: true } };
      return new Response(JSON.stringify(answer.body), { status: answer.httpStatus });
    }
    return new Response(JSON.stringify({ message: "not found" }), { status: 404 });
  });
  extension.fetch = fetchMock as unknown as typeof fetch;
  return { calls };
}

function status(partial: Partial<TransferStatus> & Pick<TransferStatus, "status">): TransferStatus {
  return { canTransfer: false, canRetry: false, ...partial };
}

async function renderBlock(locale: LocaleName = "en.default") {
  extension.shopify.i18n.translate = localeTranslator(locale) as typeof extension.shopify.i18n.translate;
  await extension.render();
  await vi.waitFor(() => expect(document.body.querySelector("s-spinner")).toBeNull());
}

const badge = () => document.body.querySelector("s-badge");
const button = () => document.body.querySelector("s-button");
const texts = () => [...document.body.querySelectorAll("s-text")].map((el) => el.textContent);

function click(element: Element | null) {
  if (!element) throw new Error("nothing to click");
  element.dispatchEvent(new MouseEvent("click", { bubbles: true }));
}

beforeEach(() => {
  extension.setUp();
  extension.shopify.data.selected = [{ id: ORDER_GID }];
});

afterEach(() => {
  // Unmount through Preact so effects clean up (poll timers) before the tester clears the DOM.
  render(null, document.body);
  extension.tearDown();
});

describe("order transfer block", () => {
  test("not transferred: neutral badge and a Transfer button, status read from the order's route", async () => {
    const backend = fakeBackend({ statuses: [status({ status: "notTransferred", canTransfer: true })] });
    await renderBlock();
    expect(backend.calls[0]).toEqual({ method: "GET", url: STATUS_URL });
    expect(badge()?.getAttribute("tone")).toBe("neutral");
    expect(badge()?.textContent).toBe("Not transferred");
    expect(button()?.textContent).toBe("Transfer");
    expect(document.body.querySelector("s-admin-block")?.getAttribute("heading")).toBe("Accounting");
  });

  test("queued: info badge, waiting text, no button", async () => {
    fakeBackend({ statuses: [status({ status: "queued" })] });
    await renderBlock();
    expect(badge()?.getAttribute("tone")).toBe("info");
    expect(badge()?.textContent).toBe("Queued");
    expect(texts()).toContain("The transfer is queued and will start shortly.");
    expect(button()).toBeNull();
  });

  test("transferred: success badge and the ledger's document number", async () => {
    fakeBackend({ statuses: [status({ status: "transferred", documentNumber: "1042", ledger: "Dinero" })] });
    await renderBlock();
    expect(badge()?.getAttribute("tone")).toBe("success");
    expect(badge()?.textContent).toBe("Transferred");
    expect(texts()).toContain("Invoice 1042 in Dinero");
    expect(button()).toBeNull();
    expect(document.body.querySelector("s-banner")).toBeNull();
  });

  test("failed: critical banner with the merchant message and a Retry button", async () => {
    fakeBackend({
      statuses: [
        status({
          status: "failed",
          message: "Dinero rejected the invoice: account 1000 does not exist.",
          canRetry: true,
          canTransfer: true,
        }),
      ],
    });
    await renderBlock();
    const banner = document.body.querySelector("s-banner");
    expect(banner?.getAttribute("tone")).toBe("critical");
    expect(banner?.getAttribute("heading")).toBe("The transfer failed");
    expect(banner?.textContent).toBe("Dinero rejected the invoice: account 1000 does not exist.");
    expect(badge()?.getAttribute("tone")).toBe("critical");
    expect(button()?.textContent).toBe("Retry");
  });

  test("needs attention: warning banner with the order's reason and a Retry button", async () => {
    fakeBackend({
      statuses: [status({ status: "needsAttention", message: "Line 2: quantity -1", canRetry: true })],
    });
    await renderBlock();
    expect(badge()?.getAttribute("tone")).toBe("warning");
    expect(badge()?.textContent).toBe("Needs attention");
    const banner = document.body.querySelector("s-banner");
    expect(banner?.getAttribute("heading")).toBe("This order needs your attention");
    expect(banner?.textContent).toContain("Line 2: quantity -1");
    expect(button()?.textContent).toBe("Retry");
  });

  test("handled manually: final, in Danish too, with no button", async () => {
    fakeBackend({ statuses: [status({ status: "handled", message: "Line 2: quantity -1" })] });
    await renderBlock("da");
    expect(badge()?.textContent).toBe("Håndteret manuelt");
    expect(texts()).toContain(
      "Håndteret manuelt i dit regnskabsprogram; Ledger Bridge sender intet for den.",
    );
    expect(button()).toBeNull();
  });

  test("changed after transfer: warning badge and banner keep the document number visible", async () => {
    fakeBackend({
      statuses: [status({ status: "changedAfterTransfer", documentNumber: "1042", ledger: "Billy" })],
    });
    await renderBlock();
    expect(badge()?.getAttribute("tone")).toBe("warning");
    expect(badge()?.textContent).toBe("Changed after transfer");
    expect(texts()).toContain("Invoice 1042 in Billy");
    const banner = document.body.querySelector("s-banner");
    expect(banner?.getAttribute("tone")).toBe("warning");
    expect(banner?.getAttribute("heading")).toBe("The order changed after it was transferred");
  });

  test("skipped: shows the reason from the backend", async () => {
    fakeBackend({ statuses: [status({ status: "skipped", message: "Test order" })] });
    await renderBlock();
    expect(badge()?.textContent).toBe("Skipped");
    expect(texts()).toContain("Test order");
  });

  test("Transfer POSTs to the transfer route, then refreshes the status", async () => {
    const backend = fakeBackend({
      statuses: [
        status({ status: "notTransferred", canTransfer: true }),
        status({ status: "transferred", documentNumber: "2001", ledger: "e-conomic" }),
      ],
    });
    await renderBlock();
    click(button());
    await vi.waitFor(() => expect(badge()?.textContent).toBe("Transferred"));
    expect(backend.calls).toEqual([
      { method: "GET", url: STATUS_URL },
      { method: "POST", url: TRANSFER_URL },
      { method: "GET", url: STATUS_URL },
    ]);
    expect(texts()).toContain("Invoice 2001 in e-conomic");
    expect(button()).toBeNull();
  });

  test("Retry after a failure POSTs and shows the new state", async () => {
    const backend = fakeBackend({
      statuses: [
        status({ status: "failed", message: "Ledger unavailable", canRetry: true }),
        status({ status: "queued" }),
      ],
    });
    await renderBlock();
    click(button());
    await vi.waitFor(() => expect(badge()?.textContent).toBe("Queued"));
    expect(backend.calls.map((c) => c.method)).toEqual(["GET", "POST", "GET"]);
    expect(document.body.querySelector("s-banner")).toBeNull();
  });

  test("a refused transfer shows the backend's message", async () => {
    fakeBackend({
      statuses: [status({ status: "notTransferred", canTransfer: true })],
      transfer: { httpStatus: 409, body: { message: "No ledger is connected." } },
    });
    await renderBlock();
    click(button());
    await vi.waitFor(() =>
      expect(document.body.querySelector("s-banner")?.textContent).toBe("No ledger is connected."),
    );
    expect(button()?.textContent).toBe("Transfer");
  });

  test("an unreadable status shows an error and a Reload button that tries again", async () => {
    const backend = fakeBackend({
      statuses: [{ httpStatus: 500, body: {} }, status({ status: "transferred", documentNumber: "7" })],
    });
    await renderBlock();
    expect(document.body.querySelector("s-banner")?.textContent).toBe("Could not load the transfer status.");
    click(button());
    await vi.waitFor(() => expect(texts()).toContain("Invoice 7"));
    expect(backend.calls).toHaveLength(2);
  });

  test("a status body outside the contract is an error, not a guess", async () => {
    fakeBackend({
      statuses: [{ httpStatus: 200, body: { status: "done", canTransfer: true, canRetry: false } }],
    });
    await renderBlock();
    expect(badge()).toBeNull();
    expect(document.body.querySelector("s-banner")?.textContent).toBe("Could not load the transfer status.");
  });

  test("the invoice preview lists lines and totals in the order's currency", async () => {
    fakeBackend({
      statuses: [
        status({
          status: "notTransferred",
          canTransfer: true,
          preview: {
            currency: "DKK",
            lines: [
              { description: "Kaffekop", quantity: 2, gross: "250.00" },
              { description: "Fragt", quantity: "1", gross: "49.00" },
            ],
            totals: { net: "239.20", vat: "59.80", gross: "299.00" },
          },
        }),
      ],
    });
    extension.shopify.i18n.formatCurrency = (value, options) =>
      new Intl.NumberFormat("da-DK", { style: "currency", currency: options?.currency ?? "XXX" }).format(
        value,
      );
    await renderBlock("da");
    const all = texts().map((t) => t?.replace(/\s/g, " "));
    expect(all).toContain("Forhåndsvisning af faktura");
    expect(all).toContain("2 × Kaffekop");
    expect(all).toContain("1 × Fragt");
    expect(all).toContain("250,00 kr.");
    const total = (name: string) =>
      document.body.querySelector(`[data-total="${name}"]`)?.textContent?.replace(/\s/g, " ");
    expect(total("net")).toBe("239,20 kr.");
    expect(total("vat")).toBe("59,80 kr.");
    expect(total("gross")).toBe("299,00 kr.");
  });

  test("Danish strings when the admin runs in Danish", async () => {
    fakeBackend({ statuses: [status({ status: "transferred", documentNumber: "1042", ledger: "Dinero" })] });
    await renderBlock("da");
    expect(badge()?.textContent).toBe("Overført");
    expect(texts()).toContain("Faktura 1042 i Dinero");
    expect(document.body.querySelector("s-admin-block")?.getAttribute("heading")).toBe("Regnskab");
  });

  test("Danish failed state: Retry reads 'Prøv igen'", async () => {
    fakeBackend({ statuses: [status({ status: "failed", message: "Kontoen findes ikke", canRetry: true })] });
    await renderBlock("da");
    expect(badge()?.textContent).toBe("Fejlet");
    expect(button()?.textContent).toBe("Prøv igen");
    expect(document.body.querySelector("s-banner")?.getAttribute("heading")).toBe("Overførslen fejlede");
  });
});

describe("locales", () => {
  test("Danish translates every English key and nothing else", () => {
    const en = localeKeys(readLocale("en.default")).sort();
    const da = localeKeys(readLocale("da")).sort();
    expect(en.length).toBeGreaterThan(20);
    expect(da).toEqual(en);
  });
});
