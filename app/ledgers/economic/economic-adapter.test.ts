import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DraftCustomer, InvoiceDraft } from "../../domain/invoice-draft";
import type { LedgerAdapter } from "../ledger-contract";
import { captureError, prepareRefs } from "../../../test/contract/ledger-contract-suite";
import { sampleCreditNote, sampleInvoice } from "../../../test/contract/sample-drafts";
import { type EconomicAdapterOptions, createEconomicAdapter } from "./economic-adapter";
import { economicHarness } from "../../../simulators/economic/economic-harness";
import { accountSchema, collectionOf } from "./economic-schemas";
import {
  type RunningEconomicSimulator,
  startEconomicSimulator,
} from "../../../simulators/economic/economic-simulator";

interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  idempotencyKey: string | null;
  body: unknown;
}

const accounts = economicHarness.accounts;
let sim: RunningEconomicSimulator;
let sent: SentRequest[] = [];
let beforeRequestCalls = 0;
let order = 5000;

/** Records what the adapter sends, then lets the real request reach the simulator. */
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  sent.push({
    method: init?.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    idempotencyKey: headers.get("idempotency-key"),
    body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
  });
  return fetch(input, init);
};

function adapter(
  options: EconomicAdapterOptions = { emailOnBooking: true },
  timeoutMs = 2000,
): LedgerAdapter {
  return createEconomicAdapter(
    {
      credentials: sim.tokens,
      endpoints: { apiBaseUrl: sim.url },
      fetch: recordingFetch,
      timeoutMs,
      beforeRequest: async () => {
        beforeRequestCalls++;
      },
    },
    options,
  );
}

const writes = (path?: string) =>
  sent.filter((request) => request.method !== "GET" && (!path || request.path === path));

beforeAll(async () => {
  sim = await startEconomicSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sent = [];
  beforeRequestCalls = 0;
  sim.faults.reset();
});

