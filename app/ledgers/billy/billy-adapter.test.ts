import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureError, prepareRefs } from "../../../test/contract/ledger-contract-suite";
import { sampleCreditNote, sampleCustomer, sampleInvoice } from "../../../test/contract/sample-drafts";
import type { DraftCustomer, InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import type { LedgerAdapter, ProductSpec } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { createBillyAdapter } from "./billy-adapter";
import { billyHarness } from "../../../simulators/billy/billy-harness";
import { type BillySimulator, startBillySimulator } from "../../../simulators/billy/billy-simulator";
import { SEED } from "../../../simulators/billy/sim-seed";

const documented = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/billy/documented-requests.json", import.meta.url), "utf8"),
);
const accounts = billyHarness.accounts;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- recorded request bodies
interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: Json | undefined;
}

let sim: BillySimulator;
let sent: Sent[];
let adapter: LedgerAdapter;
let beforeRequestCalls: number;

const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  sent.push({
    method: init?.method ?? "GET",
    path: url.pathname.replace(/^\/v2/, ""),
    query: url.searchParams,
    headers: new Headers(init?.headers),
    body: typeof init?.body === "string" ? (JSON.parse(init.body) as Json) : undefined,
  });
  return fetch(input, init);
};

function build(overrides: { accessToken?: string; timeoutMs?: number } = {}) {
  return createBillyAdapter({
    credentials: { accessToken: overrides.accessToken ?? sim.accessToken },
    endpoints: { apiBaseUrl: sim.apiBaseUrl },
    fetch: recordingFetch,
    beforeRequest: async () => {
      beforeRequestCalls++;
    },
    ...(overrides.timeoutMs ? { timeoutMs: overrides.timeoutMs } : {}),
  });
}

beforeEach(async () => {
  sim = await startBillySimulator();
  sent = [];
  beforeRequestCalls = 0;
  adapter = build();
});
afterEach(async () => {
  await sim.close();
});

const writes = (path: string) => sent.filter((r) => r.method !== "GET" && r.path === path);
const lastWrite = (path: string) => writes(path).at(-1)?.body;

// The module-level adapter, also where a test builds its own.
const refsFor = (draft: InvoiceDraft) => prepareRefs(adapter, draft);

