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
import type { LedgerHarness, StartedLedger } from "../contract/ledger-harness";
import { prepareRefs } from "../contract/ledger-contract-suite";
import { REFUND_CASES } from "./refund-corpus";

/**
 * The refund corpus laid out for each ledger's own VAT rounding, as the engine builds it (per
 * line on Dinero, Billy and Dynaccount; once per VAT code on the document's net on e-conomic),
 * through every simulator: the ledger's own gross and VAT per rate of the credit note are the
 * money returned and the refund's VAT per rate, to the øre — and the invoice's are the order's.
 */

/** The simulators' seeded charts; e-conomic's only open accounting year is 2026. */
function onLedgerAccounts<T extends DocumentDraft>(draft: T, accounts: LedgerHarness["accounts"]): T {
  const date = draft.kind === "invoice" ? "2026-11-20" : "2026-11-21";
  return {
    ...draft,
    issueDate: date,
    lines: draft.lines.map((line) => ({
      ...line,
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

const positive = (byRate: ReadonlyArray<{ vatRate: number; vat: number }>) =>
  Object.fromEntries(byRate.filter((b) => b.vatRate > 0 || b.vat !== 0).map((b) => [b.vatRate, b.vat]));

for (const harness of [dineroHarness, billyHarness, economicHarness, dynaccountHarness] as LedgerHarness[]) {
  describe(`refund corpus laid out for ${harness.provider}'s VAT rounding`, () => {
    let ledger: StartedLedger;
    beforeAll(async () => {
      ledger = await harness.start({ adapterTimeoutMs: 3000 });
    });
    afterAll(async () => {
      await ledger?.close();
    });

    REFUND_CASES.forEach((c, index) => {
      it(c.name, async () => {
        const { adapter } = ledger;
        const vatRounding = adapter.vatRounding;
        const settings = resolveSettings(c.settings);
        const shop = `rounding-${index}.myshopify.com`;
        const order = mapSourceOrder(c.source, c.order(), settings);
        const built = buildInvoice({ order, settings, shop, vatRounding }).draft;
        const refund = mapSourceRefund(c.source, c.refund(), order, settings);
        const credit = onLedgerAccounts(
          buildCreditNote({ refund, invoice: built, settings, shop, vatRounding }),
          harness.accounts,
        );
        const invoiceDraft = onLedgerAccounts(built, harness.accounts);

        const invoice = await adapter.createInvoice(invoiceDraft, await prepareRefs(adapter, invoiceDraft));
        const storedInvoice = ledger.probe
          .documents()
          .find((d) => d.kind === "invoice" && d.id === invoice.id);
        expect(storedInvoice?.totalGross).toBe(order.totals.total);
        expect(storedInvoice?.vatByRate).toEqual(positive(built.vatByRate.filter((b) => b.vatRate > 0)));
        const booked = await adapter.bookInvoice(invoice);

        const note = await adapter.createCreditNote(credit, {
          invoice: booked,
          ...(await prepareRefs(adapter, credit)),
        });
        const stored = ledger.probe.documents().find((d) => d.kind === "creditNote" && d.id === note.id);
        expect(stored?.totalGross).toBe(c.gross);
        expect(stored?.vatByRate).toEqual(positive(c.vatByRate.filter((b) => b.vatRate > 0)));
        // No rounding line on a ledger rounding per line: the corpus needs none there.
        if (vatRounding === "perLine") expect(credit.lines.some((l) => l.kind === "rounding")).toBe(false);
      });
    });
  });
}
