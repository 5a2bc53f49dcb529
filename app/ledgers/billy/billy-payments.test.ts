import { describe, expect, it } from "vitest";
import { sampleInvoice } from "../../../test/contract/sample-drafts";
import { billyAccounts as accounts, billyTestBed } from "../../../test/support/billy-recording";
import { documentedRequests } from "../../../test/support/billy-request-inputs";
import { currency } from "../../domain/money";

/** Payments and refunds as bank payments (and the invoice e-mail after payment). */

const bed = billyTestBed();

describe("Billy payments", () => {
  it("books with PUT state approved, pays with a bankPayment and e-mails through a contact person", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1002, email: "pay@example.dk" });
    const refs = await bed.refsFor(draft);
    const booked = await bed.adapter.bookInvoice(await bed.adapter.createInvoice(draft, refs));
    expect(bed.lastWrite(`/invoices/${booked.id}`)).toEqual(documentedRequests.approveInvoice);
    expect(booked).toMatchObject({ state: "booked", number: "1" });

    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    const paid = await bed.adapter.registerPayment(booked, payment);
    const body = bed.lastWrite("/bankPayments");
    expect(body).toEqual({
      bankPayment: {
        entryDate: "2026-11-20",
        cashAmount: 390,
        cashSide: "debit",
        cashAccountId: accounts.deposit,
        associations: [{ subjectReference: `invoice:${booked.id}` }],
      },
    });
    expect(Object.keys(body?.bankPayment ?? {}).sort()).toEqual(
      Object.keys(documentedRequests.bankPaymentForInvoice.bankPayment)
        .filter((k) => k !== "organizationId")
        .sort(),
    );
    expect(bed.sim.state.invoices.get(booked.id)).toMatchObject({ isPaid: true, balanceMinor: 0 });
    // A repeated call after a lost answer finds the payment instead of paying twice.
    expect(await bed.adapter.registerPayment(booked, payment)).toEqual({ id: paid.id, created: false });
    expect(bed.sim.state.bankPayments.size).toBe(1);

    await bed.adapter.emailInvoice(booked, {
      recipient: "accounts@example.dk",
      subject: "Your invoice",
      body: "Thanks!",
    });
    expect(bed.lastWrite("/contactPersons")).toEqual({
      contactPerson: { contactId: refs.customerId, email: "accounts@example.dk", isPrimary: false },
    });
    const email = bed.lastWrite(`/invoices/${booked.id}/emails`);
    expect(Object.keys(email?.email ?? {}).sort()).toEqual(
      Object.keys(documentedRequests.sendInvoiceEmail.email).sort(),
    );
    expect(bed.sim.state.emails).toMatchObject([
      { to: "accounts@example.dk", emailSubject: "Your invoice", emailBody: "Thanks!" },
    ]);
  });

  it("pays a EUR invoice from the DKK bank account at the invoice's exchange rate", async () => {
    const draft = {
      ...sampleInvoice(accounts, { orderNumber: 1010, email: "eur@example.dk" }),
      currency: currency("EUR"),
    };
    const refs = await bed.refsFor(draft);
    const booked = await bed.adapter.bookInvoice(await bed.adapter.createInvoice(draft, refs));
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    await bed.adapter.registerPayment(booked, payment);
    expect(bed.lastWrite("/bankPayments")?.bankPayment).toMatchObject({
      cashAmount: 2909.4,
      cashExchangeRate: 7.46,
    });
    expect(bed.sim.state.invoices.get(booked.id)?.isPaid).toBe(true);
  });
});
