import { expect, it } from "vitest";
import type { LedgerAdapter, LedgerDocument, LedgerProviderId } from "../../app/ledgers/ledger-contract";
import type { LedgerHarness, StartedLedger } from "./ledger-harness";
import { sampleInvoice } from "./sample-drafts";

/**
 * Issue #16: a warm order (customer and products known) is created, booked and paid with the
 * fewest HTTP requests the ledger's API allows; the lookups that recovery needs are paid for
 * only after an attempt whose answer never came — and then still leave exactly one document.
 */

/** HTTP requests for create + book + one payment of a warm order, and why each is needed. */
export const WARM_INVOICE_CALLS: Record<LedgerProviderId, { calls: number; why: string }> = {
  dinero: {
    calls: 4,
    why: "POST invoice, GET invoice (the create answer holds only Guid and Timestamp; the totals are checked before booking), POST book (answers Timestamp and currency), POST payment",
  },
  billy: {
    calls: 4,
    why: "POST invoice (answers the invoice and its lines), PUT approve, GET invoice (currency, balance and exchange rate for the bank payment), POST bankPayment",
  },
  economic: {
    calls: 3,
    why: "POST draft (answers its totals), POST booked (answers customer and currency), POST journal voucher",
  },
  dynaccount: {
    calls: 7,
    why: "PUT debtor_order, bulk insert of the lines (the header takes none), GET the stored order (its totals are checked before booking), invoice action, GET the invoice row (its debtor and invoice number for the payment), PUT enclosure, PUT accounting row",
  },
};

export function callCountContractCases(
  harness: LedgerHarness,
  context: () => { ledger: StartedLedger; adapter: LedgerAdapter },
  nextOrder: () => number,
  prepareRefs: (
    adapter: LedgerAdapter,
    draft: ReturnType<typeof sampleInvoice>,
  ) => Promise<{ customerId: string; productIds: ReadonlyMap<string, string> }>,
): void {
  const expected = WARM_INVOICE_CALLS[harness.provider];

  it("creates, books and pays a warm order's invoice with the fewest requests when not recovering", async () => {
    const { ledger, adapter } = context();
    const transfer = async (draft: ReturnType<typeof sampleInvoice>) => {
      const refs = await prepareRefs(adapter, draft);
      const start = ledger.probe.requestCount();
      const created = await adapter.createInvoice(draft, refs, { recovering: false });
      const booked = await adapter.bookInvoice(created);
      for (const payment of draft.payments) {
        await adapter.registerPayment(booked, payment, { recovering: false });
      }
      return ledger.probe.requestCount() - start;
    };
    // The first order fills the adapter's caches (accounts, journals, years); the second is warm.
    await transfer(sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "warm@example.dk" }));
    const draft = sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "warm@example.dk" });
    const before = ledger.probe.counts();
    const calls = await transfer(draft);
    const payments = draft.payments.length;
    expect(calls).toBe(expected.calls - 1 + payments);
    const after = ledger.probe.counts();
    expect(after.invoices).toBe(before.invoices + 1);
    expect(after.payments).toBe(before.payments + payments);
  });

  it("after a lost create answer looks the invoice up and still holds exactly one, paid once", async () => {
    const { ledger, adapter } = context();
    const draft = sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "lost@example.dk" });
    const refs = await prepareRefs(adapter, draft);
    const before = ledger.probe.counts();
    ledger.probe.faults.next("dropAfterCommit", 1, (request) =>
      harness.isDocumentCreateRequest("invoice", request),
    );
    await expect(adapter.createInvoice(draft, refs, { recovering: false })).rejects.toMatchObject({
      retryable: true,
    });
    // The engine's next attempt: the create was marked and never answered, so it looks first.
    const found = await adapter.findDocument("invoice", draft.externalReference);
    expect(found?.totalGross).toBe(draft.totals.gross);
    const booked = await adapter.bookInvoice(found as LedgerDocument);
    for (const payment of draft.payments) {
      const first = await adapter.registerPayment(booked, payment, { recovering: false });
      // A payment retried as recovering finds (or, by idempotency key, is answered with) the first.
      const again = await adapter.registerPayment(booked, payment, { recovering: true });
      if (!again.created) expect(again.id).toBe(first.id);
    }
    const after = ledger.probe.counts();
    expect(after.invoices).toBe(before.invoices + 1);
    expect(after.payments).toBe(before.payments + draft.payments.length);
  });
}
