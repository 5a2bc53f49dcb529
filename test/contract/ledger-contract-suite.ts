import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvoiceDraft, CreditNoteDraft } from "../../app/domain/invoice-draft";
import type { LedgerAdapter, LedgerDocument } from "../../app/ledgers/ledger-contract";
import { LEDGER_CONTRACT_VERSION } from "../../app/ledgers/ledger-contract";
import { LedgerError } from "../../app/ledgers/ledger-error";
import { skuProductSpec } from "../../app/ledgers/line-product-spec";
import { callCountContractCases } from "./call-count-contract";
import { journalEntryContractCases } from "./journal-entry-contract";
import type { LedgerHarness, StartedLedger } from "./ledger-harness";
import { sampleCreditNote, sampleInvoice } from "./sample-drafts";

/**
 * The one contract every ledger adapter must pass against its simulator, through real HTTP.
 * Usage: `describeLedgerContract(dineroHarness)` in test/contract/<provider>.contract.test.ts.
 */
export function describeLedgerContract(harness: LedgerHarness): void {
  describe(`ledger contract: ${harness.provider}`, () => {
    let ledger: StartedLedger;
    let adapter: LedgerAdapter;
    let orderNumber = 1000;
    const nextOrder = () => ++orderNumber;

    beforeAll(async () => {
      ledger = await harness.start({ adapterTimeoutMs: 1500 });
      adapter = ledger.adapter;
    });
    afterAll(async () => {
      await ledger?.close();
    });

    journalEntryContractCases(harness, () => ({ ledger, adapter }));
    callCountContractCases(harness, () => ({ ledger, adapter }), nextOrder, prepareRefs);

    it("declares the contract version, its provider and what it can do", () => {
      expect(adapter.contractVersion).toBe(LEDGER_CONTRACT_VERSION);
      expect(adapter.provider).toBe(harness.provider);
      expect(adapter.capabilities.lockDocumentNumber).toBe(harness.supportsLockedNumber);
    });

    it("verifies the connection and fills the settings dropdowns", async () => {
      const { organisations } = await adapter.verifyConnection();
      expect(organisations.length).toBeGreaterThan(0);
      const sales = await adapter.listSalesAccounts();
      expect(sales.map((a) => a.id)).toContain(harness.accounts.sales);
      const deposit = await adapter.listDepositAccounts();
      expect(deposit.map((a) => a.id)).toContain(harness.accounts.deposit);
      expect((await adapter.listVatCodes()).length).toBeGreaterThan(0);
      await expect(adapter.listPaymentTerms()).resolves.toBeInstanceOf(Array);
      await expect(adapter.listLayouts()).resolves.toBeInstanceOf(Array);
    });

    it("transfers invoice → book → payment → e-mail → credit note → book → refund", async () => {
      const before = ledger.probe.counts();
      const draft = sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "flow@example.dk" });
      const { invoice, customerId, productIds } = await createInvoice(adapter, draft);
      expect(invoice.kind).toBe("invoice");
      expect(invoice.state).toBe("draft");
      expect(invoice.totalGross).toBe(draft.totals.gross);

      const booked = await adapter.bookInvoice(invoice);
      expect(booked.state).toBe("booked");
      expect(booked.number).toBeTruthy();
      expect(booked.totalGross).toBe(draft.totals.gross);

      const payment = draft.payments[0];
      if (!payment) throw new Error("sample has a payment");
      await adapter.registerPayment(booked, payment);
      await adapter.emailInvoice(booked, {
        recipient: "flow@example.dk",
        body: `Thank you for order ${draft.order.name}`,
      });

      const creditDraft = sampleCreditNote(harness.accounts, draft, "9001");
      const credit = await adapter.createCreditNote(creditDraft, { invoice: booked, customerId, productIds });
      expect(credit.kind).toBe("creditNote");
      expect(credit.totalGross).toBe(creditDraft.totals.gross);
      const bookedCredit = await adapter.bookCreditNote(credit);
      expect(bookedCredit.state).toBe("booked");
      const refund = creditDraft.payments[0];
      if (!refund) throw new Error("sample has a refund payment");
      await adapter.registerRefund(bookedCredit, refund);

      const after = ledger.probe.counts();
      expect(after.invoices - before.invoices).toBe(1);
      expect(after.creditNotes - before.creditNotes).toBe(1);
      expect(after.payments - before.payments).toBe(1);
      expect(after.refunds - before.refunds).toBe(1);
      expect(after.emails - before.emails).toBe(1);

      const stored = ledger.probe.documents();
      const storedInvoice = stored.find((d) => d.kind === "invoice" && d.id === booked.id);
      const storedCredit = stored.find((d) => d.kind === "creditNote" && d.id === bookedCredit.id);
      expect(storedInvoice?.booked).toBe(true);
      expect(storedInvoice?.totalGross).toBe(draft.totals.gross);
      expect(storedCredit?.booked).toBe(true);
      expect(storedCredit?.creditsInvoiceId).toBe(booked.id);
      expect(storedCredit?.totalGross).toBe(creditDraft.totals.gross);

      const found = await adapter.findDocument("invoice", draft.externalReference);
      expect(found?.id).toBe(booked.id);
      expect(found?.state).toBe("booked");
      const foundCredit = await adapter.findDocument("creditNote", creditDraft.externalReference);
      expect(foundCredit?.id).toBe(bookedCredit.id);
    });

    it("reuses the customer and products for a second order of the same customer", async () => {
      const first = sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "repeat@example.dk" });
      const a = await createInvoice(adapter, first);
      const countsAfterFirst = ledger.probe.counts();
      const second = sampleInvoice(harness.accounts, {
        orderNumber: nextOrder(),
        email: "repeat@example.dk",
      });
      const b = await createInvoice(adapter, second);
      expect(b.customerCreated).toBe(false);
      expect(b.customerId).toBe(a.customerId);
      expect(b.productsCreated).toBe(0);
      const countsAfterSecond = ledger.probe.counts();
      expect(countsAfterSecond.customers).toBe(countsAfterFirst.customers);
      expect(countsAfterSecond.products).toBe(countsAfterFirst.products);
      expect(countsAfterSecond.invoices).toBe(countsAfterFirst.invoices + 1);
    });

    it("reports an authentication failure as not retryable", async () => {
      const error = await captureError(() => ledger.adapterWithBadCredentials().verifyConnection());
      expect(error.kind).toBe("authentication");
      expect(error.retryable).toBe(false);
      expect(error.merchantMessage.length).toBeGreaterThan(10);
    });

    it("reports 429 as rate limited with Retry-After, and 5xx and timeouts as unavailable, all retryable", async () => {
      ledger.probe.faults.retryAfterSeconds = 2;
      ledger.probe.faults.next("429");
      const limited = await captureError(() => adapter.listSalesAccounts());
      expect(limited.kind).toBe("rateLimited");
      expect(limited.retryable).toBe(true);
      expect(limited.retryAfterMs).toBe(2000);

      ledger.probe.faults.next("5xx");
      const down = await captureError(() => adapter.listSalesAccounts());
      expect(down.kind).toBe("unavailable");
      expect(down.retryable).toBe(true);

      ledger.probe.faults.next("timeout");
      const slow = await captureError(() => adapter.listSalesAccounts());
      expect(slow.kind).toBe("unavailable");
      expect(slow.retryable).toBe(true);

      await expect(adapter.listSalesAccounts()).resolves.not.toHaveLength(0);
    });

    it("honours the ledger's real rate limit: waiting Retry-After lets the call through", async () => {
      ledger.probe.setRateLimit(3, 1500);
      try {
        let limitedSeen: LedgerError | undefined;
        for (let call = 0; call < 6; call++) {
          try {
            await adapter.listSalesAccounts();
          } catch (error) {
            if (!(error instanceof LedgerError) || error.kind !== "rateLimited") throw error;
            limitedSeen = error;
            expect(error.retryAfterMs).toBeGreaterThan(0);
            await sleep(error.retryAfterMs ?? 0);
            await expect(adapter.listSalesAccounts()).resolves.toBeInstanceOf(Array);
            break;
          }
        }
        expect(limitedSeen?.retryable).toBe(true);
      } finally {
        ledger.probe.setRateLimit(100_000, 60_000);
      }
    });

    it("recognises a document that already exists", async () => {
      const draft = sampleInvoice(harness.accounts, {
        orderNumber: nextOrder(),
        email: "conflict@example.dk",
      });
      const { invoice } = await createInvoice(adapter, draft);
      const booked = await adapter.bookInvoice(
        invoice,
        adapter.capabilities.lockDocumentNumber ? { number: 770001 } : undefined,
      );
      // Booking twice is either a no-op returning the booked document, or a conflict — never a second booking.
      const again = await adapter.bookInvoice(booked).catch((error: unknown) => error);
      if (again instanceof LedgerError) expect(again.kind).toBe("conflict");
      else expect((again as LedgerDocument).id).toBe(booked.id);

      if (adapter.capabilities.lockDocumentNumber) {
        const other = sampleInvoice(harness.accounts, {
          orderNumber: nextOrder(),
          email: "conflict@example.dk",
        });
        const created = await createInvoice(adapter, other);
        const inUse = await captureError(() => adapter.bookInvoice(created.invoice, { number: 770001 }));
        expect(inUse.kind).toBe("conflict");
        expect(inUse.retryable).toBe(false);
      }
    });

    it("recovers a document whose create response was lost (drop-after-commit) without duplicating it", async () => {
      const draft = sampleInvoice(harness.accounts, { orderNumber: nextOrder(), email: "drop@example.dk" });
      const refs = await prepareRefs(adapter, draft);
      const before = ledger.probe.counts();
      ledger.probe.faults.next("dropAfterCommit", 1, (request) =>
        harness.isDocumentCreateRequest("invoice", request),
      );
      const lost = await captureError(() => adapter.createInvoice(draft, refs));
      expect(lost.retryable).toBe(true);
      const recovered = await adapter.findDocument("invoice", draft.externalReference);
      expect(recovered).not.toBeNull();
      expect(recovered?.totalGross).toBe(draft.totals.gross);
      expect(ledger.probe.counts().invoices).toBe(before.invoices + 1);

      const booked = await adapter.bookInvoice(recovered as LedgerDocument);
      const creditDraft = sampleCreditNote(harness.accounts, draft, "9002");
      ledger.probe.faults.next("dropAfterCommit", 1, (request) =>
        harness.isDocumentCreateRequest("creditNote", request),
      );
      await captureError(() => adapter.createCreditNote(creditDraft, { invoice: booked, ...refs }));
      const recoveredCredit = await adapter.findDocument("creditNote", creditDraft.externalReference);
      expect(recoveredCredit?.totalGross).toBe(creditDraft.totals.gross);
      expect(ledger.probe.counts().creditNotes).toBe(before.creditNotes + 1);
      expect(await adapter.findDocument("invoice", "lb-t-never-created")).toBeNull();
    });
  });
}