describe("e-conomic adapter: request bodies through a full order", () => {
  it("sends customer, products, draft, booking, payment, credit note and refund as e-conomic expects", async () => {
    const ledger = adapter();
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "bodies@example.dk" });
    const refs = await prepareRefs(ledger, draft);
    const invoice = await ledger.createInvoice(draft, refs);
    const booked = await ledger.bookInvoice(invoice);
    const payment = await ledger.registerPayment(booked, draft.payments[0]!);
    await ledger.emailInvoice(booked, { recipient: "bodies@example.dk", body: "Tak for din ordre" });
    const creditDraft = sampleCreditNote(accounts, draft, "77");
    const credit = await ledger.createCreditNote(creditDraft, { invoice: booked, ...refs });
    const bookedCredit = await ledger.bookCreditNote(credit);
    const refund = await ledger.registerRefund(bookedCredit, creditDraft.payments[0]!);

    expect(writes("/customers")[0]?.body).toEqual({
      name: "Karen Jensen",
      currency: "DKK",
      customerGroup: { customerGroupNumber: 1 },
      vatZone: { vatZoneNumber: 1 },
      paymentTerms: { paymentTermsNumber: 6 },
      email: "bodies@example.dk",
      telephoneAndFaxNumber: "+4512345678",
      address: "Vestergade 12",
      zip: "8000",
      city: "Aarhus C",
      country: "Denmark",
    });
    expect(writes("/products").map((request) => request.body)).toEqual(
      expect.arrayContaining([
        {
          productNumber: "TSHIRT-RED-M",
          name: "T-shirt, red, M",
          productGroup: { productGroupNumber: 1 },
          salesPrice: 80,
        },
        { productNumber: "LB-SHIPPING-1010", name: "Fragt", productGroup: { productGroupNumber: 1 } },
      ]),
    );
    const customerNumber = Number(refs.customerId);
    expect(writes("/invoices/drafts")[0]?.body).toEqual({
      date: "2026-11-20",
      currency: "DKK",
      customer: { customerNumber },
      paymentTerms: { paymentTermsNumber: 6 },
      layout: { layoutNumber: 19 },
      recipient: {
        name: "Karen Jensen",
        address: "Vestergade 12",
        zip: "8000",
        city: "Aarhus C",
        country: "Denmark",
        vatZone: { vatZoneNumber: 1 },
      },
      notes: { heading: `Order #${order}`, textLine1: `Shopify order #${order}` },
      references: { other: draft.externalReference },
      lines: [
        {
          lineNumber: 1,
          sortKey: 1,
          product: { productNumber: "TSHIRT-RED-M" },
          description: "T-shirt, red, M",
          quantity: 2,
          unitNetPrice: 80,
        },
        {
          lineNumber: 2,
          sortKey: 2,
          product: { productNumber: "MUG-STONE" },
          description: "Mug, stoneware",
          quantity: 1,
          unitNetPrice: 120,
        },
        {
          lineNumber: 3,
          sortKey: 3,
          product: { productNumber: "LB-SHIPPING-1010" },
          description: "Shipping: GLS pakkeshop",
          quantity: 1,
          unitNetPrice: 32,
        },
      ],
    });
    expect(writes("/invoices/booked")[0]?.body).toEqual({
      draftInvoice: { draftInvoiceNumber: Number(invoice.id) },
      sendBy: "Email",
    });
    const [paymentVoucher, refundVoucher] = writes("/journals/1/vouchers").map((request) => request.body);
    expect(paymentVoucher).toEqual({
      accountingYear: { year: "2026" },
      journal: { journalNumber: 1 },
      entries: {
        customerPayments: [
          {
            customer: { customerNumber },
            customerInvoice: Number(booked.number),
            text: `Betaling faktura ${booked.number} (shopify_payments txn-${order})`,
            amount: -390,
            contraAccount: { accountNumber: 5820 },
            currency: { code: "DKK" },
            date: "2026-11-20",
          },
        ],
      },
    });
    expect(writes("/invoices/drafts")[1]?.body).toMatchObject({
      notes: { heading: `Kreditnota til faktura ${booked.number}` },
      references: { other: creditDraft.externalReference },
      lines: [
        {
          lineNumber: 1,
          sortKey: 1,
          product: { productNumber: "TSHIRT-RED-M" },
          description: "T-shirt, red, M",
          quantity: -1,
          unitNetPrice: 80,
        },
      ],
    });
    expect(writes("/invoices/booked")[1]?.body).toEqual({
      draftInvoice: { draftInvoiceNumber: Number(credit.id) },
    });
    expect(refundVoucher).toMatchObject({
      entries: {
        customerPayments: [{ customerInvoice: Number(bookedCredit.number), amount: 100, date: "2026-11-21" }],
      },
    });

    for (const write of writes()) expect(write.idempotencyKey).toMatch(/^ledger-bridge:[\w-]+:/);
    expect(beforeRequestCalls).toBe(sent.length);

    expect([invoice.totalGross, booked.totalGross, credit.totalGross]).toEqual([39000, 39000, 10000]);
    expect(sim.state.findBooked(Number(bookedCredit.number))?.grossCents).toBe(-10000);
    expect(payment.id).toMatch(/^2026-\d+$/);
    expect(refund.id).not.toBe(payment.id);
    expect(
      sim.state.emails.filter((email) => email.bookedInvoiceNumber === Number(booked.number)),
    ).toHaveLength(1);
  });

  it("books with a locked number when asked", async () => {
    const ledger = adapter({});
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "locked@example.dk" });
    const invoice = await ledger.createInvoice(draft, await prepareRefs(ledger, draft));
    const booked = await ledger.bookInvoice(invoice, { number: 880_001 });
    expect(writes("/invoices/booked")[0]?.body).toEqual({
      draftInvoice: { draftInvoiceNumber: Number(invoice.id) },
      bookWithNumber: 880_001,
    });
    expect(booked.number).toBe("880001");
  });
});

