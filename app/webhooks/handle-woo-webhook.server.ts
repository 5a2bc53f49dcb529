import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { createdWork, ingestEvents, type IngestOutcome } from "../engine/ingest/ingest-events.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { log } from "../lib/log.server";
import type { SecretBox } from "../lib/secret-box.server";
import { sourceFor } from "../sources/source-registry";
import { SourceError } from "../sources/source-error";
import { wooOrderReader } from "../sources/woocommerce/woocommerce-order-source";
import type { WooWebhookHeaders } from "../sources/woocommerce/woocommerce-webhook";
import {
  findWooStore,
  openWebhookSecret,
  recordStoreProblem,
  wooClientFor,
} from "../sources/woocommerce/woo-store-repo.server";

export interface WooWebhookDeps {
  db: PrismaClient;
  box: SecretBox;
  clientTimeoutMs?: number;
}

export interface WooWebhookResult {
  status: 200 | 400 | 401 | 404;
  message: string;
  outcome?: IngestOutcome;
}

/**
 * One delivery to a store's webhook endpoint: verify it with that store's secret (nothing is
 * stored for a forged or unsigned one), accept the creation ping, then let the WooCommerce source
 * turn it into events — it re-reads the order and its refunds, as deliveries are only signals —
 * and ingest them by the one ingest use case.
 */
export async function handleWooWebhook(
  deps: WooWebhookDeps,
  input: { storeId: string; rawBody: Buffer; headers: WooWebhookHeaders },
): Promise<WooWebhookResult> {
  const { db, box } = deps;
  const source = sourceFor("woocommerce");
  const store = await findWooStore(db, input.storeId);
  if (!store || store.shop.uninstalledAt) return { status: 404, message: "Unknown store" };
  const verdict = source.verify(
    { rawBody: input.rawBody, headers: asHeaders(input.headers) },
    await openWebhookSecret(db, box, store),
  );
  if (verdict.kind === "rejected") {
    log.warn("woocommerce webhook rejected", { shop: store.shop.domain, reason: verdict.reason });
    // Signed by the store (it names a webhook) but not with our secret: send ours again next poll.
    if (verdict.status === 401 && asHeaders(input.headers).has("x-wc-webhook-id")) {
      await db.wooStore.update({ where: { shopId: store.shopId }, data: { signatureFailedAt: new Date() } });
    }
    return { status: verdict.status, message: verdict.status === 401 ? "Unauthorized" : verdict.reason };
  }
  if (verdict.kind === "ping") return { status: 200, message: "pong" };
  const { delivery } = verdict;

  let outcome: IngestOutcome | undefined;
  try {
    const client = await wooClientFor(
      db,
      box,
      store,
      deps.clientTimeoutMs ? { timeoutMs: deps.clientTimeoutMs } : {},
    );
    const events = await source.events(delivery, wooOrderReader(client));
    if (events.every((event) => event.type === "ignored")) {
      return { status: 200, message: `nothing to do for ${delivery.topic}` };
    }
    [outcome] = await ingestEvents(db, store.shop, events, { via: "webhook" });
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
      order: delivery.resourceId,
      error: error.message,
    });
    return { status: 200, message: "received; the order is read again by the next poll" };
  }
  // WooCommerce's delivery id is a hash of webhook id + second, and `order.deleted` bodies are
  // just `{"id":N}`: two real events can look identical. So a repeat is not skipped — re-reading
  // the order is idempotent — and this id only keeps the record of deliveries free of doubles.
  const deliveryId = [
    store.shopId,
    delivery.deliveryId ?? "-:-",
    createHash("sha256").update(input.rawBody).digest("hex").slice(0, 32),
  ].join(":");
  await db.webhookEvent.createMany({
    data: [
      {
        platform: "woocommerce",
        shopDomain: store.shop.domain,
        topic: delivery.topic,
        deliveryId,
        body: delivery.rawBody,
      },
    ],
    skipDuplicates: true,
  });
  if (outcome && createdWork(outcome)) wakeWorkers();
  log.info("woocommerce webhook", {
    shop: store.shop.domain,
    topic: delivery.topic,
    order: delivery.resourceId,
    outcome: outcome?.action === "orderState" ? outcome.invoice : outcome?.action,
    ...(outcome?.action === "orderState" ? { creditNotes: outcome.creditNotesEnqueued } : {}),
  });
  return { status: 200, message: "ok", ...(outcome ? { outcome } : {}) };
}

function asHeaders(headers: WooWebhookHeaders): Headers {
  const result = new Headers();
  const copy = (name: string, value: string | readonly string[] | undefined) => {
    const first = typeof value === "string" ? value : value?.[0];
    try {
      if (first !== undefined) result.set(name, first);
    } catch {
      // A value no HTTP header can hold is treated as absent (the signature check then refuses).
    }
  };
  // Any Headers implementation (the runtime's or a polyfill's), or a plain record.
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    (headers as Headers).forEach((value, name) => copy(name, value));
  } else {
    for (const [name, value] of Object.entries(headers)) copy(name, value);
  }
  return result;
}