/**
 * Finds or creates the draft's customer and ensures each distinct SKU as a product (without
 * updating existing ones), as the engine does before it creates a document. The result can be
 * passed straight to `createInvoice` / `createCreditNote`.
 */
export async function prepareRefs(adapter: LedgerAdapter, draft: InvoiceDraft | CreditNoteDraft) {
  const customer = await adapter.findOrCreateCustomer(draft.customer);
  const productIds = new Map<string, string>();
  let productsCreated = 0;
  for (const line of draft.lines) {
    if (!line.sku || productIds.has(line.sku)) continue;
    const product = await adapter.ensureProduct(skuProductSpec(line, line.sku, draft.currency), {
      update: false,
    });
    if (product.created) productsCreated++;
    productIds.set(line.sku, product.id);
  }
  return { customerId: customer.id, customerCreated: customer.created, productIds, productsCreated };
}

async function createInvoice(adapter: LedgerAdapter, draft: InvoiceDraft) {
  const refs = await prepareRefs(adapter, draft);
  const invoice = await adapter.createInvoice(draft, refs);
  return { invoice, ...refs };
}

/** The LedgerError `run` fails with; anything else (or no failure) fails the test. */
export async function captureError(run: () => Promise<unknown>): Promise<LedgerError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw new Error(`expected a LedgerError, got ${String(error)}`);
  }
  throw new Error("expected the call to fail");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
