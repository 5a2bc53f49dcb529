import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "../db/prisma.server";
import { secretBox } from "../lib/secrets.server";
import { handleWooWebhook } from "../webhooks/handle-woo-webhook.server";
import { MAX_WEBHOOK_BYTES, readLimitedBody } from "../lib/read-limited-body.server";

/** One endpoint per WooCommerce store (its webhooks are signed with that store's secret). */
export const action = async ({ request, params }: ActionFunctionArgs) => {
  const rawBody = await readLimitedBody(request, MAX_WEBHOOK_BYTES);
  if (!rawBody) return new Response("Payload too large", { status: 413, headers: { Connection: "close" } });
  const result = await handleWooWebhook(
    { db: prisma(), box: secretBox() },
    { storeId: params.storeId ?? "", rawBody, headers: request.headers },
  );
  return new Response(result.message, { status: result.status, headers: { "content-type": "text/plain" } });
};

export const loader = () => new Response(null, { status: 405, headers: { Allow: "POST" } });
