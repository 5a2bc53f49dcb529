import { createHash, createHmac } from "node:crypto";
import { phpJsonEncode, wooDate } from "./woo-sim-json";

export type WooWebhookStatus = "active" | "paused" | "disabled";

export interface WooSimWebhook {
  id: number;
  name: string;
  status: WooWebhookStatus;
  topic: string;
  deliveryUrl: string;
  secret: string;
  userId: number;
  failureCount: number;
  /** Set until a ping got its 200; WooCommerce pings again on the next save while active. */
  pendingDelivery: boolean;
  dateCreatedGmt: string;
  dateModifiedGmt: string;
}

export interface WooDeliveryRecord {
  webhookId: number;
  kind: "ping" | "delivery";
  topic?: string;
  url: string;
  /** 0 for a transport error (refused, timeout). */
  responseCode: number;
  body: string;
  at: string;
}

const ORDER_HOOKS: Readonly<Record<string, readonly string[]>> = {
  "order.created": ["woocommerce_new_order"],
  "order.updated": [
    "woocommerce_update_order",
    "woocommerce_order_refunded",
    "woocommerce_delete_order_refund",
  ],
  "order.deleted": ["wp_trash_post", "woocommerce_trash_order"],
  "order.restored": ["untrashed_post", "woocommerce_untrash_order"],
};

const RESOURCES = ["coupon", "customer", "order", "product"];
const EVENTS = ["created", "updated", "deleted", "restored"];
const FORBIDDEN_ACTIONS = new Set([
  "action.woocommerce_login_credentials",
  "action.woocommerce_product_csv_importer_check_import_file_path",
  "action.woocommerce_webhook_should_deliver",
]);

/** `wc_is_webhook_valid_topic`: resource.event, or a custom `action.woocommerce_*` / `action.wc_*`. */
export function isValidTopic(topic: string): boolean {
  if (topic.startsWith("action.")) {
    return /^action\.(woocommerce_|wc_)\w+$/.test(topic) && !FORBIDDEN_ACTIONS.has(topic);
  }
  const [resource, event, extra] = topic.split(".");
  return extra === undefined && RESOURCES.includes(resource ?? "") && EVENTS.includes(event ?? "");
}

export function topicHooks(topic: string): string[] {
  if (topic.startsWith("action.")) return [topic.slice("action.".length)];
  return [...(ORDER_HOOKS[topic] ?? [])];
}

export function topicParts(topic: string): { resource: string; event: string } {
  const dot = topic.indexOf(".");
  return { resource: topic.slice(0, dot), event: topic.slice(dot + 1) };
}

/** WooCommerce passes the stored secret through `wp_specialchars_decode(…, ENT_QUOTES)` before signing. */
function specialcharsDecode(secret: string): string {
  return secret
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, "&");
}

export function wooSignature(body: string, secret: string): string {
  return createHmac("sha256", specialcharsDecode(secret)).update(body, "utf8").digest("base64");
}

export interface DispatcherOptions {
  sourceUrl: () => string;
  wooVersion: string;
  wpVersion: string;
  /** Payload for `resource`+`id` built at delivery time, as WooCommerce does; `undefined` = skip. */
  buildPayload: (webhook: WooSimWebhook, arg: number) => unknown;
  now: () => Date;
  timeoutMs: number;
  /** `woocommerce_max_webhook_delivery_failures` (default 5). */
  maxFailures: number;
}

/**
 * Delivers webhooks the way `WC_Webhook::deliver()` does, through a queue drained asynchronously
 * (WooCommerce uses Action Scheduler: the event is queued, the payload is built when the queue
 * runs, and a second event for the same webhook+resource while one is pending coalesces).
 */
export class WooWebhookDispatcher {
  readonly log: WooDeliveryRecord[] = [];
  private readonly pending = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: DispatcherOptions) {}

  fire(webhooks: readonly WooSimWebhook[], hook: string, arg: number): void {
    for (const webhook of webhooks) {
      if (webhook.status !== "active" || !topicHooks(webhook.topic).includes(hook)) continue;
      const key = `${webhook.id}:${arg}`;
      if (this.pending.has(key)) continue;
      const job = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => {
          this.pending.delete(key);
          return this.deliver(webhook, arg);
        })
        .catch((error: unknown) => console.error("[woocommerce simulator] delivery failed", error));
      this.pending.set(key, job);
      this.track(job);
    }
  }

  /** `WC_Webhook::deliver_ping()`: body `webhook_id=N`, no X-WC-Webhook headers, success only on 200. */
  async ping(webhook: WooSimWebhook): Promise<boolean> {
    const body = `webhook_id=${webhook.id}`;
    // The body is a plain string posted through cURL, which labels it form-encoded by default.
    const job = this.post(webhook.deliveryUrl, body, {
      "user-agent": this.userAgent(),
      "content-type": "application/x-www-form-urlencoded",
    });
    this.track(job);
    const code = await job;
    this.log.push({
      webhookId: webhook.id,
      kind: "ping",
      url: webhook.deliveryUrl,
      responseCode: code,
      body,
      at: wooDate(this.options.now()),
    });
    const ok = code === 200;
    if (ok) webhook.pendingDelivery = false;
    return ok;
  }

  /** Resolves when every queued delivery and ping has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(webhook: WooSimWebhook, arg: number): Promise<void> {
    if (webhook.status !== "active") return;
    const payload = this.options.buildPayload(webhook, arg);
    if (payload === undefined) return;
    const body = phpJsonEncode(payload).trim();
    const { resource, event } = topicParts(webhook.topic);
    const deliveryId = createHash("sha256")
      .update(`${webhook.id}${Math.floor(this.options.now().getTime() / 1000)}`)
      .digest("hex")
      .slice(0, 32);
    const code = await this.post(webhook.deliveryUrl, body, {
      "user-agent": this.userAgent(),
      "content-type": "application/json",
      "x-wc-webhook-source": this.options.sourceUrl(),
      "x-wc-webhook-topic": webhook.topic,
      "x-wc-webhook-resource": resource,
      "x-wc-webhook-event": event,
      "x-wc-webhook-signature": wooSignature(body, webhook.secret),
      "x-wc-webhook-id": String(webhook.id),
      "x-wc-webhook-delivery-id": deliveryId,
    });
    this.log.push({
      webhookId: webhook.id,
      kind: "delivery",
      topic: webhook.topic,
      url: webhook.deliveryUrl,
      responseCode: code,
      body,
      at: wooDate(this.options.now()),
    });
    // `WC_Webhook::log_delivery`: 200–302 is success and resets the counter; anything else
    // (transport errors too) counts, and the webhook is disabled once the counter exceeds the max.
    if (code >= 200 && code < 303) {
      webhook.failureCount = 0;
    } else if (webhook.failureCount > this.options.maxFailures) {
      webhook.status = "disabled";
    } else {
      webhook.failureCount += 1;
    }
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<number> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return 0;
    }
  }

  private userAgent(): string {
    return `WooCommerce/${this.options.wooVersion} Hookshot (WordPress/${this.options.wpVersion})`;
  }

  private track(job: Promise<unknown>): void {
    this.inFlight.add(job);
    void job.finally(() => this.inFlight.delete(job));
  }
}
