import type { DocumentDraft, DraftLine, VatTreatment } from "../../domain/invoice-draft";
import type { LedgerRef, ProductSpec } from "../ledger-contract";
import { GENERIC_PRODUCT_NAMES, genericProductSpec, skuProductSpec } from "../line-product-spec";
import { fromBillyAmount, toBillyAmount } from "./billy-amounts";
import { type BillyContext, remember } from "./billy-context";
import {
  billyPriceChangeBody,
  billyProductBody,
  billyProductChangesBody,
  billyProductPriceBody,
} from "./billy-requests";
import { productPriceSchema, productSchema, writeEnvelope } from "./billy-schemas";
import { chooseRuleset } from "./billy-vat";

/**
 * Billy products, found by `productNo` (our SKU). VAT on a Billy line comes from its product's
 * sales-tax ruleset, so every product gets the ruleset of its VAT treatment.
 */

const TREATMENT_SUFFIX: Record<VatTreatment, string> = {
  domestic: "",
  exempt: " (momsfri)",
  oss: " (EU-fjernsalg, OSS)",
  euReverseCharge: " (EU, omvendt betalingspligt)",
  export: " (eksport)",
  voec: " (VOEC)",
};

async function findProductBySku({ client }: BillyContext, sku: string) {
  const products = await client.list("products", productSchema, "look up the product", {
    productNo: sku,
    include: "product.prices:embed",
  });
  return products.find((product) => product.productNo === sku && !product.isArchived);
}

/** `withPrice`: a SKU product carries its price; a generic one leaves it to the invoice line. */
export async function ensureBillyProduct(
  context: BillyContext,
  spec: ProductSpec,
  update: boolean,
  withPrice: boolean,
): Promise<LedgerRef> {
  const { client, org } = context;
  const vat = await context.vatSetup();
  const salesTaxRulesetId = chooseRuleset(vat, spec.vatTreatment, spec.vatRate);
  const unitPrice = toBillyAmount(spec.unitNet, spec.currency);
  const existing = await findProductBySku(context, spec.sku);
  if (!existing) {
    const created = await client.post(
      "/products",
      billyProductBody(spec, salesTaxRulesetId, withPrice ? unitPrice : undefined, org),
      writeEnvelope("products", productSchema),
      `create the product ${spec.sku}`,
    );
    return { id: created.id, created: true };
  }
  if (update) {
    const changes = billyProductChangesBody(existing, spec, salesTaxRulesetId);
    if (changes) {
      await client.put(
        `/products/${existing.id}`,
        changes,
        writeEnvelope("products", productSchema),
        `update the product ${spec.sku}`,
      );
    }
    // Prices are changed one by one: setting `prices` on the product would delete the others.
    const price = (existing.prices ?? []).find((p) => p.currencyId === spec.currency);
    if (!price) {
      await client.post(
        "/productPrices",
        billyProductPriceBody(existing.id, spec.currency, unitPrice),
        writeEnvelope("productPrices", productPriceSchema),
        `add a ${spec.currency} price to the product ${spec.sku}`,
      );
    } else if (fromBillyAmount(price.unitPrice, spec.currency) !== spec.unitNet) {
      await client.put(
        `/productPrices/${price.id}`,
        billyPriceChangeBody(unitPrice),
        writeEnvelope("productPrices", productPriceSchema),
        `update the price of the product ${spec.sku}`,
      );
    }
  }
  return { id: existing.id, created: false };
}

/** One product per line kind, VAT treatment and account for lines without SKU. */
function genericProductId(context: BillyContext, line: DraftLine, draft: DocumentDraft): Promise<string> {
  const productNo = `ledgerbridge-${line.kind}-${line.vatTreatment}-${line.account}`;
  return remember(context.genericProducts, productNo, () =>
    ensureBillyProduct(
      context,
      genericProductSpec(line, draft.currency, {
        sku: productNo,
        name: `${GENERIC_PRODUCT_NAMES[line.kind]}${TREATMENT_SUFFIX[line.vatTreatment]}`,
      }),
      false,
      false,
    ).then((ref) => ref.id),
  );
}

/** The Billy product of every draft line: the caller's SKU map, else found or created here. */
export async function billyProductIdsFor(
  context: BillyContext,
  draft: DocumentDraft,
  skuIds: ReadonlyMap<string, string>,
): Promise<Map<DraftLine, string>> {
  const ids = new Map<DraftLine, string>();
  for (const line of draft.lines) {
    const mapped = line.sku ? skuIds.get(line.sku) : undefined;
    if (mapped) ids.set(line, mapped);
    else if (line.sku) {
      const ref = await ensureBillyProduct(
        context,
        skuProductSpec(line, line.sku, draft.currency),
        false,
        true,
      );
      ids.set(line, ref.id);
    } else ids.set(line, await genericProductId(context, line, draft));
  }
  return ids;
}
