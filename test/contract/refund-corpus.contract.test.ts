import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCreditNote } from "../../app/domain/build-credit-note";
import { buildInvoice } from "../../app/domain/build-invoice";
import type { DocumentDraft } from "../../app/domain/invoice-draft";
import { resolveSettings } from "../../app/domain/preview";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import { mapSourceOrder, mapSourceRefund } from "../../app/sources/map-source";
import { REFUND_CASES } from "../refunds/refund-corpus";
import type { LedgerHarness, StartedLedger } from "./ledger-harness";
import { prepareRefs } from "./ledger-contract-suite";

/**
 * The refund corpus (test/refunds/refund-corpus.ts) through every ledger simulator's create
 * path: the ledger's own gross for the invoice and for the credit note must be the order total
 * and the money returned, to the øre, as each ledger computes them from the lines we send.
 */

/**
 * The corpus books on a standard Danish chart; each simulator has its own account ids, and the
 * e-conomic simulator's only open accounting year is 2026. A gift-card line goes without its SKU:
 * Dynaccount refuses a product on a liability account (an invoice-side matter, not a refund's).
 */
function onLedgerAccounts<T extends DocumentDraft>(draft: T, accounts: LedgerHarness["accounts"]): T {
  const date = draft.kind === "invoice" ? "2026-11-20" : "2026-11-21";
  return {
    ...draft,
    issueDate: date,
    lines: draft.lines.map(({ sku, ...line }) => ({
      ...line,
      ...(sku && line.kind !== "giftCard" ? { sku } : {}),
      account:
        line.kind === "giftCard"
          ? accounts.giftCardLiability
          : line.kind === "rounding"
            ? accounts.rounding
            : line.vatRate > 0
              ? accounts.sales
              : accounts.salesNoVat,
    })),
    payments: draft.payments.map((p) => ({ ...p, date, depositAccount: accounts.deposit })),
  };
}

for (const harness of [dineroHarness, billyHarness, economicHarness, dynaccountHarness] as LedgerHarness[]) {
  describe(`refund corpus on ${harness.provider}`, () => {
    let ledger: StartedLedger;

    beforeAll(async () => {
      ledger = await harness.start({ adapterTimeoutMs: 3000 });
    });
    afterAll(async () => {
      await ledger?.close();
    });

    REFUND_CASES.forEach((c, index) => {
      it(c.name, async () => {
        const adapter = ledger.adapter;
        const settings = resolveSettings(c.settings);
        // One shop per case, so each case's invoice is its own document.
        const shop = `corpus-${index}.myshopify.com`;
        const order = mapSourceOrder(c.source, c.order(), settings);
        const built = buildInvoice({ order, settings, shop }).draft;
        const refund = mapSourceRefund(c.source, c.refund(), order, settings);
        const credit = onLedgerAccounts(
          buildCreditNote({ refund, invoice: built, settings, shop }),
          harness.accounts,
        );
        const invoiceDraft = onLedgerAccounts(built, harness.accounts);

        const refs = await prepareRefs(adapter, invoiceDraft);
        const invoice = await adapter.createInvoice(invoiceDraft, refs);
        expect(invoice.totalGross).toBe(order.totals.total);
        const booked = await adapter.bookInvoice(invoice);

        const creditRefs = await prepareRefs(adapter, credit);
        const note = await adapter.createCreditNote(credit, { invoice: booked, ...creditRefs });
        expect(note.totalGross).toBe(c.gross);
        const stored = ledger.probe.documents().find((d) => d.kind === "creditNote" && d.id === note.id);
        expect(stored?.totalGross).toBe(c.gross);
      });
    });
  });
}
