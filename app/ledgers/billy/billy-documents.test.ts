import { describe, expect, it } from "vitest";
import { captureError } from "../../../test/contract/ledger-contract-suite";
import { sampleCreditNote, sampleInvoice } from "../../../test/contract/sample-drafts";
import { billyAccounts as accounts, billyTestBed } from "../../../test/support/billy-recording";
import { documentedRequests } from "../../../test/support/billy-request-inputs";

/** Invoices and credit notes: created, checked against the draft, booked and numbered. */

const bed = billyTestBed();

describe("Billy documents: requests it sends", () => {
  it("creates the invoice as a draft with externalId, taxMode and decimal prices, and generic products for lines without SKU", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1001, email: "a@example.dk" });
    const refs = await bed.refsFor(draft);
    const invoice = await bed.adapter.createInvoice(draft, refs);
    expect(invoice).toMatchObject({
      kind: "invoice",
      state: "draft",
      totalGross: draft.totals.gross,
      externalReference: draft.externalReference,
    });
    expect(invoice.number).toBeUndefined();

    const body = bed.lastWrite("/invoices")?.invoice;
    const shipping = [...bed.sim.state.products.values()].find(
      (p) => p.productNo === `ledgerbridge-shipping-domestic-${accounts.sales}`,
    );
    expect(shipping?.name).toBe("Fragt");
    expect(body).toEqual({
      type: "invoice",
      contactId: refs.customerId,
      paymentTermsMode: "net",
      paymentTermsDays: 0,
      entryDate: "2026-11-20",
      currencyId: "DKK",
      taxMode: "incl",
      state: "draft",
      externalId: "lb-t-s1-1001",
      contactMessage: "Order #1001\nShopify order #1001",
      lines: [
        {
          productId: refs.productIds.get("TSHIRT-RED-M"),
          description: "T-shirt, red, M",
          quantity: 2,
          unitPrice: 100,
          priority: 0,
        },
        {
          productId: refs.productIds.get("MUG-STONE"),
          description: "Mug, stoneware",
          quantity: 1,
          unitPrice: 150,
          priority: 1,
        },
        {
          productId: shipping?.id,
          description: "Shipping: GLS pakkeshop",
          quantity: 1,
          unitPrice: 40,
          priority: 2,
        },
      ],
    });
    // Same keys as Billy's documented example, plus what the example leaves to defaults.
    expect(Object.keys(body ?? {})).toEqual(
      expect.arrayContaining(
        Object.keys(documentedRequests.createInvoice.invoice).filter(
          (k) => !["organizationId", "invoiceNo"].includes(k),
        ),
      ),
    );
  });

  it("credits with type creditNote and creditedInvoiceId, and refunds with cashSide credit", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1003, email: "refund@example.dk" });
    const refs = await bed.refsFor(draft);
    const booked = await bed.adapter.bookInvoice(await bed.adapter.createInvoice(draft, refs));
    const creditDraft = sampleCreditNote(accounts, draft, "55");
    const credit = await bed.adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
    expect(bed.lastWrite("/invoices")?.invoice).toMatchObject({
      type: "creditNote",
      creditedInvoiceId: booked.id,
      contactId: refs.customerId,
      state: "draft",
      externalId: creditDraft.externalReference,
      lines: [{ productId: refs.productIds.get("TSHIRT-RED-M"), quantity: 1, unitPrice: 100 }],
    });
    const bookedCredit = await bed.adapter.bookCreditNote(credit);
    expect(bookedCredit).toMatchObject({
      kind: "creditNote",
      state: "booked",
      number: "2",
      totalGross: 10000,
    });
    const refund = creditDraft.payments[0];
    if (!refund) throw new Error("sample has a refund");
    await bed.adapter.registerRefund(bookedCredit, refund);
    expect(bed.lastWrite("/bankPayments")?.bankPayment).toMatchObject({
      cashSide: "credit",
      cashAmount: 100,
      associations: [{ subjectReference: `invoice:${credit.id}` }],
    });
    expect(bed.sim.state.invoices.get(credit.id)).toMatchObject({
      isPaid: true,
      creditedInvoiceId: booked.id,
    });
  });
});

