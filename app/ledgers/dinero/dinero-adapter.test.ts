import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureError, prepareRefs } from "../../../test/contract/ledger-contract-suite";
import { sampleCreditNote, sampleCustomer, sampleInvoice } from "../../../test/contract/sample-drafts";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import type { LedgerAdapter, LedgerDocument } from "../ledger-contract";
import { createDineroAdapter } from "./dinero-adapter";
import { dineroGuid } from "./dinero-guid";
import { dineroHarness } from "../../../simulators/dinero/dinero-harness";
import type { DineroSimulator } from "../../../simulators/dinero/dinero-simulator";
import {
  DINERO_SIMULATOR_DEFAULTS as DEFAULTS,
  startDineroSimulator,
} from "../../../simulators/dinero/dinero-simulator";
import type { OrganizationState } from "../../../simulators/dinero/simulator-state";

const ORG = DEFAULTS.organizationId;
const accounts = dineroHarness.accounts;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

let sim: DineroSimulator;
let adapter: LedgerAdapter;
const sent: SentRequest[] = [];
let orderNumber = 5000;

const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const isJson = String(
    (init?.headers as Record<string, string> | undefined)?.["content-type"] ?? "",
  ).includes("json");
  sent.push({
    method: init?.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: isJson && typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
  });
  return fetch(input, init);
};

function org(): OrganizationState {
  const found = sim.state.organizations.get(ORG);
  if (!found) throw new Error("no org");
  return found;
}

/** Requests sent since `mark`, without the token exchange. */
function since(mark: number): SentRequest[] {
  return sent
    .slice(mark)
    .filter((request) => !request.path.includes("/oauth/") && !request.path.includes("/connect/"));
}

// The module-level adapter, also where a test builds its own.
const refsFor = (draft: InvoiceDraft) => prepareRefs(adapter, draft);

beforeAll(async () => {
  // The suite sends well over Dinero's 100 requests a minute; the limit itself is tested elsewhere.
  sim = await startDineroSimulator({
    validateRequests: true,
    rateLimit: { limit: 10_000, windowMs: 60_000 },
  });
  adapter = createDineroAdapter(
    {
      credentials: { kind: "apiKey", ...DEFAULTS.personalClient, apiKey: DEFAULTS.apiKey },
      organisationId: String(ORG),
      endpoints: { apiBaseUrl: sim.url, authBaseUrl: sim.authUrl },
      fetch: recordingFetch,
      timeoutMs: 2000,
    },
    { requestsPerMinute: 10_000 },
  );
});
afterAll(async () => {
  await sim?.close();
});

