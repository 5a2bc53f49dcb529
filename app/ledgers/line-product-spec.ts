import type { DraftLine } from "../domain/invoice-draft";
import type { ProductSpec } from "./ledger-contract";

/**
 * The product a draft line is booked on. A line with a SKU gets a product of its own; a line
 * without one (shipping, fees, rounding, a SKU-less item) shares a price-less generic product
 * per kind, named in Danish as the merchant sees it in the ledger.
 */

export const GENERIC_PRODUCT_NAMES: Readonly<Record<DraftLine["kind"], string>> = {
  item: "Vare",
  shipping: "Fragt",
  discount: "Rabat",
  fee: "Gebyr",
  giftCard: "Gavekort",
  rounding: "Øreafrunding",
};

/** The line's own product: named after the line and priced at its unit net. */
export function skuProductSpec(line: DraftLine, sku: string, currency: string): ProductSpec {
  return withLineVat(line, currency, { sku, name: line.description, unitNet: line.unitNet });
}

/** A generic product for lines without a SKU: the invoice line carries the price. */
export function genericProductSpec(
  line: DraftLine,
  currency: string,
  product: { sku: string; name: string },
): ProductSpec {
  return withLineVat(line, currency, { sku: product.sku, name: product.name, unitNet: 0 });
}

function withLineVat(
  line: DraftLine,
  currency: string,
  product: Pick<ProductSpec, "sku" | "name" | "unitNet">,
): ProductSpec {
  return {
    ...product,
    currency,
    vatTreatment: line.vatTreatment,
    vatRate: line.vatRate,
    account: line.account,
  };
}
