import type { PrismaClient, WooStore } from "@prisma/client";
import type { SecretBox } from "../../lib/secret-box.server";
import type { WooCommerceClient } from "./woocommerce-client";
import type { RegisteredWebhook } from "./woo-store-repo.server";
import { openWebhookSecret } from "./woo-store-repo.server";

/**
 * The topics we subscribe to. Refunds arrive as `order.updated` (WooCommerce fires it from
 * `woocommerce_order_refunded`), deletion as `order.deleted` (trash), undo as `order.restored`.
 */
export const WOO_WEBHOOK_TOPICS = [
  "order.created",
  "order.updated",
  "order.deleted",
  "order.restored",
] as const;

export function webhookDeliveryUrl(store: Pick<WooStore, "appUrl" | "shopId">): string {
  return `${store.appUrl.replace(/\/+$/, "")}/webhooks/woocommerce/${store.shopId}`;
}

export interface WebhookCheck {
  webhooks: RegisteredWebhook[];
  created: number;
  reactivated: number;
}

/**
 * Makes sure every topic has an active webhook to this store's endpoint, creating missing ones
 * and re-enabling those WooCommerce disabled after failed deliveries (it never retries, so a
 * disabled webhook stays silent until someone turns it back on). Safe to run repeatedly.
 */
export async function ensureStoreWebhooks(
  db: PrismaClient,
  box: SecretBox,
  store: WooStore,
  client: WooCommerceClient,
): Promise<WebhookCheck> {
  const secret = await openWebhookSecret(db, box, store);
  const deliveryUrl = webhookDeliveryUrl(store);
  const webhooks: RegisteredWebhook[] = [];
  let created = 0;
  let reactivated = 0;
  for (const topic of WOO_WEBHOOK_TOPICS) {
    const result = await client.ensureWebhook({
      name: `Ledger Bridge ${topic}`,
      topic,
      deliveryUrl,
      secret,
    });
    if (result.action === "created") created++;
    if (result.action === "reactivated") reactivated++;
    // The secret cannot be read back: after a signature failure (someone edited it in the
    // store), an active webhook gets ours again.
    const webhook =
      result.action === "unchanged" && store.signatureFailedAt
        ? await client.updateWebhook(result.webhook.id, { secret })
        : result.webhook;
    webhooks.push({ topic, id: webhook.id, status: webhook.status });
  }
  await db.wooStore.update({
    where: { shopId: store.shopId },
    data: {
      webhooks: webhooks as unknown as object[],
      webhooksCheckedAt: new Date(),
      // Only failures seen before this check are resolved by it.
      ...(store.signatureFailedAt ? { signatureFailedAt: null } : {}),
    },
  });
  return { webhooks, created, reactivated };
}
