import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../auth/admin-context.server";

/** Shopify's OAuth / token-exchange callbacks land here; authenticate.admin handles them. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireAdmin(request);
  return null;
};