describe("Dinero adapter: what it sends", () => {
  it("runs invoice → book → payment → e-mail → credit note → book → refund with the bodies Dinero documents", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "bodies@example.dk" });
    const mark = sent.length;
    const refs = await refsFor(draft);
    const invoice = await adapter.createInvoice(draft, refs);
    const booked = await adapter.bookInvoice(invoice);
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    await adapter.registerPayment(booked, payment);
    await adapter.emailInvoice(booked, {
      recipient: "bodies@example.dk",
      subject: "Din faktura",
      body: "Tak for din ordre",
    });
    const creditDraft = sampleCreditNote(accounts, draft, "77");
    const credit = await adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
    const bookedCredit = await adapter.bookCreditNote(credit);
    const refund = creditDraft.payments[0];
    if (!refund) throw new Error("sample has a refund");
    await adapter.registerRefund(bookedCredit, refund);

    const requests = since(mark);
    const find = (method: string, pattern: RegExp) =>
      requests.filter((request) => request.method === method && pattern.test(request.path));
    const [contactSearch] = find("GET", /\/contacts$/);
    expect(contactSearch?.path).toBe(`/v1/${ORG}/contacts`);
    expect(contactSearch?.query.queryFilter).toBe("Email eq 'bodies@example.dk'");

    expect(find("POST", /\/contacts$/)[0]?.body).toEqual({
      ContactGuid: expect.stringMatching(UUID),
      ExternalReference: "shopify-customer-bodies@example.dk",
      Name: "Karen Jensen",
      Street: "Vestergade 12",
      ZipCode: "8000",
      City: "Aarhus C",
      CountryKey: "DK",
      Phone: "+4512345678",
      Email: "bodies@example.dk",
      IsPerson: true,
      IsMember: false,
      UseCvr: false,
    });
    expect(find("GET", /\/products$/)[0]?.query.queryFilter).toBe("ProductNumber eq 'TSHIRT-RED-M'");
    expect(find("POST", /\/products$/)[0]?.body).toEqual({
      ProductNumber: "TSHIRT-RED-M",
      Name: "T-shirt, red, M",
      BaseAmountValue: 80,
      Quantity: 1,
      AccountNumber: 1000,
      Unit: "parts",
    });

    const tshirt = refs.productIds.get("TSHIRT-RED-M");
    const mug = refs.productIds.get("MUG-STONE");
    const [createInvoiceRequest] = find("POST", /^\/v1\/\d+\/invoices$/);
    expect(createInvoiceRequest?.body).toEqual({
      Guid: invoice.id,
      ContactGuid: refs.customerId,
      Date: "2026-11-20",
      Currency: "DKK",
      Language: "da-DK",
      ExternalReference: draft.externalReference,
      Description: draft.header,
      Comment: draft.comment,
      // The shop showed prices incl. VAT and every line divides evenly: Dinero gets the gross prices.
      ShowLinesInclVat: true,
      PaymentConditionType: "NettoCash",
      PaymentConditionNumberOfDays: null,
      ProductLines: [
        {
          ProductGuid: tshirt,
          Description: null,
          Quantity: 2,
          AccountNumber: 1000,
          Unit: "parts",
          BaseAmountValue: 100,
          Discount: 0,
          LineType: "Product",
        },
        {
          ProductGuid: mug,
          Description: null,
          Quantity: 1,
          AccountNumber: 1000,
          Unit: "parts",
          BaseAmountValue: 150,
          Discount: 0,
          LineType: "Product",
        },
        {
          ProductGuid: null,
          Description: "Shipping: GLS pakkeshop",
          Quantity: 1,
          AccountNumber: 1000,
          Unit: "shipment",
          BaseAmountValue: 40,
          Discount: 0,
          LineType: "Product",
        },
      ],
    });
    expect(invoice.id).toMatch(UUID);
    expect(invoice.totalGross).toBe(39_000);

    expect(find("POST", /\/invoices\/[^/]+\/book$/)[0]?.body).toEqual({
      Timestamp: invoice.version,
      Number: null,
    });
    expect(find("GET", /\/invoices\/[^/]+\/payments$/)[0]?.path).toBe(
      `/v2/${ORG}/invoices/${invoice.id}/payments`,
    );
    expect(find("POST", /\/invoices\/[^/]+\/payments$/)[0]?.body).toEqual({
      Timestamp: booked.version,
      DepositAccountNumber: 55000,
      Amount: 390,
      Description: "Betaling via shopify_payments",
      RemainderIsFee: false,
      ExternalReference: payment.reference,
      PaymentDate: "2026-11-20",
    });
    expect(find("POST", /\/invoices\/[^/]+\/email$/)[0]?.body).toEqual({
      ShouldAddTrustPilotEmailAsBcc: false,
      Receiver: "bodies@example.dk",
      Subject: "Din faktura",
      Message: "Tak for din ordre\n\n[link-to-pdf]",
    });
    expect(find("POST", /\/sales\/creditnotes$/)[0]?.body).toMatchObject({
      Guid: credit.id,
      CreditNoteFor: invoice.id,
      ContactGuid: refs.customerId,
      ExternalReference: creditDraft.externalReference,
      ShowLinesInclVat: true,
      ProductLines: [
        {
          ProductGuid: tshirt,
          Description: null,
          Quantity: 1,
          AccountNumber: 1000,
          Unit: "parts",
          BaseAmountValue: 100,
          Discount: 0,
          LineType: "Product",
        },
      ],
    });
    expect(find("POST", /\/sales\/creditnotes\/[^/]+\/payments$/)[0]?.body).toMatchObject({
      Amount: 100,
      Description: "Tilbagebetaling via shopify_payments",
      DepositAccountNumber: 55000,
    });

    // Every request passed the simulator's OpenAPI validation and business rules.
    expect(sim.requests.slice(-requests.length).filter((request) => request.status >= 400)).toEqual([]);
    const storedInvoice = org().invoices.get(invoice.id);
    const storedCredit = org().creditNotes.get(credit.id);
    expect(storedInvoice).toMatchObject({
      Status: "Booked",
      totals: { gross: 39_000, vat: 7_800 },
      MailOutStatus: "Sent",
    });
    expect(storedInvoice?.payments.map((item) => item.amountDkk)).toEqual([39_000]);
    expect(storedCredit).toMatchObject({
      Status: "Booked",
      CreditNoteFor: invoice.id,
      totals: { gross: 10_000 },
    });
    expect(Number(bookedCredit.number)).toBeGreaterThan(Number(booked.number));
    expect(org().emails.at(-1)).toMatchObject({ receiver: "bodies@example.dk", subject: "Din faktura" });
  });

  it("sends lines excl. VAT when a gross price does not divide by the quantity", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "excl@example.dk" });
    const odd = {
      ...draft.lines[0]!,
      sku: "ODD-3",
      quantity: 3,
      unitNet: 333,
      net: 999,
      vat: 250,
      gross: 1249,
    };
    const lines = [odd];
    const changed: InvoiceDraft = {
      ...draft,
      lines,
      totals: { net: 999, vat: 250, gross: 1249 },
      // The builder's invariant: VAT per rate is the sum of the lines (was left at the sample's).
      vatByRate: [{ vatRate: 2500, net: 999, vat: 250 }],
    };
    const mark = sent.length;
    const document = await adapter.createInvoice(changed, await refsFor(changed));
    const body = since(mark).find((request) => request.method === "POST" && /\/invoices$/.test(request.path))
      ?.body as { ShowLinesInclVat: boolean; ProductLines: Array<{ BaseAmountValue: number }> };
    expect(body.ShowLinesInclVat).toBe(false);
    expect(body.ProductLines[0]?.BaseAmountValue).toBe(3.33);
    expect(document.totalGross).toBe(1249);
  });
});

