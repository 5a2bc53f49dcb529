import { describe, expect, it } from "vitest";
import { shopifyProductVariants } from "./map-shopify-product";

// The shape of Shopify's products/update sample payload, trimmed to the fields the sync reads
// and given Danish values; ids are as large as Shopify's, past 2^53.
const payload = {
  id: 7880321196,
  admin_graphql_api_id: "gid://shopify/Product/788032119674292922",
  title: "Kaffekop",
  vendor: "Lerværk",
  product_type: "Keramik",
  tags: "køkken, gave",
  updated_at: "2026-12-08T01:00:00+01:00",
  variants: [
    {
      admin_graphql_api_id: "gid://shopify/ProductVariant/642667041472713922",
      title: "Blå",
      sku: "CUP-BLUE",
      price: "125.00",
      taxable: true,
    },
    {
      admin_graphql_api_id: "gid://shopify/ProductVariant/757650484644203962",
      title: "Rød",
      sku: "",
      price: "129.95",
      taxable: true,
    },
  ],
};

describe("shopifyProductVariants", () => {
  it("reads every variant with its name, SKU, price in minor units, tags and version", () => {
    const [blue, red] = shopifyProductVariants(payload, { currency: "DKK", taxesIncluded: true });
    expect(blue).toEqual({
      variantId: "gid://shopify/ProductVariant/642667041472713922",
      productId: "gid://shopify/Product/788032119674292922",
      name: "Kaffekop - Blå",
      sku: "CUP-BLUE",
      price: 12_500,
      currency: "DKK",
      taxesIncluded: true,
      taxable: true,
      productType: "Keramik",
      vendor: "Lerværk",
      tags: ["køkken", "gave"],
      updatedAt: "2026-12-08T01:00:00+01:00",
    });
    expect(red?.sku).toBeUndefined();
    expect(red?.price).toBe(12_995);
  });

  it("names a product without options by its title alone", () => {
    const single = {
      ...payload,
      variants: [
        {
          admin_graphql_api_id: "gid://shopify/ProductVariant/1",
          title: "Default Title",
          sku: "X",
          price: "10.00",
        },
      ],
    };
    const [only] = shopifyProductVariants(single, { currency: "DKK", taxesIncluded: false });
    expect(only?.name).toBe("Kaffekop");
    expect(only?.taxable).toBe(true);
  });

  it("refuses a payload without a version or with a malformed price", () => {
    expect(() =>
      shopifyProductVariants({ ...payload, updated_at: "" }, { currency: "DKK", taxesIncluded: true }),
    ).toThrow();
    const badPrice = {
      ...payload,
      variants: [{ admin_graphql_api_id: "gid://shopify/ProductVariant/1", sku: "X", price: "12,50" }],
    };
    expect(() => shopifyProductVariants(badPrice, { currency: "DKK", taxesIncluded: true })).toThrow(
      RangeError,
    );
  });
});
