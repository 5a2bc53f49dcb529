import type { ActionFunctionArgs } from "@remix-run/node";
import { acceptWcAuthCallback } from "../sources/woocommerce/connect-store.server";
import { MAX_SMALL_BODY_BYTES, readLimitedBody } from "../lib/read-limited-body.server";
import { connectContext } from "../sources/woocommerce/request-support.server";

/**
 * WooCommerce POSTs the new API keys here during `/wc-auth/v1/authorize`. It keeps the key only
 * when we answer 200 exactly, so success is a bare 200 and anything unexpected a 400.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const rawBody = await readLimitedBody(request, MAX_SMALL_BODY_BYTES);
  if (!rawBody) return new Response(null, { status: 413 });
  const result = await acceptWcAuthCallback(connectContext(request), rawBody);
  return new Response(null, { status: result.ok ? 200 : result.status });
};

export const loader = () => new Response(null, { status: 405, headers: { Allow: "POST" } });