describe("Dinero adapter: safety", () => {
  it("never returns a document whose total differs from the draft, and corrects the draft in place on the next attempt", async () => {
    const good = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "mismatch@example.dk" });
    // Wrong setting: a VAT-free account for lines the shop charged 25 % VAT on.
    const wrong: InvoiceDraft = {
      ...good,
      lines: good.lines.map((item) => ({ ...item, account: accounts.salesNoVat })),
    };
    const refs = await refsFor(good);
    const error = await captureError(() => adapter.createInvoice(wrong, refs));
    expect(error).toMatchObject({ kind: "validation", retryable: false });
    // Lines go incl. VAT, so the gross still matches: the missing VAT gives the mistake away.
    expect(error.merchantMessage).toContain("VAT of 0.00 DKK");
    expect(error.merchantMessage).toContain("78.00 DKK");
    const invoicesAfterMismatch = org().invoices.size;

    const mark = sent.length;
    const fixed = await adapter.createInvoice(good, refs);
    expect(fixed.totalGross).toBe(good.totals.gross);
    expect(org().invoices.size).toBe(invoicesAfterMismatch);
    expect(
      since(mark).map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, ":guid")}`),
    ).toEqual([
      `POST /v1/${ORG}/invoices`,
      `GET /v1/${ORG}/invoices/:guid`,
      `PUT /v1.2/${ORG}/invoices/:guid`,
      `GET /v1/${ORG}/invoices/:guid`,
    ]);
  });

  it("compares Dinero's VAT per rate with the draft's to the øre, in Danish and English", async () => {
    const good = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "vat-rate@example.dk" });
    // 10.01 net at 25 % is 2.5025 VAT → 2.50 in any ledger; a draft stating 2.51 with the same
    // gross 12.52 was let through before (one øre per line was tolerated on the total).
    const line = {
      ...good.lines[0]!,
      sku: "VAT-1",
      quantity: 1,
      unitNet: 1001,
      net: 1001,
      vat: 251,
      gross: 1252,
    };
    const off: InvoiceDraft = {
      ...good,
      lines: [line],
      totals: { net: 1001, vat: 251, gross: 1252 },
      vatByRate: [{ vatRate: 2500, net: 1001, vat: 251 }],
      payments: [],
    };
    const error = await captureError(async () => adapter.createInvoice(off, await refsFor(off)));
    expect(error).toMatchObject({ kind: "validation", retryable: false });
    expect(error.merchantMessage).toContain("Dinero calculated a VAT of 2.50 DKK at 25 % on this invoice");
    expect(error.merchantMessage).toContain("the shop charged 2.51 DKK");
    // One key, rendered in the merchant's language (it used to carry both texts in one string).
    expect(error.messageIn("da")).toContain("Dinero beregnede en moms på 2.50 DKK ved 25 % på denne faktura");
  });

  it("refuses a gross total that differs when lines go excl. VAT", async () => {
    const good = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "gross@example.dk" });
    const wrong: InvoiceDraft = {
      ...good,
      pricesIncludeVat: false,
      lines: good.lines.map((item) => ({ ...item, account: accounts.salesNoVat })),
    };
    const error = await captureError(async () => adapter.createInvoice(wrong, await refsFor(good)));
    expect(error.kind).toBe("validation");
    expect(error.merchantMessage).toContain("total of 312.00 DKK");
    expect(error.merchantMessage).toContain("390.00 DKK");
    expect(org().invoices.get(dineroGuid(String(ORG), "invoice", good.externalReference))?.Status).toBe(
      "Draft",
    );
  });

  it("retries creates, bookings and payments without duplicating anything", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "retry@example.dk" });
    const refs = await refsFor(draft);
    const first = await adapter.createInvoice(draft, refs);
    const again = await adapter.createInvoice(draft, refs);
    expect(again.id).toBe(first.id);

    // The booking's answer is lost: the engine retries with the draft it still holds.
    sim.faults.next("dropAfterCommit", 1, (request) => request.path.endsWith("/book"));
    expect((await captureError(() => adapter.bookInvoice(first))).kind).toBe("unavailable");
    const booked = await adapter.bookInvoice(first);
    expect(booked.state).toBe("booked");
    expect(org().usedNumbers.has(Number(booked.number))).toBe(true);

    const payment = draft.payments[0]!;
    sim.faults.next(
      "dropAfterCommit",
      1,
      (request) => request.method === "POST" && request.path.endsWith("/payments"),
    );
    expect((await captureError(() => adapter.registerPayment(booked, payment))).retryable).toBe(true);
    const retried = await adapter.registerPayment(booked, payment);
    expect(retried.created).toBe(false);
    expect(org().invoices.get(first.id)?.payments).toHaveLength(1);
  });

  it("books with a stale Timestamp by reading the invoice again", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "stale@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    const stale: LedgerDocument = { ...document, version: "0000000000000001" };
    const booked = await adapter.bookInvoice(stale, { number: 88_001 });
    expect(booked).toMatchObject({ state: "booked", number: "88001" });
    expect(sim.requests.some((request) => request.status === 400 && request.path.endsWith("/book"))).toBe(
      true,
    );
  });

  it("reports a taken locked number as a conflict and a 5xx as retryable", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "locked@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    const taken = await captureError(() => adapter.bookInvoice(document, { number: 88_001 }));
    expect(taken).toMatchObject({ kind: "conflict", retryable: false });
    sim.faults.next("5xx");
    expect(await captureError(() => adapter.bookInvoice(document))).toMatchObject({
      kind: "unavailable",
      retryable: true,
      httpStatus: 500,
    });
    expect((await adapter.bookInvoice(document)).state).toBe("booked");
  });
});

describe("Dinero adapter: customers, products, currencies", () => {
  it("creates a business customer with its CVR and finds it by VAT number next time", async () => {
    const customer = {
      ...sampleCustomer("firma@example.dk"),
      match: { key: "vatNumber" as const, value: "DK29403473" },
      reference: "shopify-customer-42",
      isBusiness: true,
      companyName: "Kaffebaren ApS",
      vatNumber: "DK29403473",
      ean: "5790000000000",
    };
    const mark = sent.length;
    const created = await adapter.findOrCreateCustomer(customer);
    const found = await adapter.findOrCreateCustomer(customer);
    expect(created.created).toBe(true);
    expect(found).toEqual({ id: created.id, created: false });
    const requests = since(mark);
    expect(requests[0]?.query.queryFilter).toBe("VatNumber eq 'DK29403473'");
    expect(requests[1]?.body).toMatchObject({
      Name: "Kaffebaren ApS",
      AttPerson: "Karen Jensen",
      VatNumber: "DK29403473",
      EanNumber: "5790000000000",
      IsPerson: false,
    });
  });

  it("updates a product's price and name only when asked to", async () => {
    const spec = {
      sku: "MUG-BLUE",
      name: "Mug, blue",
      unitNet: 9600,
      currency: "DKK",
      vatTreatment: "domestic" as const,
      vatRate: 2500,
      account: "1000",
    };
    const created = await adapter.ensureProduct(spec, { update: false });
    expect(await adapter.ensureProduct({ ...spec, unitNet: 9900 }, { update: false })).toEqual({
      id: created.id,
      created: false,
    });
    expect(org().products.get(created.id)?.baseAmount).toBe(9600);
    const mark = sent.length;
    await adapter.ensureProduct({ ...spec, unitNet: 9900, name: "Mug, blue glaze" }, { update: true });
    expect(since(mark).find((request) => request.method === "PUT")).toMatchObject({
      path: `/v1/${ORG}/products/${created.id}`,
      body: {
        ProductNumber: "MUG-BLUE",
        Name: "Mug, blue glaze",
        BaseAmountValue: 99,
        Quantity: 1,
        AccountNumber: 1000,
        Unit: "parts",
      },
    });
    expect(org().products.get(created.id)).toMatchObject({ baseAmount: 9900, Name: "Mug, blue glaze" });
  });

  it("pays a EUR invoice in DKK at the rate Dinero fixed, with the EUR amount beside it", async () => {
    const draft: InvoiceDraft = {
      ...sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "eur@example.dk" }),
      currency: currency("EUR"),
    };
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, await refsFor(draft)));
    const mark = sent.length;
    await adapter.registerPayment(booked, draft.payments[0]!);
    const body = since(mark).find((request) => request.method === "POST")?.body;
    expect(body).toMatchObject({ Amount: 2909.52, AmountInForeignCurrency: 390 });
    expect(org().invoices.get(booked.id)?.payments[0]).toMatchObject({
      amountDkk: 290_952,
      amountVoucherCurrency: 39_000,
    });
  });

  it("finds documents by our reference and answers null for unknown ones", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: ++orderNumber, email: "find@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    const mark = sent.length;
    expect(await adapter.findDocument("invoice", draft.externalReference)).toMatchObject({
      id: document.id,
      state: "draft",
      totalGross: draft.totals.gross,
    });
    expect(since(mark)[0]?.query.queryFilter).toBe(`ExternalReference eq '${draft.externalReference}'`);
    expect(await adapter.findDocument("invoice", "lb-never-seen")).toBeNull();
    expect(await adapter.findDocument("creditNote", draft.externalReference)).toBeNull();
  });
});
