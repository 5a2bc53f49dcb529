import type { DraftLine } from "../domain/invoice-draft";
import { splitGross, vatOf } from "../domain/vat/vat-math";
import type { ShopSettings } from "../settings/settings-schema";
import type { ProductSpec } from "./ledger-contract";
import { skuProductSpec } from "./line-product-spec";

/**
 * A shop's product variant as the product sync sees it, whichever shop it came from (#18).
 * `price` is in the shop's currency and in its price basis (`taxesIncluded`).
 */
export interface ShopVariant {
  variantId: string;
  productId: string;
  /** "T-shirt" or "T-shirt - Large": how the merchant names it in the shop. */
  name: string;
  sku?: string;
  /** Minor units. */
  price: number;
  currency: string;
  taxesIncluded: boolean;
  /** A variant not charged VAT (gift cards, exempt goods) is booked on the exempt account. */
  taxable: boolean;
  productType?: string;
  vendor?: string;
  tags: readonly string[];
  /** The product version: a redelivered webhook for the same version books nothing new. */
  updatedAt: string;
}

export type VariantMapping =
  { kind: "spec"; spec: ProductSpec } | { kind: "noSku"; variant: ShopVariant } | { kind: "excluded" };

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The ledger product a variant becomes, built as an order line of it would be (so the product an
 * order creates and the one the sync creates agree). Variants without SKU are reported: guessing
 * one would create a ledger product no order line ever finds again.
 */
export function variantProductSpec(variant: ShopVariant, settings: ShopSettings): VariantMapping {
  const selection = settings.products;
  if (selection.selection === "byTag" && !variant.tags.some((tag) => same(tag, selection.tag)))
    return { kind: "excluded" };
  const sku = variant.sku?.trim();
  if (!sku) return selection.selection === "withSku" ? { kind: "excluded" } : { kind: "noSku", variant };
  const treatment = variant.taxable ? "domestic" : "exempt";
  const vatRate = variant.taxable ? Math.round(settings.vat.domesticRate * 100) : 0;
  const { net, vat } = variant.taxesIncluded
    ? splitGross(variant.price, vatRate)
    : { net: variant.price, vat: vatOf(variant.price, vatRate) };
  const line: DraftLine = {
    kind: "item",
    description: variant.name,
    sku,
    quantity: 1,
    unitNet: net,
    vatRate,
    vatTreatment: treatment,
    net,
    vat,
    gross: net + vat,
    account: productAccount(variant, settings, treatment),
  };
  return { kind: "spec", spec: skuProductSpec(line, sku, variant.currency) };
}

/**
 * Home-country sales only, like the order path: a product-type or vendor account rule decides,
 * else the treatment's revenue account. Order-level rule fields (tag, channel, gateway) say
 * nothing about a product and are not applied here.
 */
function productAccount(
  variant: ShopVariant,
  settings: ShopSettings,
  treatment: "domestic" | "exempt",
): string {
  const rule = settings.rules.find(
    (r) =>
      r.action === "account" &&
      r.account &&
      ((r.field === "productType" && same(variant.productType, r.value)) ||
        (r.field === "vendor" && same(variant.vendor, r.value))),
  );
  return rule?.account ?? settings.accounts.revenue[treatment];
}
