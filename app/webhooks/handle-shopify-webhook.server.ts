import type { Prisma } from "@prisma/client";
import { ZodError } from "zod";
import {
  customerDataReport,
  ForeignShopError,
  redactCustomer,
  redactShop,
} from "../compliance/shopify-compliance.server";
import { prisma } from "../db/prisma.server";
import { markShopUninstalled } from "../shops/shop-repo.server";
import { log } from "../lib/log.server";
import { createdWork } from "../engine/ingest/ingest-events.server";
import { ingestShopifyEvents } from "../engine/ingest/ingest-shopify-event.server";
import { wakeWorkers } from "../engine/worker-registry.server";
import { sourceFor } from "../sources/source-registry";
import type { SourceEvent } from "../sources/source-contract";
import { isRecorded, recordWebhook } from "./record-webhook.server";
import { verifyShopifyWebhook } from "./shopify-webhook.server";
import type { VerifiedShopifyWebhook } from "./shopify-webhook.server";

/**
 * The whole life of a Shopify webhook request: verify, record once, answer fast. The ledger
 * work happens later, in workers; a handler here must stay well inside Shopify's 5 s timeout.
 */
export async function handleShopifyWebhook(request: Request, expectedTopic: string): Promise<Response> {
  let webhook: VerifiedShopifyWebhook;
  try {
    webhook = await verifyShopifyWebhook(request);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  if (webhook.topic !== expectedTopic) {
    log.warn("webhook topic does not match its route", { expectedTopic, topic: webhook.topic });
    return new Response(`This endpoint handles ${expectedTopic}`, { status: 400 });
  }
  return processShopifyWebhook(webhook);
}

/**
 * A verified delivery of the route's topic: recorded once, its work queued. The order topics
 * whose rules need the order's job (orders/updated, orders/cancelled) come here from the fast
 * path too (app/webhooks/fast-path); the others take one statement there instead.
 */
export async function processShopifyWebhook(webhook: VerifiedShopifyWebhook): Promise<Response> {
  // Work first, then the delivery record: enqueuing is idempotent on the business key, so a
  // crash in between only means Shopify's retry repeats a no-op — never a lost order.
  if (await isRecorded("shopify", webhook.webhookId)) {
    log.info("webhook redelivered", { topic: webhook.topic, shop: webhook.shopDomain });
    return new Response(null, { status: 200 });
  }
  const events = await sourceFor("shopify").events(
    {
      topic: webhook.topic,
      rawBody: webhook.rawBody,
      deliveryId: webhook.webhookId,
      shopDomain: webhook.shopDomain,
      resourceId: undefined,
    },
    null,
  );
  try {
    for (const event of events) await applyImmediateEffects(webhook, event);
  } catch (error) {
    if (error instanceof ZodError)
      return new Response(`The ${webhook.topic} payload is not as expected`, { status: 400 });
    if (error instanceof ForeignShopError) return new Response(error.message, { status: 400 });
    throw error;
  }
  const outcome = await ingestShopifyEvents(prisma(), webhook.shopDomain, webhook.topic, events);
  await recordWebhook({
    platform: "shopify",
    shopDomain: webhook.shopDomain,
    topic: webhook.topic,
    deliveryId: webhook.webhookId,
    eventId: webhook.eventId,
    triggeredAt: webhook.triggeredAt,
    body: webhook.rawBody,
  });
  if (createdWork(outcome)) wakeWorkersSoon();
  log.info("webhook recorded", { topic: webhook.topic, shop: webhook.shopDomain, outcome: outcome.action });
  return new Response(null, { status: 200 });
}

/**
 * Each wake costs an idle worker a claim query (milliseconds on PGlite, in the web process), so
 * a burst of webhooks wakes it once per window instead of once per webhook; only new work wakes
 * it at all. A transfer starting up to this much later is invisible next to the ledger calls.
 */
const WAKE_COALESCE_MS = 50;
let wakePending = false;

export function wakeWorkersSoon(): void {
  if (wakePending) return;
  wakePending = true;
  setTimeout(() => {
    wakePending = false;
    wakeWorkers();
  }, WAKE_COALESCE_MS).unref();
}

/** The few topics whose effect cannot wait for a worker. */
async function applyImmediateEffects(webhook: VerifiedShopifyWebhook, event: SourceEvent): Promise<void> {
  switch (event.type) {
    case "uninstalled":
      // The access token is already revoked; keep business data until shop/redact (48 h).
      await prisma().session.deleteMany({ where: { shop: webhook.shopDomain } });
      await markShopUninstalled("shopify", webhook.shopDomain);
      return;
    case "scopesUpdated":
      await prisma().session.updateMany({
        where: { shop: webhook.shopDomain },
        data: { scope: event.scopes.join(",") },
      });
      return;
    case "customerDataRequest": {
      const report = await customerDataReport(prisma(), webhook.shopDomain, event.body);
      // For the store owner: logged and kept in the shop's audit trail.
      log.info("customer data request", {
        shop: webhook.shopDomain,
        orders: report.orders.length,
        deliveries: report.webhookDeliveries,
      });
      const shop = await prisma().shop.findFirst({
        where: { platform: "shopify", domain: webhook.shopDomain },
      });
      if (shop) {
        await prisma().auditEntry.create({
          data: {
            shopId: shop.id,
            orderId: "customers/data_request",
            step: "privacy",
            level: "info",
            message: "Customer data request answered",
            data: report as unknown as Prisma.InputJsonValue,
          },
        });
      }
      return;
    }
    case "customerRedact":
      await redactCustomer(prisma(), webhook.shopDomain, event.body);
      return;
    case "shopRedact":
      await redactShop(prisma(), webhook.shopDomain, event.body);
      return;
    default:
      return;
  }
}
