import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordedBody, transferDrafts } from "../../../test/contract/recorded-requests";
import type { LedgerDocument } from "../ledger-contract";
import { economicHarness } from "../../../simulators/economic/economic-harness";
import {
  buildBookBody,
  buildCustomerBody,
  buildDraftBody,
  buildPaymentBody,
  documentZone,
  zoneForTreatment,
} from "./economic-requests";

const FILE = path.resolve(import.meta.dirname, "fixtures/transfer-requests.json");
type Body = Record<string, unknown>;
const recorded = (method: string, pattern: RegExp, nth = 0) =>
  recordedBody(FILE, method, pattern, nth) as Body;

describe("the recorded requests (fixtures/transfer-requests.json, recorded before the #15 split)", () => {
  const { invoice, creditNote } = transferDrafts(economicHarness.accounts);
  // The agreement numbers the simulator's settings gave the adapter when it was recorded.
  const numbers = { customerNumber: 1, layoutNumber: 19, paymentTermsNumber: 6, vatZoneNumber: 1 };

  it("builds the draft invoice and the draft credit note the adapter sent", () => {
    expect(
      buildDraftBody(invoice, {
        ...numbers,
        productNumbers: ["TSHIRT-RED-M", "MUG-STONE", "LB-SHIPPING-1010"],
        heading: invoice.header,
      }),
    ).toEqual(recorded("POST", /^\/invoices\/drafts$/, 0));
    expect(
      buildDraftBody(creditNote, {
        ...numbers,
        productNumbers: ["TSHIRT-RED-M"],
        heading: "Kreditnota til faktura 1001",
      }),
    ).toEqual(recorded("POST", /^\/invoices\/drafts$/, 1));
  });

  it("books an invoice with e-mail and a credit note without", () => {
    const draft = (kind: LedgerDocument["kind"], id: string): LedgerDocument => ({
      kind,
      id,
      state: "draft",
      totalGross: 0,
      externalReference: "x",
    });
    expect(buildBookBody(draft("invoice", "1"), { sendByEmail: true })).toEqual(
      recorded("POST", /^\/invoices\/booked$/, 0),
    );
    expect(buildBookBody(draft("creditNote", "2"), { sendByEmail: true })).toEqual(
      recorded("POST", /^\/invoices\/booked$/, 1),
    );
    expect(buildBookBody(draft("invoice", "3"), { number: 4242, sendByEmail: false })).toEqual({
      draftInvoice: { draftInvoiceNumber: 3 },
      bookWithNumber: 4242,
    });
  });

  it("builds the customer the adapter sent", () => {
    expect(
      buildCustomerBody(invoice.customer, {
        currency: "DKK",
        customerGroupNumber: 1,
        vatZoneNumber: 1,
        paymentTermsNumber: 6,
      }),
    ).toEqual(recorded("POST", /^\/customers$/));
  });

  it("builds the payment and the refund with opposite signs, as the adapter sent them", () => {
    const booked = (kind: LedgerDocument["kind"], number: string): LedgerDocument => ({
      kind,
      id: number,
      number,
      state: "booked",
      totalGross: 0,
      externalReference: "x",
    });
    const entry = { year: "2026", journalNumber: 1, contraAccount: 5820, customerNumber: 1, currency: "DKK" };
    const [payment] = invoice.payments;
    const [refund] = creditNote.payments;
    if (!payment || !refund) throw new Error("the samples carry a payment each");
    expect(buildPaymentBody(booked("invoice", "1001"), payment, entry)).toEqual(
      recorded("POST", /^\/journals\/1\/vouchers$/, 0),
    );
    expect(buildPaymentBody(booked("creditNote", "1002"), refund, entry)).toEqual(
      recorded("POST", /^\/journals\/1\/vouchers$/, 1),
    );
  });

  it("puts the whole document in the EU zone when any line is reverse charge", () => {
    expect(zoneForTreatment("export")).toBe("abroad");
    const [first, ...rest] = invoice.lines;
    if (!first) throw new Error("the sample has lines");
    expect(documentZone(invoice.lines)).toBe("domestic");
    expect(documentZone([{ ...first, vatTreatment: "euReverseCharge" }, ...rest])).toBe("eu");
  });
});