describe("e-conomic adapter: never twice, never wrong", () => {
  it("refuses to book a document whose e-conomic total differs, and removes the draft", async () => {
    const ledger = adapter();
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "mismatch@example.dk" });
    const wrong = { ...draft, totals: { ...draft.totals, gross: draft.totals.gross + 1 } };
    const error = await captureError(async () =>
      ledger.createInvoice(wrong, await prepareRefs(ledger, draft)),
    );
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toContain("e-conomic calculated 390 DKK");
    expect(error.merchantMessage).toContain("390.01 DKK");
    expect(writes().at(-1)?.method).toBe("DELETE");
    expect(await ledger.findDocument("invoice", draft.externalReference)).toBeNull();
  });

  it("answers a second create of the same document with a conflict naming the first", async () => {
    const ledger = adapter();
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "twice@example.dk" });
    const refs = await prepareRefs(ledger, draft);
    const first = await ledger.createInvoice(draft, refs);
    const error = await captureError(() => ledger.createInvoice(draft, refs));
    expect([error.kind, error.existingId, error.retryable]).toEqual(["conflict", first.id, false]);
    expect(
      sim.state.invoices.filter(
        (invoice) => (invoice.data.references as { other: string }).other === draft.externalReference,
      ),
    ).toHaveLength(1);
  });

  it("retries a booking whose answer was lost under the same Idempotency-Key, getting one booked invoice", async () => {
    const ledger = adapter({});
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "lostbook@example.dk" });
    const invoice = await ledger.createInvoice(draft, await prepareRefs(ledger, draft));
    sim.faults.next(
      "dropAfterCommit",
      1,
      (request) => request.method === "POST" && request.path === "/invoices/booked",
    );
    const lost = await captureError(() => ledger.bookInvoice(invoice));
    expect([lost.kind, lost.retryable]).toEqual(["unavailable", true]);
    const booked = await ledger.bookInvoice(invoice);
    const [firstTry, retry] = writes("/invoices/booked");
    expect(retry?.idempotencyKey).toBe(firstTry?.idempotencyKey);
    expect(
      sim.state.booked().filter((candidate) => candidate.draftInvoiceNumber === Number(invoice.id)),
    ).toHaveLength(1);
    expect(booked.state).toBe("booked");
  });

  it("recovers a booking whose answer was lost beyond the idempotency window by looking the invoice up", async () => {
    const ledger = adapter({});
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "expired@example.dk" });
    const invoice = await ledger.createInvoice(draft, await prepareRefs(ledger, draft));
    sim.faults.next("dropAfterCommit", 1, (request) => request.path === "/invoices/booked");
    await captureError(() => ledger.bookInvoice(invoice));
    // Simulate the one-hour cache having expired: the retry reaches the server, whose draft is gone.
    (sim.idempotency as unknown as { entries: Map<string, unknown> }).entries.clear();
    const booked = await ledger.bookInvoice(invoice);
    expect(booked).toMatchObject({
      state: "booked",
      totalGross: draft.totals.gross,
      externalReference: draft.externalReference,
    });
  });

  it("retries a payment whose answer was lost without entering it twice", async () => {
    const ledger = adapter({});
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "lostpay@example.dk" });
    const booked = await ledger.bookInvoice(
      await ledger.createInvoice(draft, await prepareRefs(ledger, draft)),
    );
    const vouchersBefore = sim.state.vouchers.length;
    sim.faults.next("dropAfterCommit", 1, (request) => request.path.endsWith("/vouchers"));
    await captureError(() => ledger.registerPayment(booked, draft.payments[0]!));
    const ref = await ledger.registerPayment(booked, draft.payments[0]!);
    expect(sim.state.vouchers.length).toBe(vouchersBefore + 1);
    expect(ref.id).toBe(`2026-${sim.state.vouchers.at(-1)?.voucherNumber}`);
  });
});

