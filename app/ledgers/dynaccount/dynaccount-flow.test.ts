import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleCreditNote, sampleInvoice } from "../../../test/contract/sample-drafts";
import type { LedgerAdapter } from "../ledger-contract";
import { dynaccountHarness } from "../../../simulators/dynaccount/dynaccount-harness";
import { DEFAULT_DRAFT_NAME } from "./dynaccount-credentials";
import { createDynaccountAdapter } from "./dynaccount-adapter";
import {
  startDynaccountSimulator,
  type RunningDynaccountSimulator,
} from "../../../simulators/dynaccount/dynaccount-simulator";

/** invoice → book → payment → e-mail → credit note → book → refund, checked in the ledger's own tables. */

const accounts = dynaccountHarness.accounts;
let sim: RunningDynaccountSimulator;
let adapter: LedgerAdapter;

beforeAll(async () => {
  sim = await startDynaccountSimulator();
  adapter = createDynaccountAdapter({
    credentials: { apiId: sim.company.apiId, apiKey: sim.company.apiKey, apiSecret: sim.company.apiSecret },
    endpoints: { apiBaseUrl: sim.url },
  });
});
afterAll(async () => {
  await sim.close();
});

describe("Dynaccount order flow", () => {
  it("books the sale, its payment, the credit note and the refund where a bookkeeper expects them", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 3001, email: "flow@example.dk" });
    const requestsAtStart = sim.requests.length;

    const customer = await adapter.findOrCreateCustomer(draft.customer);
    const productIds = new Map<string, string>();
    for (const line of draft.lines) {
      if (!line.sku) continue;
      const ref = await adapter.ensureProduct(
        {
          sku: line.sku,
          name: line.description,
          unitNet: line.unitNet,
          currency: "DKK",
          vatTreatment: line.vatTreatment,
          vatRate: line.vatRate,
          account: line.account,
        },
        { update: false },
      );
      productIds.set(line.sku, ref.id);
    }
    const stockBefore = await adapter.capabilities.stock?.readStock(["TSHIRT-RED-M", "MUG-STONE", "UNKNOWN"]);
    expect(stockBefore).toEqual(
      new Map([
        ["TSHIRT-RED-M", 0],
        ["MUG-STONE", 0],
      ]),
    );

    const invoice = await adapter.createInvoice(draft, { customerId: customer.id, productIds });
    const booked = await adapter.bookInvoice(invoice);
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    await adapter.registerPayment(booked, payment);
    await adapter.emailInvoice(booked, { recipient: "flow@example.dk", body: "Tak for din ordre #3001" });
    // A webshop order costs Dynaccount a bounded number of calls (look-ups included; a new
    // product's account is checked once to be a sales account).
    expect(sim.requests.length - requestsAtStart).toBeLessThanOrEqual(26);

    const invoiceRow = sim.state.table("debtor_invoice").byId(Number(booked.id));
    expect(invoiceRow).toMatchObject({
      invoice_id_: 1001,
      requisition: draft.externalReference,
      module_id_: customer.id,
      currency_name: "DKK",
      vat_amount: "78.00",
      total_amount: "390.00",
      is_booked: "YES",
      payment_name: "Kontant",
    });
    // Paid webshop orders are due on the invoice date.
    expect(invoiceRow?.time_due).toBe(invoiceRow?.time);
    expect(await adapter.capabilities.stock?.readStock(["TSHIRT-RED-M", "MUG-STONE"])).toEqual(
      new Map([
        ["TSHIRT-RED-M", -2],
        ["MUG-STONE", -1],
      ]),
    );

    const draftRow = sim.state.table("draft").where("name", DEFAULT_DRAFT_NAME)[0];
    expect(draftRow).toBeDefined();
    const vouchers = sim.state.table("enclosure").where("draft_id", Number(draftRow?.id));
    expect(vouchers).toHaveLength(1);
    expect(vouchers[0]).toMatchObject({ is_booked: "NO", balance_amount: "0.00" });
    expect(sim.state.table("accounting").where("enclosure_id", Number(vouchers[0]?.id))).toEqual([
      expect.objectContaining({
        type: "DEBTOR_PAYMENT",
        account_id_: accounts.deposit,
        accountoff_id_: customer.id,
        invoice_id_: "1001",
        amount: "390.00",
      }),
    ]);
    expect(sim.state.emails).toEqual([
      expect.objectContaining({
        invoiceNumber: 1001,
        email: "flow@example.dk",
        msg: "Tak for din ordre #3001",
      }),
    ]);

    const creditDraft = sampleCreditNote(accounts, draft, "r-1");
    const note = await adapter.createCreditNote(creditDraft, {
      invoice: booked,
      customerId: customer.id,
      productIds,
    });
    expect(note).toMatchObject({ state: "draft", totalGross: creditDraft.totals.gross });
    const bookedNote = await adapter.bookCreditNote(note);
    expect(bookedNote).toMatchObject({
      kind: "creditNote",
      state: "booked",
      number: "1002",
      totalGross: 10000,
    });
    const refund = creditDraft.payments[0];
    if (!refund) throw new Error("sample has a refund");
    await adapter.registerRefund(bookedNote, refund);

    expect(sim.state.table("debtor_creditnote").byId(Number(bookedNote.id))).toMatchObject({
      credit_invoice_id_: 1001,
      invoice_id_: 1002,
      requisition: creditDraft.externalReference,
      total_amount: "100.00",
    });
    expect(sim.state.table("debtor_invoice").byId(Number(booked.id))).toMatchObject({
      is_credited: "YES",
      is_credited_complete: "NO",
    });
    expect(
      sim.state.table("debtor_invoice_product").where("product_id_", "TSHIRT-RED-M")[0]?.qty_credited,
    ).toBe("1");
    expect(await adapter.capabilities.stock?.readStock(["TSHIRT-RED-M"])).toEqual(
      new Map([["TSHIRT-RED-M", -1]]),
    );
    const refundRows = sim.state.table("accounting").rows.filter((row) => row.invoice_id_ === "1002");
    expect(refundRows).toEqual([
      expect.objectContaining({ type: "DEBTOR_PAYMENT", account_id_: accounts.deposit, amount: "-100.00" }),
    ]);

    expect(await adapter.findDocument("invoice", draft.externalReference)).toEqual(booked);
    expect(await adapter.findDocument("creditNote", creditDraft.externalReference)).toEqual(bookedNote);
  });

  it("lists the seeded Danish settings for the dropdowns", async () => {
    const sales = await adapter.listSalesAccounts();
    expect(sales).toContainEqual({ id: "1100", label: "1100 Salg af varer, indland" });
    expect(sales.map((account) => account.id)).not.toContain("2100");
    const deposit = await adapter.listDepositAccounts();
    expect(deposit.slice(0, 5).map((account) => account.id)).toEqual([
      "5800",
      "5810",
      "5820",
      "5830",
      "5840",
    ]);
    expect(deposit.map((account) => account.id)).toContain(accounts.giftCardLiability);
    const vat = await adapter.listVatCodes();
    expect(vat).toContainEqual({ id: "S25", label: "S25 Salgsmoms 25%", rate: 2500 });
    expect(vat.map((code) => code.id)).not.toContain("K25");
    expect(await adapter.listPaymentTerms()).toContainEqual({ id: "Netto 8 dage", label: "Netto 8 dage" });
    expect(await adapter.listLayouts()).toEqual([]);
    expect(await adapter.verifyConnection()).toEqual({
      organisations: [{ id: sim.company.apiId, name: `Dynaccount (API ID ${sim.company.apiId})` }],
    });
  });
});
