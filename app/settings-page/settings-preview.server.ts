import type { PrismaClient, Shop } from "@prisma/client";
import { SAMPLE_ORDER_NAME, SAMPLE_SHOPIFY_ORDER } from "./sample-order";
import type { PreviewOrder } from "./settings-preview";

/**
 * The order the settings preview shows: the shop's most recent one (newest transfer job or order
 * webhook), or a bundled sample while the shop has received none.
 */
export async function previewOrderFor(db: PrismaClient, shop: Shop): Promise<PreviewOrder> {
  const [job, webhook] = await Promise.all([
    db.job.findFirst({
      where: { shopId: shop.id, kind: "invoice" },
      orderBy: { createdAt: "desc" },
      select: { sourceOrder: true, orderName: true, orderId: true, createdAt: true },
    }),
    db.webhookEvent.findFirst({
      where: {
        platform: shop.platform,
        shopDomain: shop.domain,
        OR: [{ topic: { startsWith: "orders/" } }, { topic: { startsWith: "order." } }],
      },
      orderBy: { receivedAt: "desc" },
      select: { body: true, receivedAt: true },
    }),
  ]);
  const useWebhook = webhook && (!job || webhook.receivedAt > job.createdAt);
  if (useWebhook)
    return { source: shop.platform, body: webhook.body, name: orderName(webhook.body), sample: false };
  if (job) {
    return {
      source: shop.platform,
      body: job.sourceOrder,
      name: job.orderName ?? orderName(job.sourceOrder),
      sample: false,
    };
  }
  return { source: "shopify", body: SAMPLE_SHOPIFY_ORDER, name: SAMPLE_ORDER_NAME, sample: true };
}

function orderName(body: string): string {
  try {
    // Only the top-level name (Shopify "#1042") or number (WooCommerce "1042") is read.
    const parsed = JSON.parse(body) as { name?: unknown; number?: unknown };
    if (typeof parsed.name === "string") return parsed.name;
    if (typeof parsed.number === "string" || typeof parsed.number === "number") return `#${parsed.number}`;
  } catch {
    // An unreadable body still gets previewed; the preview reports the problem.
  }
  return "?";
}