describe("Billy adapter: requests it sends", () => {
  it("authenticates every request with X-Access-Token and awaits beforeRequest first", async () => {
    await adapter.verifyConnection();
    await adapter.listVatCodes();
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(beforeRequestCalls).toBe(sent.length);
    for (const request of sent) {
      expect(request.headers.get("x-access-token")).toBe(sim.accessToken);
      expect(request.headers.get("accept-language")).toBe("en_US");
    }
  });

  it("creates a customer as a contact with a primary contact person and our reference as contactNo", async () => {
    const ref = await adapter.findOrCreateCustomer(sampleCustomer("Karen@Example.dk"));
    expect(ref.created).toBe(true);
    const body = lastWrite("/contacts");
    expect(Object.keys(body ?? {})).toEqual(Object.keys(documented.createContact));
    expect(body?.contact).toEqual({
      type: "person",
      name: "Karen Jensen",
      countryId: "DK",
      street: "Vestergade 12",
      zipcodeText: "8000",
      cityText: "Aarhus C",
      phone: "+4512345678",
      contactNo: "shopify-customer-Karen@Example.dk",
      isCustomer: true,
      contactPersons: [{ name: "Karen Jensen", email: "Karen@Example.dk", isPrimary: true }],
    });
    const again = await adapter.findOrCreateCustomer({
      ...sampleCustomer("karen@example.DK"),
      reference: "other",
    });
    expect(again).toEqual({ id: ref.id, created: false });
    expect(sim.state.contacts.size).toBe(1);
  });

  it("finds customers by phone, VAT number and reference, and makes VAT-registered businesses companies", async () => {
    const business: DraftCustomer = {
      match: { key: "vatNumber", value: "DE 123 456 789" },
      reference: "woo-customer-77",
      name: "Jonas Weber",
      companyName: "Weber GmbH",
      vatNumber: "DE123456789",
      isBusiness: true,
      address: { countryCode: "de", city: "Berlin" },
    };
    const created = await adapter.findOrCreateCustomer(business);
    expect(lastWrite("/contacts")?.contact).toMatchObject({
      type: "company",
      name: "Weber GmbH",
      countryId: "DE",
      registrationNo: "DE123456789",
    });
    expect(
      await adapter.findOrCreateCustomer({ ...business, match: { key: "vatNumber", value: "123456789" } }),
    ).toEqual({ id: created.id, created: false });
    expect(
      await adapter.findOrCreateCustomer({
        ...business,
        match: { key: "reference", value: "woo-customer-77" },
      }),
    ).toEqual({ id: created.id, created: false });

    const phoneCustomer = {
      ...sampleCustomer("p@example.dk"),
      match: { key: "phone" as const, value: "12 34 56 78" },
    };
    const byPhone = await adapter.findOrCreateCustomer(phoneCustomer);
    expect(byPhone.created).toBe(true);
    expect(
      await adapter.findOrCreateCustomer({
        ...phoneCustomer,
        match: { key: "phone", value: "+45 12345678" },
      }),
    ).toEqual({ id: byPhone.id, created: false });
  });

  it("creates a product with the ruleset for its VAT treatment and updates only the changed price", async () => {
    const spec: ProductSpec = {
      sku: "MUG",
      name: "Mug",
      unitNet: 12000,
      currency: "DKK",
      vatTreatment: "domestic",
      vatRate: 2500,
      account: accounts.sales,
    };
    const created = await adapter.ensureProduct(spec, { update: false });
    expect(lastWrite("/products")).toEqual({
      product: {
        name: "Mug",
        productNo: "MUG",
        accountId: accounts.sales,
        salesTaxRulesetId: SEED.rulesets.standard,
        prices: [{ unitPrice: 120, currencyId: "DKK" }],
      },
    });
    expect(Object.keys(lastWrite("/products")?.product ?? {})).toEqual(
      expect.arrayContaining(
        Object.keys(documented.createProductWithPrices.product).filter((k) => k !== "organizationId"),
      ),
    );
    const book = await adapter.ensureProduct(
      { ...spec, sku: "BOOK", vatTreatment: "exempt", vatRate: 0, account: accounts.salesNoVat },
      { update: false },
    );
    expect(sim.state.products.get(book.id)?.salesTaxRulesetId).toBe(SEED.rulesets.exempt);

    await adapter.ensureProduct({ ...spec, currency: "EUR", unitNet: 1600 }, { update: true });
    await adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: true });
    const prices = [...sim.state.productPrices.values()]
      .filter((p) => p.productId === created.id)
      .map((p) => [p.currencyId, p.unitPriceMinor]);
    expect(prices.sort()).toEqual([
      ["DKK", 13000],
      ["EUR", 1600],
    ]);
    expect(writes("/products")).toHaveLength(2);
    const unchanged = sent.length;
    expect(await adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: true })).toEqual({
      id: created.id,
      created: false,
    });
    expect(sent.length - unchanged).toBe(1);
  });

  it("creates the invoice as a draft with externalId, taxMode and decimal prices, and generic products for lines without SKU", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1001, email: "a@example.dk" });
    const refs = await refsFor(draft);
    const invoice = await adapter.createInvoice(draft, refs);
    expect(invoice).toMatchObject({
      kind: "invoice",
      state: "draft",
      totalGross: draft.totals.gross,
      externalReference: draft.externalReference,
    });
    expect(invoice.number).toBeUndefined();

    const body = lastWrite("/invoices")?.invoice;
    const shipping = [...sim.state.products.values()].find(
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
        Object.keys(documented.createInvoice.invoice).filter(
          (k) => !["organizationId", "invoiceNo"].includes(k),
        ),
      ),
    );
  });

  it("books with PUT state approved, pays with a bankPayment and e-mails through a contact person", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1002, email: "pay@example.dk" });
    const refs = await refsFor(draft);
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, refs));
    expect(lastWrite(`/invoices/${booked.id}`)).toEqual(documented.approveInvoice);
    expect(booked).toMatchObject({ state: "booked", number: "1" });

    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    const paid = await adapter.registerPayment(booked, payment);
    const body = lastWrite("/bankPayments");
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
      Object.keys(documented.bankPaymentForInvoice.bankPayment)
        .filter((k) => k !== "organizationId")
        .sort(),
    );
    expect(sim.state.invoices.get(booked.id)).toMatchObject({ isPaid: true, balanceMinor: 0 });
    // A repeated call after a lost answer finds the payment instead of paying twice.
    expect(await adapter.registerPayment(booked, payment)).toEqual({ id: paid.id, created: false });
    expect(sim.state.bankPayments.size).toBe(1);

    await adapter.emailInvoice(booked, {
      recipient: "accounts@example.dk",
      subject: "Your invoice",
      body: "Thanks!",
    });
    expect(lastWrite("/contactPersons")).toEqual({
      contactPerson: { contactId: refs.customerId, email: "accounts@example.dk", isPrimary: false },
    });
    const email = lastWrite(`/invoices/${booked.id}/emails`);
    expect(Object.keys(email?.email ?? {}).sort()).toEqual(
      Object.keys(documented.sendInvoiceEmail.email).sort(),
    );
    expect(sim.state.emails).toMatchObject([
      { to: "accounts@example.dk", emailSubject: "Your invoice", emailBody: "Thanks!" },
    ]);
  });

  it("credits with type creditNote and creditedInvoiceId, and refunds with cashSide credit", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1003, email: "refund@example.dk" });
    const refs = await refsFor(draft);
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, refs));
    const creditDraft = sampleCreditNote(accounts, draft, "55");
    const credit = await adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
    expect(lastWrite("/invoices")?.invoice).toMatchObject({
      type: "creditNote",
      creditedInvoiceId: booked.id,
      contactId: refs.customerId,
      state: "draft",
      externalId: creditDraft.externalReference,
      lines: [{ productId: refs.productIds.get("TSHIRT-RED-M"), quantity: 1, unitPrice: 100 }],
    });
    const bookedCredit = await adapter.bookCreditNote(credit);
    expect(bookedCredit).toMatchObject({
      kind: "creditNote",
      state: "booked",
      number: "2",
      totalGross: 10000,
    });
    const refund = creditDraft.payments[0];
    if (!refund) throw new Error("sample has a refund");
    await adapter.registerRefund(bookedCredit, refund);
    expect(lastWrite("/bankPayments")?.bankPayment).toMatchObject({
      cashSide: "credit",
      cashAmount: 100,
      associations: [{ subjectReference: `invoice:${credit.id}` }],
    });
    expect(sim.state.invoices.get(credit.id)).toMatchObject({ isPaid: true, creditedInvoiceId: booked.id });
  });
});

