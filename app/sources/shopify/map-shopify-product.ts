import { z } from "zod";
import { currency, parseMinor } from "../../domain/money";
import type { ShopVariant } from "../../ledgers/variant-product-spec";

/**
 * The `products/create` and `products/update` webhook payload (REST shape), only the fields the
 * product sync reads (#18). Identity comes from `admin_graphql_api_id`: the numeric ids can pass
 * 2^53 and lose digits in JSON.parse. `tags` is one comma-separated string.
 */
const gid = (kind: string) => z.string().regex(new RegExp(`^gid://shopify/${kind}/\\d+$`));

const variantSchema = z.object({
  admin_graphql_api_id: gid("ProductVariant"),
  title: z.string().nullish(),
  sku: z.string().nullish(),
  price: z.string(),
  taxable: z.boolean().default(true),
});

export const ShopifyProductWebhookSchema = z.object({
  admin_graphql_api_id: gid("Product"),
  title: z.string(),
  vendor: z.string().nullish(),
  product_type: z.string().nullish(),
  tags: z.string().nullish(),
  updated_at: z.string().min(1),
  variants: z.array(variantSchema).default([]),
});

export type ShopifyProductWebhook = z.output<typeof ShopifyProductWebhookSchema>;

/** Shopify's placeholder title for the only variant of a product without options. */
const DEFAULT_VARIANT_TITLE = "Default Title";

/**
 * The payload's variants as the sync sees them. The product payload names no currency and no
 * price basis: both are the shop's (its currency, and whether its prices include tax).
 */
export function shopifyProductVariants(
  payload: unknown,
  shop: { currency: string; taxesIncluded: boolean },
): ShopVariant[] {
  const product = ShopifyProductWebhookSchema.parse(payload);
  const code = currency(shop.currency);
  const tags = (product.tags ?? "")
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
  return product.variants.map((variant) => {
    const own = variant.title?.trim();
    const sku = variant.sku?.trim();
    return {
      variantId: variant.admin_graphql_api_id,
      productId: product.admin_graphql_api_id,
      name: own && own !== DEFAULT_VARIANT_TITLE ? `${product.title} - ${own}` : product.title,
      ...(sku ? { sku } : {}),
      price: parseMinor(variant.price, code),
      currency: shop.currency,
      taxesIncluded: shop.taxesIncluded,
      taxable: variant.taxable,
      ...(product.product_type ? { productType: product.product_type } : {}),
      ...(product.vendor ? { vendor: product.vendor } : {}),
      tags,
      // The product's version: a variant change also moves the product's updated_at.
      updatedAt: product.updated_at,
    };
  });
}
