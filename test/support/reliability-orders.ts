import { danishOrder } from "./order-templates";

/**
 * The Danish order template for one of several shops sharing a ledger: its own order ids, and
 * its own customer e-mail and SKUs, so shops working in parallel never race for one customer or
 * product (within a shop, jobs run one at a time).
 */
export function shopOrder(
  shop: number,
  n: number,
): { order: string; refund: string; orderId: string; refundId: string; name: string } {
  const base = danishOrder(shop * 10_000 + n);
  const tag = (text: string) =>
    text
      .replaceAll("indkob@kaffebaren.example", `indkob+s${shop}@kaffebaren.example`)
      .replaceAll('"KOP-BLA"', `"KOP-BLA-S${shop}"`)
      .replaceAll('"TEKANDE-1"', `"TEKANDE-1-S${shop}"`)
      // A gift card with a SKU becomes a ledger product on the liability account, which
      // Dynaccount refuses (products need a sales account); see the H6 report.
      .replaceAll('"sku": "GAVEKORT-200"', '"sku": null')
      // The template's 2025 dates fall in an accounting year the e-conomic simulator has closed.
      .replaceAll('"2025-05-', '"2026-05-');
  const refundId = /"(gid:\/\/shopify\/Refund\/\d+)"/.exec(base.refund)?.[1];
  if (!refundId) throw new Error("the refund template has no admin_graphql_api_id");
  return { ...base, order: tag(base.order), refund: tag(base.refund), refundId };
}
