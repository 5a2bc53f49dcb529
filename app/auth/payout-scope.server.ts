import type { PrismaClient, Shop } from "@prisma/client";
import { AuthScopes } from "@shopify/shopify-api";

/** Shopify Payments payouts need this optional scope (shopify.app.toml `optional_scopes`). */
export const PAYOUT_SCOPE = "read_shopify_payments_payouts";

export const grantsPayoutScope = (scopes: string | readonly string[] | null | undefined): boolean =>
  new AuthScopes(typeof scopes === "string" ? scopes : [...(scopes ?? [])]).has(PAYOUT_SCOPE);

/**
 * Whether the shop granted the payout scope, as its offline session records it (the
 * app/scopes_update webhook keeps that up to date): what background work checks, with no request.
 */
export async function storedPayoutScope(db: PrismaClient, shop: Pick<Shop, "domain">): Promise<boolean> {
  const session = await db.session.findUnique({
    where: { id: `offline_${shop.domain}` },
    select: { scope: true },
  });
  return grantsPayoutScope(session?.scope);
}

/**
 * The payout scope for the merchant in front of the page. In Shopify mode it is asked of Shopify
 * and requested through the library's scopes API (a redirect to Shopify's grant screen); local
 * and WooCommerce modes read payouts without Shopify's permission, so they always have it.
 */
export interface PayoutAccess {
  granted(): Promise<boolean>;
  /** Throws the library's redirect to the grant screen; returns when nothing needs granting. */
  request(): Promise<void>;
}

export const ALWAYS_GRANTED: PayoutAccess = { granted: async () => true, request: async () => {} };

export function shopifyPayoutAccess(scopes: {
  query(): Promise<{ granted: string[] }>;
  request(scopes: string[]): Promise<void>;
}): PayoutAccess {
  return {
    granted: async () => grantsPayoutScope((await scopes.query()).granted),
    request: () => scopes.request([PAYOUT_SCOPE]),
  };
}
