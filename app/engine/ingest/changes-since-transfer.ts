import { buildInvoice } from "../../domain/build-invoice";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import type { ShopSettings } from "../../settings/settings-schema";
import { sourceFor } from "../../sources/source-registry";

/**
 * What differs between the invoice that was booked and the order as it is now (an edit in the
 * shop after transfer). A booked invoice is never rewritten: these differences are shown to the
 * merchant, who decides (a credit note, or nothing).
 */
export function changesSinceTransfer(
  transferred: InvoiceDraft,
  source: "shopify" | "woocommerce",
  orderJson: string,
  settings: ShopSettings,
  shopDomain: string,
): string[] {
  try {
    const current = buildInvoice({
      order: sourceFor(source).mapOrder(orderJson, settings),
      settings,
      shop: shopDomain,
    }).draft;
    return compareDrafts(transferred, current);
  } catch (error) {
    // The edited order cannot be booked as it stands: that is itself a change the merchant must see.
    return [
      `the edited order no longer matches the booked invoice (${error instanceof Error ? error.message : String(error)})`,
    ];
  }
}

export function compareDrafts(before: InvoiceDraft, after: InvoiceDraft): string[] {
  const differences: string[] = [];
  if (before.totals.gross !== after.totals.gross) {
    differences.push(`total ${before.totals.gross} → ${after.totals.gross} (minor units, ${after.currency})`);
  }
  const key = (draft: InvoiceDraft) =>
    new Map(draft.lines.filter((l) => l.kind === "item").map((l) => [l.sku ?? l.description, l.quantity]));
  const [a, b] = [key(before), key(after)];
  for (const [item, quantity] of b) {
    if (a.get(item) !== quantity) differences.push(`${item}: quantity ${a.get(item) ?? 0} → ${quantity}`);
  }
  for (const [item, quantity] of a) if (!b.has(item)) differences.push(`${item}: quantity ${quantity} → 0`);
  if (before.customer.name !== after.customer.name || before.customer.email !== after.customer.email) {
    differences.push("customer details");
  }
  return differences;
}
