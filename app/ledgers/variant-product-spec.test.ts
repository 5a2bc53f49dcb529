import { describe, expect, it } from "vitest";
import { ShopSettingsSchema, SETTINGS_VERSION, type ShopSettingsInput } from "../settings/settings-schema";
import { variantProductSpec, type ShopVariant } from "./variant-product-spec";

const variant = (over: Partial<ShopVariant> = {}): ShopVariant => ({
  variantId: "gid://shopify/ProductVariant/1",
  productId: "gid://shopify/Product/1",
  name: "Kaffekop - Blå",
  sku: "CUP-BLUE",
  price: 12_500,
  currency: "DKK",
  taxesIncluded: true,
  taxable: true,
  productType: "Keramik",
  vendor: "Lerværk",
  tags: ["køkken"],
  updatedAt: "2026-12-08T01:00:00Z",
  ...over,
});

const settings = (over: Partial<ShopSettingsInput> = {}) =>
  ShopSettingsSchema.parse({ version: SETTINGS_VERSION, ...over });

describe("variantProductSpec", () => {
  it("maps a VAT-inclusive variant to its net price on the domestic revenue account", () => {
    expect(variantProductSpec(variant(), settings())).toEqual({
      kind: "spec",
      spec: {
        sku: "CUP-BLUE",
        name: "Kaffekop - Blå",
        unitNet: 10_000,
        currency: "DKK",
        vatTreatment: "domestic",
        vatRate: 2500,
        account: "1000",
      },
    });
  });

  it("keeps a VAT-exclusive price and books an untaxed variant as exempt", () => {
    const net = variantProductSpec(variant({ taxesIncluded: false }), settings());
    expect(net.kind === "spec" && net.spec.unitNet).toBe(12_500);
    const exempt = variantProductSpec(variant({ taxable: false }), settings());
    expect(exempt).toMatchObject({
      kind: "spec",
      spec: { unitNet: 12_500, vatRate: 0, vatTreatment: "exempt", account: "1050" },
    });
  });

  it("takes the account from a product-type or vendor rule, never from an order-level rule", () => {
    const rules = [
      { field: "tag", value: "køkken", action: "account", account: "1090" },
      { field: "vendor", value: "lerværk", action: "account", account: "1080" },
    ] as const;
    const mapped = variantProductSpec(variant(), settings({ rules: [...rules] }));
    expect(mapped.kind === "spec" && mapped.spec.account).toBe("1080");
  });

  it("reports a variant without SKU instead of guessing one", () => {
    const noSku = variant({ sku: "  " });
    expect(variantProductSpec(noSku, settings())).toEqual({ kind: "noSku", variant: noSku });
    expect(variantProductSpec(noSku, settings({ products: { selection: "withSku" } }))).toEqual({
      kind: "excluded",
    });
  });

  it("syncs only tagged products when the selection is by tag", () => {
    const byTag = settings({ products: { selection: "byTag", tag: "Køkken" } });
    expect(variantProductSpec(variant(), byTag).kind).toBe("spec");
    expect(variantProductSpec(variant({ tags: ["have"] }), byTag).kind).toBe("excluded");
  });

  it("refuses a by-tag selection without a tag", () => {
    const parsed = ShopSettingsSchema.safeParse({
      version: SETTINGS_VERSION,
      products: { selection: "byTag" },
    });
    expect(parsed.success).toBe(false);
  });
});
