import type { PrismaClient } from "@prisma/client";
import { buildCreditNote } from "../../domain/build-credit-note";
import { buildInvoice } from "../../domain/build-invoice";
import { vatRoundingForShop } from "../ledger-connections.server";
import type { ShopSettings } from "../../settings/settings-schema";
import { sourceFor } from "../../sources/source-registry";
import { skipByRule } from "../../domain/rules/skip-by-rule";
import { readingOrderData } from "./classify-transfer-error";
import type { BuiltDraft, DraftRequest } from "./transfer-handler";

/**
 * The accounting core behind the transfer engine: the job's source JSON and the shop's current
 * settings → the document draft, or a reason not to transfer the order at all.
 */
export function createDraftBuilder(deps: {
  db: PrismaClient;
  settingsFor(shopId: string): Promise<ShopSettings>;
}): (request: DraftRequest) => Promise<BuiltDraft> {
  return async ({ job, invoiceJob, invoice, previousCreditNotes }) => {
    const shop = await deps.db.shop.findUniqueOrThrow({ where: { id: job.shopId } });
    const settings = await deps.settingsFor(job.shopId);
    // Laid out for the connected ledger's own VAT rounding (per line, or once per document).
    const rounding = await vatRoundingForShop(deps.db, job.shopId);
    // A refund webhook carries no order: credit notes read the order their invoice was built from.
    const order = readingOrderData(() =>
      sourceFor(shop.platform).mapOrder(invoiceJob?.sourceOrder ?? job.sourceOrder, settings),
    );
    const manual = job.trigger === "manual";
    if (job.kind === "invoice") {
      if (order.cancelledAt && !manual) {
        return {
          skip: `the order was cancelled (${order.cancelledAt.slice(0, 10)}) before it was transferred`,
        };
      }
      if (order.test && settings.transfer.skipTestOrders && !manual) {
        return { skip: "this is a test order (settings: skip test orders)" };
      }
      const skipped = skipByRule(settings.rules, order);
      if (skipped && !manual) return skipped;
      return { draft: buildInvoice({ order, settings, shop: shop.domain, ...rounding }).draft };
    }
    if (!invoice) return { skip: "the order's invoice was never transferred, so there is nothing to credit" };
    if (!job.sourceRefund) throw new Error(`credit-note job ${job.id} has no refund payload`);
    const sourceRefund = job.sourceRefund;
    const refund = readingOrderData(() => sourceFor(shop.platform).mapRefund(sourceRefund, order, settings));
    return {
      draft: buildCreditNote({
        refund,
        invoice,
        settings,
        shop: shop.domain,
        ...(previousCreditNotes ? { previousCreditNotes } : {}),
        ...rounding,
      }),
    };
  };
}
