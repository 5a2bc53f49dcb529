import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { ingestWooOrder, type WooIngestOutcome } from "../../engine/ingest/ingest-woocommerce-event.server";
import { wakeWorkers } from "../../engine/worker-registry.server";
import { log } from "../../lib/log.server";
import type { SecretBox } from "../../lib/secret-box.server";
import { SourceError } from "../source-error";
import { verifyWooWebhook, type WooWebhookHeaders } from "./woocommerce-webhook";
import { fetchWooSnapshot } from "./woo-order-snapshot";
import { findWooStore, openWebhookSecret, recordStoreProblem, wooClientFor } from "./woo-store-repo.server";

export interface WooWebhookDeps {
  db: PrismaClient;
  box: SecretBox;
  clientTimeoutMs?: number;
}

export interface WooWebhookResult {
  status: 200 | 400 | 401 | 404;
  message: string;
  outcome?: WooIngestOutcome;
}

/**
 * One delivery to a store's webhook endpoint: verify it with that store's secret (nothing is
 * stored for a forged or unsigned one), accept the creation ping, then treat the delivery as a
 * signal — re-read the order and its refunds through the REST API and ingest that state. The
 * body's own order data is never used: deliveries can arrive late, twice or out of order.
 */
export async function handleWooWebhook(
  deps: WooWebhookDeps,
  input: { storeId: string; rawBody: Buffer; headers: WooWebhookHeaders },
): Promise<WooWebhookResult> {
  const { db, box } = deps;
  const store = await findWooStore(db, input.storeId);
  if (!store || store.shop.uninstalledAt) return { status: 404, message: "Unknown store" };
  const verdict = verifyWooWebhook({
    rawBody: input.rawBody,
    headers: input.headers,
    secret: await openWebhookSecret(db, box, store),
  });
  if (verdict.kind === "rejected") {
    log.warn("woocommerce webhook rejected", { shop: store.shop.domain, reason: verdict.reason });
    // Signed by the store (it names a webhook) but not with our secret: send ours again next poll.
    if (verdict.status === 401 && hasHeader(input.headers, "x-wc-webhook-id")) {
      await db.wooStore.update({ where: { shopId: store.shopId }, data: { signatureFailedAt: new Date() } });
    }
    return { status: verdict.status, message: verdict.status === 401 ? "Unauthorized" : verdict.reason };
  }
  if (verdict.kind === "ping") return { status: 200, message: "pong" };
  if (verdict.resource !== "order" && verdict.resource !== "action") {
    return { status: 200, message: `nothing to do for ${verdict.topic}` };
  }

  // WooCommerce's delivery id is a hash of webhook id + second, and `order.deleted` bodies are
  // just `{"id":N}`: two real events can look identical. So a repeat is not skipped — re-reading
  // the order is idempotent — and this id only keeps the record of deliveries free of doubles.
  const deliveryId = [
    store.shopId,
    verdict.webhookId ?? "-",
    verdict.deliveryId ?? "-",
    createHash("sha256").update(input.rawBody).digest("hex").slice(0, 32),
  ].join(":");

  let outcome: WooIngestOutcome;
  try {
    const client = await wooClientFor(
      db,
      box,
      store,
      deps.clientTimeoutMs ? { timeoutMs: deps.clientTimeoutMs } : {},
    );
    const snapshot = await fetchWooSnapshot(client, verdict.resourceId);
    outcome = await ingestWooOrder(db, store.shop, snapshot, "status");
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // Answered 200 all the same: WooCommerce never retries, and a failing endpoint gets its
    // webhook disabled. The reconciliation poll reads this order again.
    await recordStoreProblem(db, store.shopId, {
      message: error.merchantMessage,
      needsReconnect: error.kind === "authentication",
    });
    log.warn("woocommerce order could not be read", {
      shop: store.shop.domain,
      order: verdict.resourceId,
      error: error.message,
    });
    return { status: 200, message: "received; the order is read again by the next poll" };
  }
  await db.webhookEvent.createMany({
    data: [
      {
        platform: "woocommerce",
        shopDomain: store.shop.domain,
        topic: verdict.topic,
        deliveryId,
        body: input.rawBody.toString("utf8"),
      },
    ],
    skipDuplicates: true,
  });
  if (outcome.invoice === "enqueued" || outcome.invoice === "requeued" || outcome.creditNotesEnqueued > 0) {
    wakeWorkers();
  }
  log.info("woocommerce webhook", {
    shop: store.shop.domain,
    topic: verdict.topic,
    order: verdict.resourceId,
    invoice: outcome.invoice,
    creditNotes: outcome.creditNotesEnqueued,
  });
  return { status: 200, message: "ok", outcome };
}

function hasHeader(headers: WooWebhookHeaders, name: string): boolean {
  if (typeof (headers as Headers).has === "function") return (headers as Headers).has(name);
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
