import type { Platform } from "@prisma/client";
import type { Source } from "./source-contract";
import { shopifySource } from "./shopify/shopify-source";
import { wooCommerceSource } from "./woocommerce/woocommerce-source";

const SOURCES: Record<Platform, Source> = {
  shopify: shopifySource,
  woocommerce: wooCommerceSource,
};

/** The one place a platform picks its Source: a third source is one entry here. */
export function sourceFor(platform: Platform): Source {
  return SOURCES[platform];
}
