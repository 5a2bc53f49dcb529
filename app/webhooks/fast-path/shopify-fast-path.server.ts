import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../../config/env.server";
import type { RawRunner } from "../../db/raw-sql.server";
import { rawRunner } from "../../db/raw-sql.server";
import {
  recordShopifyDelivery,
  recordsInOneStatement,
} from "../../engine/ingest/record-shopify-delivery.server";
import { MAX_WEBHOOK_BYTES } from "../../lib/read-limited-body.server";
import { log } from "../../lib/log.server";
import { checkShopifyBody, normaliseTopic } from "../../sources/shopify/shopify-delivery";
import { parseJsonSafely } from "../../sources/shopify/parse-json-safely";
import { shopifyEventsOfParsed } from "../../sources/shopify/shopify-source";
import { processShopifyWebhook, wakeWorkersSoon } from "../handle-shopify-webhook.server";
import type { VerifiedShopifyWebhook } from "../shopify-webhook.server";
import { readNodeBody } from "./read-node-body.server";

/**
 * Shopify's order webhooks answered on the bare node request, before the page framework (mounted
 * in server/main.ts): the body read once with the same 5 MB bound, the HMAC checked with
 * node:crypto on the raw bytes, the same checks and answers as the framework's route
 * (shopify-webhook.server.ts; test/reliability/hostile-webhooks pins them in both modes), then
 * one statement. Everything else — other topics, other methods, Shopify's newer "events"
 * signature headers, a WooCommerce-only deployment — goes on to the framework unchanged.
 */

export const FAST_PATH_TOPICS: ReadonlySet<string> = new Set([
  "orders/paid",
  "orders/fulfilled",
  "refunds/create",
  "orders/updated",
  "orders/cancelled",
]);

export type NodeHandler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export interface FastPathOptions {
  /** The database statement runner (tests pass one to count or fail round trips). */
  run?: RawRunner;
}

export function shopifyWebhookFastPath(options: FastPathOptions = {}): NodeHandler {
  let run = options.run;
  return (request, response, next) => {
    const topic = fastPathTopic(request);
    if (topic === undefined || env().mode === "woocommerce") return next();
    run ??= rawRunner();
    handle(run, request, response, topic).catch((error: unknown) => {
      // Shopify retries a 5xx: nothing is lost when the database was briefly unreachable.
      log.error("webhook failed", { topic, error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) answer(response, 500, "Internal Server Error");
      else response.destroy();
    });
  };
}

/** The topic when this request is the fast path's, else undefined. */
function fastPathTopic(request: IncomingMessage): string | undefined {
  if (request.method !== "POST") return undefined;
  const url = request.url ?? "";
  const end = url.indexOf("?");
  const path = end < 0 ? url : url.slice(0, end);
  if (!path.startsWith("/webhooks/")) return undefined;
  const topic = path.slice("/webhooks/".length);
  if (!FAST_PATH_TOPICS.has(topic)) return undefined;
  // The newer events-style signature (and an unsigned request) stays with the framework's route.
  if (request.headers["shopify-hmac-sha256"] !== undefined) return undefined;
  return typeof request.headers["x-shopify-hmac-sha256"] === "string" ? topic : undefined;
}

async function handle(
  run: RawRunner,
  request: IncomingMessage,
  response: ServerResponse,
  routeTopic: string,
): Promise<void> {
  const raw = await readNodeBody(request, MAX_WEBHOOK_BYTES);
  if (!raw) return answer(response, 413, "Payload too large", true);
  const config = env();
  const secret = config.localMode ? config.LOCAL_WEBHOOK_SECRET : (config.SHOPIFY_API_SECRET ?? "");
  const headers = { get: (name: string) => header(request, name) };
  // One exact parse serves the checks and the ids (Shopify's ids may exceed 2^53).
  const checked = checkShopifyBody(raw, headers, secret, parseJsonSafely);
  if (!checked.ok) return answer(response, checked.status, checked.reason);
  const topicHeader = header(request, "x-shopify-topic");
  const webhookId = header(request, "x-shopify-webhook-id");
  // As authenticate.webhook in Shopify mode: the API version is one of Shopify's required headers.
  const versionMissing = !config.localMode && !header(request, "x-shopify-api-version");
  if (!topicHeader || !checked.shopDomain || !webhookId || versionMissing) {
    return answer(response, 400, "Missing Shopify webhook headers");
  }
  const topic = normaliseTopic(topicHeader);
  if (topic !== routeTopic) {
    log.warn("webhook topic does not match its route", { expectedTopic: routeTopic, topic });
    return answer(response, 400, `This endpoint handles ${routeTopic}`);
  }
  const webhook: VerifiedShopifyWebhook = {
    shopDomain: checked.shopDomain,
    topic,
    webhookId,
    eventId: header(request, "x-shopify-event-id") ?? undefined,
    triggeredAt: parseDate(header(request, "x-shopify-triggered-at")),
    payload: checked.payload,
    rawBody: checked.rawBody,
  };
  const [event] = shopifyEventsOfParsed(topic, checked.payload, checked.rawBody);
  if (!event || !recordsInOneStatement(event)) {
    const answered = await processShopifyWebhook(webhook);
    return answer(response, answered.status, await answered.text());
  }
  const result = await recordShopifyDelivery(
    run,
    { ...webhook, deliveryId: webhookId, rawBody: checked.rawBody },
    event,
  );
  if (result.jobId) wakeWorkersSoon();
  log.info(result.recorded ? "webhook recorded" : "webhook redelivered", {
    topic,
    shop: webhook.shopDomain,
    ...(result.jobId ? { jobId: result.jobId } : {}),
  });
  answer(response, 200, "");
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

function answer(response: ServerResponse, status: number, text: string, close = false): void {
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...(close ? { connection: "close" } : {}),
  });
  response.end(text);
}

function parseDate(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