describe("e-conomic adapter: customers, VAT zones and products", () => {
  const customerWith = (overrides: Partial<DraftCustomer>): DraftCustomer => ({
    match: { key: "email", value: "x@example.dk" },
    reference: "shopify-customer-x",
    name: "Firma ApS",
    isBusiness: true,
    address: { line1: "Havnegade 1", zip: "1058", city: "København K", countryCode: "DK" },
    ...overrides,
  });

  it("finds existing customers by phone, by CVR (with or without DK prefix) and, for 'reference', by e-mail", async () => {
    const ledger = adapter();
    const byPhone = await ledger.findOrCreateCustomer(
      customerWith({ match: { key: "phone", value: "+4520304050" }, phone: "+4520304050" }),
    );
    expect(byPhone.created).toBe(true);
    expect(
      (
        await ledger.findOrCreateCustomer(
          customerWith({ match: { key: "phone", value: "+4520304050" }, phone: "+4520304050" }),
        )
      ).id,
    ).toBe(byPhone.id);

    const cvr = await ledger.findOrCreateCustomer(
      customerWith({ match: { key: "vatNumber", value: "DK 1122 3344" }, vatNumber: "DK 1122 3344" }),
    );
    expect(writes("/customers").at(-1)?.body).toMatchObject({ corporateIdentificationNumber: "11223344" });
    expect(
      (
        await ledger.findOrCreateCustomer(
          customerWith({ match: { key: "vatNumber", value: "11223344" }, vatNumber: "11223344" }),
        )
      ).id,
    ).toBe(cvr.id);

    const byMail = await ledger.findOrCreateCustomer(customerWith({ email: "Ref.Match@example.dk" }));
    const again = await ledger.findOrCreateCustomer(
      customerWith({
        match: { key: "reference", value: "shopify-customer-9" },
        email: "ref.match@example.dk",
      }),
    );
    expect(again).toEqual({ id: byMail.id, created: false });
  });

  it("puts EU businesses in the EU zone and their reverse-charge invoices at 0 % VAT", async () => {
    const ledger = adapter();
    const customer = customerWith({
      match: { key: "email", value: "einkauf@firma.de" },
      email: "einkauf@firma.de",
      vatNumber: "DE123456789",
      address: { line1: "Hauptstraße 1", zip: "10115", city: "Berlin", countryCode: "DE" },
    });
    const created = await ledger.findOrCreateCustomer(customer);
    expect(writes("/customers").at(-1)?.body).toMatchObject({
      customerGroup: { customerGroupNumber: 2 },
      vatZone: { vatZoneNumber: 2 },
      country: "Germany",
      corporateIdentificationNumber: "DE123456789",
    });
    const base = sampleInvoice(accounts, { orderNumber: ++order, email: "einkauf@firma.de" });
    const lines = base.lines.map((line) => ({
      ...line,
      vatRate: 0,
      vatTreatment: "euReverseCharge" as const,
      vat: 0,
      gross: line.net,
    }));
    const draft: InvoiceDraft = {
      ...base,
      customer,
      lines,
      totals: { net: base.totals.net, vat: 0, gross: base.totals.net },
    };
    const refs = await prepareRefs(ledger, draft);
    const invoice = await ledger.createInvoice(draft, { ...refs, customerId: created.id });
    expect(writes("/invoices/drafts").at(-1)?.body).toMatchObject({
      recipient: { vatZone: { vatZoneNumber: 2 } },
    });
    expect(invoice.totalGross).toBe(31200);
  });

  it("updates a product's price and name with a full PUT when asked", async () => {
    const ledger = adapter();
    const spec = {
      sku: "POSTER A2",
      name: "Poster",
      unitNet: 10000,
      currency: "DKK",
      vatTreatment: "domestic" as const,
      vatRate: 2500,
      account: "1010",
    };
    expect((await ledger.ensureProduct(spec, { update: false })).created).toBe(true);
    expect(await ledger.ensureProduct({ ...spec, unitNet: 12550 }, { update: false })).toEqual({
      id: "POSTER A2",
      created: false,
    });
    expect(writes().filter((request) => request.method === "PUT")).toHaveLength(0);
    await ledger.ensureProduct({ ...spec, unitNet: 12550, name: "Poster, A2" }, { update: true });
    const put = writes().find((request) => request.method === "PUT");
    expect(put?.path).toBe("/products/POSTER_9_A2");
    expect(put?.body).toMatchObject({
      productNumber: "POSTER A2",
      name: "Poster, A2",
      salesPrice: 125.5,
      productGroup: { productGroupNumber: 1 },
    });
    expect(sim.state.product("poster a2")?.data.salesPrice).toBe(125.5);
  });

  it("explains when no product group books to the chosen account", async () => {
    const error = await captureError(() =>
      adapter().ensureProduct(
        {
          sku: "X-1",
          name: "X",
          unitNet: 100,
          currency: "DKK",
          vatTreatment: "domestic",
          vatRate: 2500,
          account: "1310",
        },
        { update: false },
      ),
    );
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toMatch(/No e-conomic product group books sales to account 1310/);
  });
});

