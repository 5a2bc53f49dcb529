import { createHmac, timingSafeEqual } from "node:crypto";

export type WooWebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type WooWebhookVerdict =
  | { kind: "ping"; webhookId: string }
  | {
      kind: "delivery";
      topic: string;
      resource: string;
      event: string;
      /** Order id for order topics (`id`), the hook's first argument for `action.*` topics. */
      resourceId: string;
      deliveryId: string | undefined;
      webhookId: string | undefined;
    }
  | { kind: "rejected"; status: 400 | 401; reason: string };

const PING = /^webhook_id=(\d+)$/;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Checks a WooCommerce webhook request. The signature is base64(HMAC-SHA256(raw body, secret)),
 * so it must be checked over the exact bytes received (WooCommerce escapes "/" and non-ASCII,
 * re-serialized JSON would not match). The one unsigned request WooCommerce sends is the ping
 * on creation, `webhook_id=N` with no X-WC-Webhook headers: it is accepted so the store records
 * the webhook as delivered, and carries no data.
 */
export function verifyWooWebhook(input: {
  rawBody: Buffer;
  headers: WooWebhookHeaders;
  secret: string;
}): WooWebhookVerdict {
  const header = (name: string) => readHeader(input.headers, name);
  const signature = header("x-wc-webhook-signature");
  const topic = header("x-wc-webhook-topic");

  if (signature === undefined) {
    const ping = topic === undefined ? PING.exec(input.rawBody.toString("utf8").trim()) : null;
    if (ping?.[1]) return { kind: "ping", webhookId: ping[1] };
    return { kind: "rejected", status: 401, reason: "missing X-WC-Webhook-Signature" };
  }
  if (!input.secret) return { kind: "rejected", status: 401, reason: "no webhook secret configured" };
  if (!BASE64_SHA256.test(signature.trim())) {
    return { kind: "rejected", status: 401, reason: "malformed signature" };
  }
  const expected = createHmac("sha256", input.secret).update(input.rawBody).digest();
  const given = Buffer.from(signature.trim(), "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: "rejected", status: 401, reason: "signature does not match" };
  }

  if (!topic) return { kind: "rejected", status: 400, reason: "missing X-WC-Webhook-Topic" };
  const dot = topic.indexOf(".");
  const resource = header("x-wc-webhook-resource") ?? (dot > 0 ? topic.slice(0, dot) : "");
  const event = header("x-wc-webhook-event") ?? (dot > 0 ? topic.slice(dot + 1) : "");
  let payload: unknown;
  try {
    // WooCommerce sends UTF-8 JSON; anything else is refused, not decoded into replacement characters.
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(input.rawBody));
  } catch {
    return { kind: "rejected", status: 400, reason: "body is not UTF-8 JSON" };
  }
  const resourceId = idOf(payload, topic.startsWith("action.") ? "arg" : "id");
  if (resourceId === undefined) {
    return { kind: "rejected", status: 400, reason: `no resource id in the ${topic} payload` };
  }
  return {
    kind: "delivery",
    topic,
    resource,
    event,
    resourceId,
    deliveryId: header("x-wc-webhook-delivery-id"),
    webhookId: header("x-wc-webhook-id"),
  };
}

function idOf(payload: unknown, field: "id" | "arg"): string | undefined {
  if (!payload || typeof payload !== "object") return undefined;
  const value = (payload as Record<string, unknown>)[field];
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return undefined;
}

function readHeader(headers: WooWebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === "string" ? value : value?.[0];
}
