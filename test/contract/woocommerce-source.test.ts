import { randomBytes } from "node:crypto";
import { loadShopSettings } from "../../app/settings/settings-store";
import { WooCommerceClient } from "../../app/sources/woocommerce/woocommerce-client";
import { wooOrderSource } from "../../app/sources/woocommerce/woocommerce-order-source";
import { wooCommerceSource } from "../../app/sources/woocommerce/woocommerce-source";
import { startWooSimulator } from "../../simulators/woocommerce/woocommerce-simulator";
import { danishRefundLines, newDanishOrder, PAID } from "../woocommerce/woo-harness";
import { captureDeliveries, runSourceConformance, type SimulatedShop } from "./source-conformance";

runSourceConformance({
  name: "WooCommerce",
  source: wooCommerceSource,
  expected: { paid: "orderState", refund: "orderState", edit: "orderState", statusWriteBack: true },
  async start(): Promise<SimulatedShop> {
    const woo = await startWooSimulator({ orders: [], refunds: [] });
    const capture = await captureDeliveries();
    const secret = randomBytes(16).toString("hex");
    const at = new Date().toISOString().slice(0, 19);
    ["order.created", "order.updated", "order.deleted"].forEach((topic, index) => {
      woo.webhooks.push({
        id: index + 1,
        name: `Ledger Bridge ${topic}`,
        status: "active",
        topic,
        deliveryUrl: capture.url,
        secret,
        userId: 1,
        failureCount: 0,
        pendingDelivery: false,
        dateCreatedGmt: at,
        dateModifiedGmt: at,
      });
    });
    const delivered = async () => {
      await woo.drainWebhooks();
      return capture.take();
    };
    const client = new WooCommerceClient({ storeUrl: woo.url, ...woo.credentials, timeoutMs: 5_000 });
    // The trigger settings only decide a summary's `paid`; the shop's defaults transfer on payment.
    const settings = await loadShopSettings({ read: async () => undefined, write: async () => {} }, "woo");
    return {
      platform: "woocommerce",
      domain: woo.url,
      secret,
      orders: wooOrderSource(client, { settings, perPage: 2 }),
      async placePaidOrder() {
        const order = woo.store.createOrder(newDanishOrder(PAID));
        return {
          orderId: String(order.id),
          orderName: `#${String(order.number)}`,
          deliveries: await delivered(),
        };
      },
      async refund(orderId) {
        const refund = woo.store.createRefund(Number(orderId), {
          amount: "112.50",
          lineItems: danishRefundLines(),
        });
        return { refundId: String(refund.id), deliveries: await delivered() };
      },
      async changeCustomerEmail(orderId, email) {
        const order = woo.store.requireOrder(Number(orderId));
        const billing = { ...(order.billing as Record<string, unknown>), email };
        woo.store.updateOrder(Number(orderId), { billing });
        return delivered();
      },
      async cancel(orderId) {
        woo.store.updateOrder(Number(orderId), { status: "cancelled" });
        return delivered();
      },
      heldOrderIds: () => [...woo.store.orders.keys()].map(String),
      async close() {
        await capture.close();
        await woo.close();
      },
    };
  },
});