describe("Billy adapter: guards", () => {
  it("refuses a document whose Billy total differs from the draft and deletes the draft", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1004, email: "m@example.dk" });
    const refs = await refsFor(draft);
    const tampered = { ...draft, totals: { ...draft.totals, gross: draft.totals.gross + 1 } };
    const failure = await captureError(() => adapter.createInvoice(tampered, refs));
    expect([failure.kind, failure.retryable]).toEqual(["validation", false]);
    expect(failure.merchantMessage).toContain("390.00 DKK");
    expect(failure.merchantMessage).toContain("390.01 DKK");
    expect(sim.state.invoices.size).toBe(0);
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
    const failure = await captureError(async () => adapter.createInvoice(off, await refsFor(off)));
    expect([failure.kind, failure.retryable]).toEqual(["validation", false]);
    expect(failure.merchantMessage).toContain("Billy calculated a VAT of 2.50 DKK at 25 %");
    expect(failure.messageIn("da")).toContain("Billy beregnede en moms på 2.50 DKK ved 25 %");
    expect(sim.state.invoices.size).toBe(0);
  });

  it("refuses a line where Billy's VAT rules give another rate than the order", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1005, email: "us@example.com" });
    // A US customer: Billy's standard ruleset gives 0 % (export), the order says 25 % domestic.
    draft.customer = { ...draft.customer, address: { ...draft.customer.address, countryCode: "US" } };
    const refs = await refsFor(draft);
    const failure = await captureError(() => adapter.createInvoice(draft, refs));
    expect(failure.kind).toBe("validation");
    expect(failure.merchantMessage).toMatch(/applies 0 % VAT .* order has 25 %/);
    expect(sim.state.invoices.size).toBe(0);
  });

  it("answers a second create of the same document with a conflict naming the first", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 1006, email: "d@example.dk" });
    const refs = await refsFor(draft);
    const first = await adapter.createInvoice(draft, refs);
    const duplicate = await captureError(() => adapter.createInvoice(draft, refs));
    expect([duplicate.kind, duplicate.existingId]).toEqual(["conflict", first.id]);
    expect(sim.state.invoices.size).toBe(1);
  });

  it("writes a locked number at creation, and renumbers an unnumbered draft by replacing it", async () => {
    const locked = {
      ...sampleInvoice(accounts, { orderNumber: 1007, email: "n@example.dk" }),
      lockedNumber: 51007,
    };
    const refs = await refsFor(locked);
    const created = await adapter.createInvoice(locked, refs);
    expect(lastWrite("/invoices")?.invoice.invoiceNo).toBe("51007");
    const booked = await adapter.bookInvoice(created, { number: 51007 });
    expect([booked.id, booked.number]).toEqual([created.id, "51007"]);

    const plain = sampleInvoice(accounts, { orderNumber: 1008, email: "n@example.dk" });
    const draftDoc = await adapter.createInvoice(plain, refs);
    const renumbered = await adapter.bookInvoice(draftDoc, { number: 51008 });
    expect(renumbered).toMatchObject({ state: "booked", number: "51008", totalGross: plain.totals.gross });
    expect(sim.state.invoices.has(draftDoc.id)).toBe(false);
    expect((await adapter.findDocument("invoice", plain.externalReference))?.id).toBe(renumbered.id);

    const third = await adapter.createInvoice(
      sampleInvoice(accounts, { orderNumber: 1009, email: "n@example.dk" }),
      refs,
    );
    const taken = await captureError(() => adapter.bookInvoice(third, { number: 51008 }));
    expect([taken.kind, taken.existingId]).toEqual(["conflict", renumbered.id]);
    expect(sim.state.invoices.get(third.id)?.state).toBe("draft");
  });

  it("pays a EUR invoice from the DKK bank account at the invoice's exchange rate", async () => {
    const draft = {
      ...sampleInvoice(accounts, { orderNumber: 1010, email: "eur@example.dk" }),
      currency: currency("EUR"),
    };
    const refs = await refsFor(draft);
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, refs));
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    await adapter.registerPayment(booked, payment);
    expect(lastWrite("/bankPayments")?.bankPayment).toMatchObject({
      cashAmount: 2909.4,
      cashExchangeRate: 7.46,
    });
    expect(sim.state.invoices.get(booked.id)?.isPaid).toBe(true);
  });

  it("reports bad credentials, a refused deposit account and a timeout as LedgerErrors", async () => {
    const denied = await captureError(() => build({ accessToken: "nope" }).verifyConnection());
    expect([denied.kind, denied.retryable, denied.providerCode]).toEqual([
      "authentication",
      false,
      "OAUTH_INVALID_ACCESS_TOKEN",
    ]);
    expect(() =>
      createBillyAdapter({ credentials: { accessToken: "" }, endpoints: { apiBaseUrl: sim.apiBaseUrl } }),
    ).toThrow(LedgerError);

    const draft = sampleInvoice(accounts, { orderNumber: 1011, email: "x@example.dk" });
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, await refsFor(draft)));
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    const refused = await captureError(() =>
      adapter.registerPayment(booked, { ...payment, depositAccount: accounts.sales }),
    );
    expect(refused.kind).toBe("validation");
    expect(refused.merchantMessage).toMatch(/does not accept payments/);

    sim.faults.next("timeout");
    const slow = await captureError(() => build({ timeoutMs: 200 }).listDepositAccounts());
    expect([slow.kind, slow.retryable]).toEqual(["unavailable", true]);
  });

  it("lists settings options from Billy's accounts and tax rates", async () => {
    const sales = await adapter.listSalesAccounts();
    expect(sales).toContainEqual({ id: SEED.accounts.salesVat, label: "1110 Salg af varer/ydelser m/moms" });
    expect(sales.map((a) => a.id)).not.toContain("acc-1190");
    expect((await adapter.listDepositAccounts()).map((a) => a.id)).toEqual([
      SEED.accounts.bank,
      SEED.accounts.cash,
      SEED.accounts.psp,
      SEED.accounts.bankEur,
    ]);
    const vat = await adapter.listVatCodes();
    expect(vat).toContainEqual({ id: SEED.taxRates.sales25, label: "Salgsmoms 25% (S25)", rate: 2500 });
    expect(vat.map((v) => v.id)).not.toContain(SEED.taxRates.purchase25);
    expect(await adapter.verifyConnection()).toEqual({
      organisations: [{ id: SEED.organizationId, name: "Nordlys Design ApS" }],
    });
  });
});
