import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWooWebhook } from "./woocommerce-webhook";

const secret = "3f1c9a0b7e6d5c4b3a29180716f5e4d3";
// As WooCommerce sends it: "/" escaped and non-ASCII as \u escapes; the signature covers these bytes.
const rawBody = Buffer.from(
  '{"id":5001,"status":"completed","billing":{"company":"Eksempel ApS"},"payment_url":"https:\\/\\/shop.example\\/checkout","customer_note":"K\\u00f8benhavn"}',
);
const sign = (body: Buffer, key = secret) => createHmac("sha256", key).update(body).digest("base64");
const headers = (signature: string | undefined, topic = "order.updated") => ({
  "x-wc-webhook-source": "https://shop.example/",
  "x-wc-webhook-topic": topic,
  "x-wc-webhook-resource": topic.split(".")[0] ?? "",
  "x-wc-webhook-event": topic.split(".")[1] ?? "",
  "x-wc-webhook-id": "12",
  "x-wc-webhook-delivery-id": "d41d8cd98f00b204e9800998ecf8427e",
  ...(signature === undefined ? {} : { "x-wc-webhook-signature": signature }),
});

describe("verifyWooWebhook", () => {
  it("accepts a correctly signed delivery and names the order", () => {
    expect(verifyWooWebhook({ rawBody, headers: headers(sign(rawBody)), secret })).toEqual({
      kind: "delivery",
      topic: "order.updated",
      resource: "order",
      event: "updated",
      resourceId: "5001",
      deliveryId: "d41d8cd98f00b204e9800998ecf8427e",
      webhookId: "12",
    });
  });

  it("reads a Fetch Headers object too, and the hook argument of action topics", () => {
    const body = Buffer.from('{"action":"woocommerce_order_refunded","arg":727}');
    const verdict = verifyWooWebhook({
      rawBody: body,
      headers: new Headers(headers(sign(body), "action.woocommerce_order_refunded")),
      secret,
    });
    expect(verdict).toMatchObject({
      kind: "delivery",
      resource: "action",
      event: "woocommerce_order_refunded",
      resourceId: "727",
    });
  });

  it("rejects a forged signature, another secret, and a re-serialized body", () => {
    const forged = Buffer.from(rawBody.toString().replace("5001", "5002"));
    expect(verifyWooWebhook({ rawBody: forged, headers: headers(sign(rawBody)), secret })).toMatchObject({
      kind: "rejected",
      status: 401,
      reason: "signature does not match",
    });
    expect(verifyWooWebhook({ rawBody, headers: headers(sign(rawBody, "other-secret")), secret }).kind).toBe(
      "rejected",
    );
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(rawBody.toString())));
    expect(verifyWooWebhook({ rawBody: reserialized, headers: headers(sign(rawBody)), secret }).kind).toBe(
      "rejected",
    );
  });

  it("rejects truncated, empty and non-base64 signatures", () => {
    const good = sign(rawBody);
    for (const bad of [good.slice(0, 20), good.slice(0, -2), "", "!!!!", `${good}AA`]) {
      expect(verifyWooWebhook({ rawBody, headers: headers(bad), secret })).toMatchObject({
        kind: "rejected",
        status: 401,
      });
    }
  });

  it("accepts only the unsigned creation ping", () => {
    const ping = Buffer.from("webhook_id=12");
    expect(
      verifyWooWebhook({
        rawBody: ping,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        secret,
      }),
    ).toEqual({
      kind: "ping",
      webhookId: "12",
    });
    expect(verifyWooWebhook({ rawBody, headers: headers(undefined), secret })).toMatchObject({
      kind: "rejected",
      status: 401,
    });
    // A ping-looking body with delivery headers is not a ping.
    expect(verifyWooWebhook({ rawBody: ping, headers: headers(undefined), secret }).kind).toBe("rejected");
    expect(verifyWooWebhook({ rawBody: Buffer.from("webhook_id=12&x=1"), headers: {}, secret }).kind).toBe(
      "rejected",
    );
  });

  it("a signed body that is not JSON or has no id is a 400", () => {
    const text = Buffer.from("not json");
    expect(verifyWooWebhook({ rawBody: text, headers: headers(sign(text)), secret })).toMatchObject({
      kind: "rejected",
      status: 400,
    });
    const noId = Buffer.from('{"status":"completed"}');
    expect(verifyWooWebhook({ rawBody: noId, headers: headers(sign(noId)), secret })).toMatchObject({
      kind: "rejected",
      status: 400,
    });
  });
});