describe("e-conomic adapter: settings, e-mail and failures", () => {
  it("fills the settings dropdowns from the agreement", async () => {
    const ledger = adapter();
    const sales = (await ledger.listSalesAccounts()).map((option) => option.id);
    expect(sales).toEqual(expect.arrayContaining(["1010", "1020", "1030", "1090"]));
    expect(sales).not.toContain("1310");
    const deposit = (await ledger.listDepositAccounts()).map((option) => option.id);
    expect(deposit).toEqual(["5810", "5820", "5830", "5840"]);
    expect(await ledger.listVatCodes()).toContainEqual({ id: "U25", label: "U25 Salgsmoms 25%", rate: 2500 });
    expect((await ledger.listLayouts()).map((option) => option.id)).toEqual(["19", "21"]);
    expect(await ledger.listPaymentTerms()).toContainEqual({ id: "3", label: "Netto 30 dage" });
  });

  it("reads a recorded e-conomic collection with its lenient schemas", () => {
    const recorded = JSON.parse(
      readFileSync(
        new URL("../../../test/fixtures/economic/responses/accounts.collection.json", import.meta.url),
        "utf8",
      ),
    );
    const parsed = collectionOf(accountSchema).parse(recorded);
    expect(parsed.collection.map((account) => account.accountNumber)).toEqual([1000, 1001]);
  });

  it("explains that e-conomic e-mails only at booking when that is off", async () => {
    const ledger = adapter({});
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "nomail@example.dk" });
    const booked = await ledger.bookInvoice(
      await ledger.createInvoice(draft, await prepareRefs(ledger, draft)),
    );
    const error = await captureError(() =>
      ledger.emailInvoice(booked, { recipient: "nomail@example.dk", body: "x" }),
    );
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toMatch(/only e-mail an invoice at the moment it is booked/);
  });

  it("asks for the payment terms it cannot find instead of guessing", async () => {
    const ledger = adapter();
    const draft = {
      ...sampleInvoice(accounts, { orderNumber: ++order, email: "terms@example.dk" }),
      paymentTermsDays: 45,
    };
    const error = await captureError(async () =>
      ledger.createInvoice(draft, await prepareRefs(ledger, draft)),
    );
    expect(error.merchantMessage).toContain('payment terms "net 45 days"');
    const overridden = adapter({ paymentTermsNumber: 3 });
    await expect(
      overridden.createInvoice(draft, await prepareRefs(overridden, draft)),
    ).resolves.toMatchObject({
      state: "draft",
    });
  });

  it("will not settle a draft", async () => {
    const ledger = adapter();
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "notbooked@example.dk" });
    const invoice = await ledger.createInvoice(draft, await prepareRefs(ledger, draft));
    expect((await captureError(() => ledger.registerPayment(invoice, draft.payments[0]!))).kind).toBe(
      "validation",
    );
  });

  it("gives up after its timeout with a retryable error", async () => {
    sim.faults.latencyMs = 400;
    try {
      const error = await captureError(() => adapter({}, 150).listLayouts());
      expect([error.kind, error.retryable]).toEqual(["unavailable", true]);
      expect(error.message).toContain("No answer within 150 ms");
    } finally {
      sim.faults.latencyMs = 0;
    }
  });

  it("turns a real simulator validation answer into a validation error with the field", async () => {
    const ledger = adapter();
    const draft = sampleInvoice(accounts, { orderNumber: ++order, email: "closed@example.dk" });
    const payment = { ...draft.payments[0]!, depositAccount: "5600" };
    const booked = await ledger.bookInvoice(
      await ledger.createInvoice(draft, await prepareRefs(ledger, draft)),
    );
    const error = await captureError(() => ledger.registerPayment(booked, payment));
    expect([error.kind, error.httpStatus]).toEqual(["validation", 400]);
    expect(error.merchantMessage).toContain(
      "entries.customerPayments[0].contraAccount: Account 5600 does not allow direct entries.",
    );
  });
});
