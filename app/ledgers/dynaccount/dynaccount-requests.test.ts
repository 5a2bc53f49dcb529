import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordedBody, transferDrafts } from "../../../test/contract/recorded-requests";
import { currency } from "../../domain/money";
import type { DynaccountFields } from "./dynaccount-client";
import { bulkPairs, toPairs } from "./dynaccount-client";
import { dynaccountHarness } from "../../../simulators/dynaccount/dynaccount-harness";
import {
  buildCreditNoteHeader,
  buildOrderHeader,
  buildPaymentRow,
  buildPaymentVoucher,
  debtorFields,
  documentLines,
} from "./dynaccount-requests";

const FILE = path.resolve(import.meta.dirname, "fixtures/transfer-requests.json");
/** The form body exactly as the client sends it. */
const form = (fields: DynaccountFields) => new URLSearchParams(toPairs(fields)).toString();
const recorded = (pattern: RegExp, nth = 0) => recordedBody(FILE, "POST", pattern, nth);

describe("the recorded requests (fixtures/transfer-requests.json, recorded before the #15 split)", () => {
  const { invoice, creditNote } = transferDrafts(dynaccountHarness.accounts);
  const products = new Map([
    ["TSHIRT-RED-M", "TSHIRT-RED-M"],
    ["MUG-STONE", "MUG-STONE"],
  ]);

  it("builds the order header and its lines the adapter sent", () => {
    expect(form(buildOrderHeader(invoice, "1", "Kontant"))).toBe(recorded(/\/put\/debtor_order\/$/));
    const lines = documentLines(invoice, { column: "order_id", id: "1" }, products);
    expect(new URLSearchParams(bulkPairs(lines)).toString()).toBe(
      recorded(/\/insert_bulk\/debtor_order_product\/$/),
    );
  });

  it("builds the credit note header and its lines the adapter sent", () => {
    expect(form(buildCreditNoteHeader(creditNote, "1"))).toBe(recorded(/\/put\/debtor_creditnote\/$/));
    const lines = documentLines(creditNote, { column: "creditnote_id", id: "1" }, products);
    expect(new URLSearchParams(bulkPairs(lines)).toString()).toBe(
      recorded(/\/insert_bulk\/debtor_creditnote_product\/$/),
    );
  });

  it("builds the debtor the adapter sent", () => {
    expect(form({ module_id_: 1, ...debtorFields(invoice.customer, "Indland") })).toBe(
      recorded(/\/put\/debtor\/$/),
    );
  });

  it("builds the payment and refund vouchers with opposite amounts, as the adapter sent them", () => {
    const [payment] = invoice.payments;
    const [refund] = creditNote.payments;
    if (!payment || !refund) throw new Error("the samples carry a payment each");
    const dkk = currency("DKK");
    expect(form(buildPaymentVoucher(payment, 1, "1001", "2"))).toBe(recorded(/\/put\/enclosure\/$/, 0));
    expect(form(buildPaymentVoucher(refund, -1, "1002", "2"))).toBe(recorded(/\/put\/enclosure\/$/, 1));
    expect(
      form(buildPaymentRow(payment, 1, { voucherId: "1", debtor: "1", number: "1001", code: dkk })),
    ).toBe(recorded(/\/put\/accounting\/$/, 0));
    expect(
      form(buildPaymentRow(refund, -1, { voucherId: "2", debtor: "1", number: "1002", code: dkk })),
    ).toBe(recorded(/\/put\/accounting\/$/, 1));
  });
});
