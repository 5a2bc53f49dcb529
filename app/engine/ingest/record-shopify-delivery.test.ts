import { describe, expect, it } from "vitest";
import { defaultSettings, SETTINGS_VERSION } from "../../settings/settings-schema";
import { transferDue } from "../../sources/source-contract";
import { recordsInOneStatement } from "./record-shopify-delivery.server";

/**
 * The fast path's statement (job-queue.server.ts, recordDeliveryWithJob) reads the trigger from
 * the stored settings JSON itself: `COALESCE(settings->'transfer'->>'trigger', 'paid')`, and
 * queues an invoice when it equals the webhook's milestone. These pin the assumptions behind it,
 * so a new settings version or default, or a changed trigger rule, fails here first.
 */
describe("the fast path's trigger rule", () => {
  it("reads settings version 1, whose default trigger is 'paid'", () => {
    expect(SETTINGS_VERSION).toBe(1);
    expect(defaultSettings().transfer.trigger).toBe("paid");
  });

  it("queues a webhook's milestone exactly when the trigger names it, as transferDue does", () => {
    for (const trigger of ["paid", "fulfilled", "statuses", "manual"] as const) {
      const settings = { ...defaultSettings(), transfer: { ...defaultSettings().transfer, trigger } };
      expect(transferDue({ paid: true, fulfilled: false }, settings)).toBe(trigger === "paid");
      expect(transferDue({ paid: false, fulfilled: true }, settings)).toBe(trigger === "fulfilled");
    }
  });

  it("takes paid, fulfilled, refund and ignored events, and leaves the rest to the general ingest", () => {
    const order = { orderId: "gid://shopify/Order/1", orderName: "#1", body: "{}" };
    expect(recordsInOneStatement({ type: "paid", order })).toBe(true);
    expect(recordsInOneStatement({ type: "fulfilled", order })).toBe(true);
    expect(recordsInOneStatement({ type: "ignored", reason: "x" })).toBe(true);
    expect(recordsInOneStatement({ type: "updated", order })).toBe(false);
    expect(recordsInOneStatement({ type: "cancelled", orderId: order.orderId, because: "cancelled" })).toBe(
      false,
    );
  });
});