describe("Billy documents: guards", () => {
  it("refuses a document whose Billy total differs from the draft and deletes the draft", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1004, email: "m@example.dk" });
    const refs = await bed.refsFor(draft);
    const tampered = { ...draft, totals: { ...draft.totals, gross: draft.totals.gross + 1 } };
    const failure = await captureError(() => bed.adapter.createInvoice(tampered, refs));
    expect([failure.kind, failure.retryable]).toEqual(["validation", false]);
    expect(failure.merchantMessage).toContain("390.00 DKK");
    expect(failure.merchantMessage).toContain("390.01 DKK");
    expect(bed.sim.state.invoices.size).toBe(0);
  });

  it("refuses a document whose VAT per rate, as Billy rounded it, differs from the draft's", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1011, email: "vat@example.dk" });
    // 12.52 incl. 25 % holds 2.50 VAT in any ledger; the draft states 2.51 with the same gross.
    const line = {
      ...draft.lines[0]!,
      sku: "VAT-1",
      quantity: 1,
      unitNet: 1001,
      net: 1001,
      vat: 251,
      gross: 1252,
    };
    const off = {
      ...draft,
      lines: [line],
      totals: { net: 1001, vat: 251, gross: 1252 },
      vatByRate: [{ vatRate: 2500, net: 1001, vat: 251 }],
      payments: [],
    };
    const failure = await captureError(async () => bed.adapter.createInvoice(off, await bed.refsFor(off)));
    expect([failure.kind, failure.retryable]).toEqual(["validation", false]);
    expect(failure.merchantMessage).toContain("Billy calculated a VAT of 2.50 DKK at 25 %");
    expect(failure.messageIn("da")).toContain("Billy beregnede en moms på 2.50 DKK ved 25 %");
    expect(bed.sim.state.invoices.size).toBe(0);
  });

  it("refuses a line where Billy's VAT rules give another rate than the order", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1005, email: "us@example.com" });
    // A US customer: Billy's standard ruleset gives 0 % (export), the order says 25 % domestic.
    draft.customer = { ...draft.customer, address: { ...draft.customer.address, countryCode: "US" } };
    const refs = await bed.refsFor(draft);
    const failure = await captureError(() => bed.adapter.createInvoice(draft, refs));
    expect(failure.kind).toBe("validation");
    expect(failure.merchantMessage).toMatch(/applies 0 % VAT .* order has 25 %/);
    expect(bed.sim.state.invoices.size).toBe(0);
  });

  it("answers a second create of the same document with a conflict naming the first", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1006, email: "d@example.dk" });
    const refs = await bed.refsFor(draft);
    const first = await bed.adapter.createInvoice(draft, refs);
    const duplicate = await captureError(() => bed.adapter.createInvoice(draft, refs));
    expect([duplicate.kind, duplicate.existingId]).toEqual(["conflict", first.id]);
    expect(bed.sim.state.invoices.size).toBe(1);
  });

  it("writes a locked number at creation, and renumbers an unnumbered draft by replacing it", async () => {
    const locked = {
      ...sampleInvoice(accounts, { orderNumber: 1007, email: "n@example.dk" }),
      lockedNumber: 51007,
    };
    const refs = await bed.refsFor(locked);
    const created = await bed.adapter.createInvoice(locked, refs);
    expect(bed.lastWrite("/invoices")?.invoice.invoiceNo).toBe("51007");
    const booked = await bed.adapter.bookInvoice(created, { number: 51007 });
    expect([booked.id, booked.number]).toEqual([created.id, "51007"]);

    const plain = sampleInvoice(accounts, { orderNumber: 1008, email: "n@example.dk" });
    const draftDoc = await bed.adapter.createInvoice(plain, refs);
    const renumbered = await bed.adapter.bookInvoice(draftDoc, { number: 51008 });
    expect(renumbered).toMatchObject({ state: "booked", number: "51008", totalGross: plain.totals.gross });
    expect(bed.sim.state.invoices.has(draftDoc.id)).toBe(false);
    expect((await bed.adapter.findDocument("invoice", plain.externalReference))?.id).toBe(renumbered.id);

    const third = await bed.adapter.createInvoice(
      sampleInvoice(accounts, { orderNumber: 1009, email: "n@example.dk" }),
      refs,
    );
    const taken = await captureError(() => bed.adapter.bookInvoice(third, { number: 51008 }));
    expect([taken.kind, taken.existingId]).toEqual(["conflict", renumbered.id]);
    expect(bed.sim.state.invoices.get(third.id)?.state).toBe("draft");
  });
});
