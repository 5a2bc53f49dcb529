import { z } from "zod";

/**
 * The product-sync section of a shop's settings (#18). Off by default: a merchant whose ledger
 * products are kept by hand must opt in before the shop's catalogue is written to the ledger.
 */
export const PRODUCT_SELECTIONS = ["all", "withSku", "byTag"] as const;
export type ProductSelection = (typeof PRODUCT_SELECTIONS)[number];

export const ProductSyncSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Keep the ledger's products in step with the shop's"),
    selection: z
      .enum(PRODUCT_SELECTIONS)
      .default("all")
      .describe("Which products: all (variants without SKU are reported), only those with a SKU, or by tag"),
    tag: z.string().trim().max(255).default("").describe("The product tag synced when selection is byTag"),
    updatePrices: z
      .boolean()
      .default(true)
      .describe("Update an existing ledger product's name and price when the shop's changes"),
  })
  .superRefine((products, ctx) => {
    if (products.selection === "byTag" && products.tag === "") {
      ctx.addIssue({ code: "custom", path: ["tag"], message: "Give the tag of the products to sync" });
    }
  })
  .prefault({});

export type ProductSyncSettings = z.output<typeof ProductSyncSettingsSchema>;
