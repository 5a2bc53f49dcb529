import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordedBody, transferDrafts } from "../../../test/contract/recorded-requests";
import { sampleCreditNote, sampleInvoice } from "../../../test/contract/sample-drafts";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import { LedgerError } from "../ledger-error";
import { skuProductSpec } from "../line-product-spec";
import { toDineroAmount } from "./dinero-amounts";
import { dineroHarness } from "../../../simulators/dinero/dinero-harness";
import {
  buildContactBody,
  buildCreditNoteBody,
  buildEmailBody,
  buildInvoiceBody,
  buildPaymentBody,
  buildProductBody,
  dineroAccountNumber,
} from "./dinero-requests";

const accounts = dineroHarness.accounts;
const refs = {
  guid: "3a315ad3-ddcc-419d-9fc5-219280ae4816",
  customerId: "f8e8286a-9838-46f7-85c6-080dd48b67f4",
  productIds: new Map<string, string>(),
};

describe("buildInvoiceBody", () => {
  it("sends unit prices excl. VAT when the shop priced excl. VAT", () => {
    const draft: InvoiceDraft = {
      ...sampleInvoice(accounts, { orderNumber: 1, email: "a@example.dk" }),
      pricesIncludeVat: false,
      paymentTermsDays: 14,
    };
    const body = buildInvoiceBody(draft, refs);
    expect(body.ShowLinesInclVat).toBe(false);
    expect(body.ProductLines.map((line) => line.BaseAmountValue)).toEqual([80, 120, 32]);
    expect(body.ProductLines.map((line) => line.Description)).toEqual([
      "T-shirt, red, M",
      "Mug, stoneware",
      "Shipping: GLS pakkeshop",
    ]);
    expect(body).toMatchObject({ PaymentConditionType: "Netto", PaymentConditionNumberOfDays: 14 });
  });

  it("keeps the discount code for the bookkeeper and writes English for foreign customers", () => {
    const base = sampleInvoice(accounts, { orderNumber: 2, email: "b@example.dk" });
    const discount = {
      ...base.lines[0]!,
      kind: "discount" as const,
      sku: undefined,
      description: "Rabat",
      quantity: 1,
      unitNet: -2000,
      net: -2000,
      vat: -500,
      gross: -2500,
      discountCode: "SOMMER20",
    };
    const draft: InvoiceDraft = {
      ...base,
      lines: [...base.lines, discount],
      customer: { ...base.customer, address: { ...base.customer.address, countryCode: "SE" } },
    };
    const body = buildInvoiceBody(draft, refs);
    expect(body.Language).toBe("en-GB");
    expect(body.ProductLines.at(-1)).toEqual({
      ProductGuid: null,
      Description: "Rabat",
      Comments: "Rabatkode: SOMMER20",
      Quantity: 1,
      AccountNumber: 1000,
      Unit: "parts",
      BaseAmountValue: -25,
      Discount: 0,
      LineType: "Product",
    });
  });

  it("refuses references longer than Dinero's 128 characters and accounts that are not numbers", () => {
    const draft = sampleInvoice(accounts, { orderNumber: 3, email: "c@example.dk" });
    expect(() => buildInvoiceBody({ ...draft, externalReference: "x".repeat(129) }, refs)).toThrow(
      LedgerError,
    );
    try {
      dineroAccountNumber("Salg");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).merchantMessage).toMatch(/not a Dinero account number/);
    }
    expect(dineroAccountNumber(" 1000 ")).toBe(1000);
  });
});

describe("buildCreditNoteBody", () => {
  it("links the invoice and carries no payment condition (the credit-note model has none)", () => {
    const invoice = sampleInvoice(accounts, { orderNumber: 4, email: "d@example.dk" });
    const body = buildCreditNoteBody(sampleCreditNote(accounts, invoice, "1"), {
      ...refs,
      invoiceId: "11111111-2222-4333-8444-555555555555",
    });
    expect(body.CreditNoteFor).toBe("11111111-2222-4333-8444-555555555555");
    expect(body).not.toHaveProperty("PaymentConditionType");
    expect(body.ProductLines).toHaveLength(1);
  });
});

describe("the recorded requests (fixtures/transfer-requests.json, recorded before the #15 split)", () => {
  const file = path.resolve(import.meta.dirname, "fixtures/transfer-requests.json");
  const recorded = (method: string, pattern: RegExp) =>
    recordedBody(file, method, pattern) as Record<string, unknown>;
  const { invoice, creditNote } = transferDrafts(accounts);
  const invoiceBody = recorded("POST", /\/invoices$/);
  const creditBody = recorded("POST", /\/sales\/creditnotes$/);
  // The simulator's product ids were recorded as "<ledger-guid>".
  const productIds = new Map([
    ["TSHIRT-RED-M", "<ledger-guid>"],
    ["MUG-STONE", "<ledger-guid>"],
  ]);
  const customerId = String(invoiceBody.ContactGuid);
  const dkk = currency("DKK");

  it("builds the invoice and the credit note the adapter sent", () => {
    expect(buildInvoiceBody(invoice, { guid: String(invoiceBody.Guid), customerId, productIds })).toEqual(
      invoiceBody,
    );
    const invoiceId = String(creditBody.CreditNoteFor);
    expect(
      buildCreditNoteBody(creditNote, { guid: String(creditBody.Guid), customerId, productIds, invoiceId }),
    ).toEqual(creditBody);
  });

  it("builds the contact and the products the adapter sent", () => {
    expect(buildContactBody(invoice.customer, customerId)).toEqual(recorded("POST", /\/contacts$/));
    const [shirt, mug] = invoice.lines;
    if (!shirt?.sku || !mug?.sku) throw new Error("the sample has two products");
    expect(buildProductBody(skuProductSpec(shirt, shirt.sku, invoice.currency))).toEqual(
      recordedBody(file, "POST", /\/products$/, 0),
    );
    expect(buildProductBody(skuProductSpec(mug, mug.sku, invoice.currency))).toEqual(
      recordedBody(file, "POST", /\/products$/, 1),
    );
  });

  it("builds the payment and the refund the adapter sent", () => {
    const [payment] = invoice.payments;
    const [refund] = creditNote.payments;
    if (!payment || !refund) throw new Error("the samples carry a payment each");
    expect(
      buildPaymentBody("invoice", payment, "<timestamp>", { Amount: toDineroAmount(payment.amount, dkk) }),
    ).toEqual(recorded("POST", /\/invoices\/[^/]+\/payments$/));
    expect(
      buildPaymentBody("creditNote", refund, "<timestamp>", { Amount: toDineroAmount(refund.amount, dkk) }),
    ).toEqual(recorded("POST", /\/creditnotes\/[^/]+\/payments$/));
  });

  it("adds the PDF link tag an e-mail must carry", () => {
    expect(buildEmailBody({ recipient: "a@example.dk", body: "Tak" })).toEqual({
      ShouldAddTrustPilotEmailAsBcc: false,
      Receiver: "a@example.dk",
      Message: "Tak\n\n[link-to-pdf]",
    });
  });
});
