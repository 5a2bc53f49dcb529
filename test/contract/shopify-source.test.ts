import { AdminGraphqlClient } from "../../app/sources/shopify/admin-graphql/admin-graphql-client";
import { parseJsonSafely } from "../../app/sources/shopify/parse-json-safely";
import { shopifySource } from "../../app/sources/shopify/shopify-source";
import { shopifyOrderSource } from "../../app/sources/shopify/shopify-order-source";
import type { Json } from "../../simulators/shopify/rest-to-graphql";
import { sendWebhook } from "../../simulators/shopify/send-webhook";
import { startShopifyAdminSimulator } from "../../simulators/shopify/shopify-admin-simulator";
import { DANISH_ORDER, DANISH_REFUND } from "../support/order-templates";
import { captureDeliveries, runSourceConformance, type SimulatedShop } from "./source-conformance";

const SECRET = "conformance-shopify-secret";
const DOMAIN = "conformance.myshopify.com";

runSourceConformance({
  name: "Shopify",
  source: shopifySource,
  expected: { paid: "paid", refund: "refund", edit: "updated", statusWriteBack: false },
  async start(): Promise<SimulatedShop> {
    const simulator = await startShopifyAdminSimulator({
      bucket: { maximumAvailable: 100_000, restoreRate: 100_000 },
    });
    const capture = await captureDeliveries();
    const { store } = simulator;
    const deliver = async (topic: string, body: Json) => {
      const sent = await sendWebhook({ topic, shop: DOMAIN, body, url: capture.url, secret: SECRET });
      if (sent.status !== 200) throw new Error(`capture answered ${sent.status}`);
      return capture.take();
    };
    const restOf = (orderId: string): Json => {
      const rest = store.find(orderId)?.rest;
      if (!rest) throw new Error(`no order ${orderId}`);
      return rest;
    };
    return {
      platform: "shopify",
      domain: DOMAIN,
      secret: SECRET,
      orders: shopifyOrderSource(
        new AdminGraphqlClient({ baseUrl: simulator.url, accessToken: "shpat_simulator" }),
      ),
      async placePaidOrder() {
        const order = store.createOrderFromTemplate(parseJsonSafely(DANISH_ORDER) as Json, {
          financialStatus: "paid",
        });
        const rest = order.rest ?? {};
        return {
          orderId: String(order.graphql.id),
          orderName: String(rest.name),
          deliveries: await deliver("orders/paid", rest),
        };
      },
      async refund(orderId) {
        const refund = store.createRefundFromTemplate(orderId, parseJsonSafely(DANISH_REFUND) as Json);
        return {
          refundId: String(refund.admin_graphql_api_id),
          deliveries: await deliver("refunds/create", refund),
        };
      },
      async changeCustomerEmail(orderId, email) {
        const rest = restOf(orderId);
        const edited = JSON.parse(
          JSON.stringify(rest).replaceAll("indkob@kaffebaren.example", email),
        ) as Json;
        Object.assign(rest, edited, { updated_at: new Date().toISOString() });
        return deliver("orders/updated", rest);
      },
      async cancel(orderId) {
        const rest = restOf(orderId);
        Object.assign(rest, { cancelled_at: new Date().toISOString(), cancel_reason: "customer" });
        return deliver("orders/cancelled", rest);
      },
      heldOrderIds: () => store.orders.map((order) => String(order.graphql.id)),
      async close() {
        await capture.close();
        await simulator.close();
      },
    };
  },
});
