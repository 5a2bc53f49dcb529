import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "../db/prisma.server";
import { secretBox } from "../lib/secrets.server";
import { handlePluginTransfer } from "../webhooks/woo-plugin-transfer.server";
import { MAX_SMALL_BODY_BYTES, readLimitedBody } from "../lib/read-limited-body.server";

/** The companion plugin's Transfer / Retry button and bulk action (signed with the store secret). */
export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await readLimitedBody(request, MAX_SMALL_BODY_BYTES);
  if (!rawBody)
    return Response.json({ message: "Payload too large" }, { status: 413, headers: { Connection: "close" } });
  const result = await handlePluginTransfer(
    { db: prisma(), box: secretBox() },
    {
      rawBody,
      shopHeader: request.headers.get("x-lb-shop"),
      signature: request.headers.get("x-lb-signature"),
    },
  );
  return Response.json(result.body, { status: result.status });
};

export const loader = () => new Response(null, { status: 405, headers: { Allow: "POST" } });
