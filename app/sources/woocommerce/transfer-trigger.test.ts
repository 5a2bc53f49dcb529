import { describe, expect, it } from "vitest";
import { ShopSettingsSchema } from "../../settings/settings-schema";
import { normalizeStoreUrl } from "./store-url";
import { shouldTransferWooOrder } from "./transfer-trigger";

const settings = (transfer: Record<string, unknown>) => ShopSettingsSchema.parse({ version: 1, transfer });

describe("which WooCommerce orders are due", () => {
  const paid = "2026-11-20T10:00:00";
  it("follows the merchant's statuses, payment or completion", () => {
    const statuses = settings({ trigger: "statuses", statuses: ["processing", "wc-completed"] });
    expect(shouldTransferWooOrder({ status: "processing", datePaid: paid }, statuses)).toBe(true);
    expect(shouldTransferWooOrder({ status: "completed", datePaid: null }, statuses)).toBe(true);
    expect(shouldTransferWooOrder({ status: "on-hold", datePaid: null }, statuses)).toBe(false);
    expect(shouldTransferWooOrder({ status: "pending", datePaid: null }, statuses)).toBe(false);
    expect(shouldTransferWooOrder({ status: "checkout-draft", datePaid: null }, statuses)).toBe(false);

    const onPayment = settings({ trigger: "paid" });
    expect(shouldTransferWooOrder({ status: "processing", datePaid: paid }, onPayment)).toBe(true);
    expect(shouldTransferWooOrder({ status: "processing", datePaid: null }, onPayment)).toBe(false);
    expect(shouldTransferWooOrder({ status: "cancelled", datePaid: paid }, onPayment)).toBe(false);

    const onCompletion = settings({ trigger: "fulfilled" });
    expect(shouldTransferWooOrder({ status: "processing", datePaid: paid }, onCompletion)).toBe(false);
    expect(shouldTransferWooOrder({ status: "completed", datePaid: paid }, onCompletion)).toBe(true);
    expect(
      shouldTransferWooOrder({ status: "completed", datePaid: paid }, settings({ trigger: "manual" })),
    ).toBe(false);
  });

  it("transfers a paid order that was refunded before its trigger status, so the credit note has an invoice", () => {
    const onCompletion = settings({ trigger: "fulfilled" });
    expect(shouldTransferWooOrder({ status: "refunded", datePaid: paid }, onCompletion)).toBe(true);
    expect(shouldTransferWooOrder({ status: "refunded", datePaid: null }, onCompletion)).toBe(false);
  });
});

describe("store addresses", () => {
  it("normalizes to one key per store and keeps servers off private networks outside local mode", () => {
    const strict = { allowPrivate: false };
    expect(normalizeStoreUrl("https://Shop.Example/", strict)).toEqual({
      ok: true,
      url: "https://shop.example",
    });
    expect(normalizeStoreUrl("shop.example/butik/", strict)).toEqual({
      ok: true,
      url: "https://shop.example/butik",
    });
    for (const bad of [
      "http://shop.example",
      "https://localhost",
      "https://127.0.0.1:8080",
      "https://10.1.2.3",
      "https://192.168.0.5",
      "https://[::1]",
      "https://user:pw@shop.example",
      "ftp://shop.example",
      "https://intranet",
    ]) {
      expect(normalizeStoreUrl(bad, strict).ok, bad).toBe(false);
    }
    expect(normalizeStoreUrl("http://127.0.0.1:8080/", { allowPrivate: true })).toEqual({
      ok: true,
      url: "http://127.0.0.1:8080",
    });
  });
});
