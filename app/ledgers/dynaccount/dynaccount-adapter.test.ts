import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prepareRefs } from "../../../test/contract/ledger-contract-suite";
import { sampleCreditNote, sampleCustomer, sampleInvoice } from "../../../test/contract/sample-drafts";
import type { InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import type { LedgerAdapter } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { createDynaccountAdapter } from "./dynaccount-adapter";
import type { DynaccountCredentials } from "./dynaccount-credentials";
import { dynaccountHarness } from "../../../simulators/dynaccount/dynaccount-harness";
import {
  startDynaccountSimulator,
  type RunningDynaccountSimulator,
} from "../../../simulators/dynaccount/dynaccount-simulator";
import { simulatedDocuments } from "../../../simulators/dynaccount/sim-probe";

/** What the adapter sends, recorded by an injected fetch that still talks to the real simulator. */

interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  form: Record<string, string>;
  headers: Headers;
}

const accounts = dynaccountHarness.accounts;
let sim: RunningDynaccountSimulator;
let sent: Sent[];
let beforeRequestCalls: number;
let adapter: LedgerAdapter;
let credentials: DynaccountCredentials;

function build(overrides: Partial<DynaccountCredentials> = {}, timeoutMs?: number): LedgerAdapter {
  return createDynaccountAdapter({
    credentials: { ...credentials, ...overrides },
    endpoints: { apiBaseUrl: sim.url },
    ...(timeoutMs ? { timeoutMs } : {}),
    beforeRequest: async () => {
      beforeRequestCalls++;
    },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const body = typeof init?.body === "string" ? init.body : "";
      sent.push({
        method: init?.method ?? "GET",
        path: url.pathname.split("/").slice(4).join("/"),
        query: url.searchParams,
        form: Object.fromEntries(new URLSearchParams(body)),
        headers: new Headers(init?.headers),
      });
      return fetch(input, init);
    },
  });
}

const writes = (path: string) =>
  sent.filter((request) => request.path.startsWith(path) && request.method === "POST");
const only = (path: string) => {
  const matching = writes(path);
  expect(matching).toHaveLength(1);
  return matching[0] as Sent;
};

beforeAll(async () => {
  sim = await startDynaccountSimulator();
  credentials = { apiId: sim.company.apiId, apiKey: sim.company.apiKey, apiSecret: sim.company.apiSecret };
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sent = [];
  beforeRequestCalls = 0;
  sim.faults.reset();
  adapter = build();
});

// The module-level adapter, also where a test builds its own.
const refsFor = (draft: InvoiceDraft) => prepareRefs(adapter, draft);

describe("requests", () => {
  it("signs every request, uses GET without and form-encoded POST with a body, and awaits beforeRequest each time", async () => {
    await adapter.verifyConnection();
    await adapter.findOrCreateCustomer(sampleCustomer("signed@example.dk"));
    expect(sent.length).toBeGreaterThan(2);
    expect(beforeRequestCalls).toBe(sent.length);
    for (const request of sent) {
      expect(request.headers.get("x-hash")).toMatch(/^[0-9a-f]{40}$/);
      if (request.method === "POST")
        expect(request.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
      else expect(Object.keys(request.form)).toHaveLength(0);
    }
  });

  it("times out with an unavailable error after timeoutMs", async () => {
    sim.faults.next("timeout");
    const error = await build({}, 300)
      .listPaymentTerms()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ kind: "unavailable", retryable: true });
  });
});

describe("customers", () => {
  it("creates a debtor with the next number, the group's defaults and our reference, then finds it by e-mail", async () => {
    const customer = {
      ...sampleCustomer("karen@example.dk"),
      address: { line1: "Vestergade 12", line2: "2. tv", zip: "8000", city: "Aarhus C", countryCode: "dk" },
    };
    const created = await adapter.findOrCreateCustomer(customer);
    expect(created.created).toBe(true);
    const put = only("put/debtor");
    expect(put.form).toEqual({
      module_id_: created.id,
      module_group_name: "Indland",
      name: "Karen Jensen",
      address: "Vestergade 12, 2. tv",
      zip: "8000",
      city: "Aarhus C",
      ref_country_name: "DK",
      phone: "+4512345678",
      email: "karen@example.dk",
      email_invoice: "karen@example.dk",
      lang: "da",
      note: "ledger-bridge:shopify-customer-karen@example.dk",
    });
    sent = [];
    const again = await adapter.findOrCreateCustomer({
      ...customer,
      match: { key: "email", value: "KAREN@example.dk" },
    });
    expect(again).toEqual({ id: created.id, created: false });
    expect(writes("put/")).toHaveLength(0);
    expect(sent[0]?.query.get("email")).toBe("KAREN@example.dk");
  });

  it("matches by phone, by VAT number with or without country prefix, and by our reference", async () => {
    const business = {
      ...sampleCustomer("firma@example.dk"),
      phone: "+4587654321",
      companyName: "Firma ApS",
      vatNumber: "DK12345678",
      isBusiness: true,
    };
    const created = await adapter.findOrCreateCustomer(business);
    expect(only("put/debtor").form).toMatchObject({
      name: "Firma ApS",
      attention_name: "Karen Jensen",
      vatno: "DK12345678",
    });
    const numbers = await Promise.all([
      adapter.findOrCreateCustomer({ ...business, match: { key: "vatNumber", value: "DK12345678" } }),
      adapter.findOrCreateCustomer({ ...business, match: { key: "reference", value: business.reference } }),
      adapter.findOrCreateCustomer({ ...business, match: { key: "phone", value: business.phone ?? "" } }),
    ]);
    for (const found of numbers) expect(found).toEqual({ id: created.id, created: false });
    const viaDigits = await adapter.findOrCreateCustomer({
      ...business,
      vatNumber: "12345678",
      match: { key: "vatNumber", value: "12345678" },
    });
    expect(viaDigits.created).toBe(true);
    const nextNumber = Number(viaDigits.id);
    expect(nextNumber).toBe(Number(created.id) + 1);
  });

  it("uses the configured debtor group and explains a missing one", async () => {
    const eu = build({ debtorGroup: "EU" });
    const created = await eu.findOrCreateCustomer({
      ...sampleCustomer("eu@example.de"),
      address: { countryCode: "DE", city: "Berlin" },
    });
    expect(sim.state.table("debtor").where("module_id_", created.id)[0]).toMatchObject({
      module_group_name: "EU",
      lang: "en",
      ref_currency_name: "EUR",
    });
    const error = await build({ debtorGroup: "Webshop" })
      .findOrCreateCustomer(sampleCustomer("nogroup@example.dk"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "validation",
      merchantMessage: expect.stringContaining('no debtor group named "Webshop"'),
    });
  });
});

describe("products", () => {
  const spec = {
    sku: "MUG-BLUE",
    name: "Mug, blue",
    unitNet: 12000,
    currency: "DKK",
    vatTreatment: "domestic" as const,
    vatRate: 2500,
    account: "1100",
  };

  it("creates by SKU, updates the price only when asked", async () => {
    expect(await adapter.ensureProduct(spec, { update: false })).toEqual({ id: "MUG-BLUE", created: true });
    expect(only("put/product").form).toEqual({
      product_id_: "MUG-BLUE",
      name: "Mug, blue",
      vatcode_name: "S25",
      account_id_: "1100",
      price: "120.00",
    });
    sent = [];
    expect(await adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: false })).toEqual({
      id: "MUG-BLUE",
      created: false,
    });
    expect(writes("put/")).toHaveLength(0);
    await adapter.ensureProduct({ ...spec, unitNet: 13000 }, { update: true });
    const update = only("put/product/");
    expect(update.path).toMatch(/^put\/product\/\d+\/$/);
    expect(update.form.price).toBe("130.00");
    expect(sim.state.table("product").where("product_id_", "MUG-BLUE")[0]?.price).toBe("130.00");
  });

  it("keeps foreign-currency prices off the product (they travel on the order lines)", async () => {
    await adapter.ensureProduct(
      { ...spec, sku: "MUG-EUR", currency: "EUR", unitNet: 1600 },
      { update: false },
    );
    expect(only("put/product").form).not.toHaveProperty("price");
  });
});

describe("invoices", () => {
  it("books a sold gift card with its SKU: the product has no sales account, the line sits on the liability", async () => {
    const base = sampleInvoice(accounts, { orderNumber: 2050, email: "gift@example.dk" });
    // A gift card of 500.00: no VAT (no supply yet), on the gift-card liability, a balance account.
    const giftCard = {
      kind: "giftCard" as const,
      description: "Gavekort 500 kr.",
      sku: "GAVEKORT-500",
      quantity: 1,
      unitNet: 50_000,
      vatRate: 0,
      vatTreatment: "exempt" as const,
      net: 50_000,
      vat: 0,
      gross: 50_000,
      account: accounts.giftCardLiability,
    };
    const draft: InvoiceDraft = {
      ...base,
      lines: [...base.lines, giftCard],
      totals: { ...base.totals, net: base.totals.net + 50_000, gross: base.totals.gross + 50_000 },
      vatByRate: [...base.vatByRate, { vatRate: 0, net: 50_000, vat: 0 }],
    };
    const refs = await refsFor(draft);
    // Dynaccount takes only a result account on a product; the gift card's product has none.
    const products = writes("put/product").map((request) => request.form);
    expect(products.find((form) => form.product_id_ === "GAVEKORT-500")).toEqual({
      product_id_: "GAVEKORT-500",
      name: "Gavekort 500 kr.",
      vatcode_name: "",
      price: "500.00",
    });
    expect(products.find((form) => form.product_id_ === "MUG-STONE")?.account_id_).toBe("1100");
    sent = [];
    const document = await adapter.createInvoice(draft, refs);
    const lines = only("insert_bulk/debtor_order_product").form;
    expect([lines["product_type[3]"], lines["account_id_[3]"], lines["price[3]"]]).toEqual([
      "ACCOUNT",
      accounts.giftCardLiability,
      "500.00",
    ]);
    expect(document.totalGross).toBe(draft.totals.gross);
    const stored = simulatedDocuments(sim.state).find((d) => d.kind === "invoice" && d.id === document.id);
    expect(stored?.totalGross).toBe(draft.totals.gross);
    expect(stored?.vatByRate).toEqual({ 2500: base.totals.vat });
  });

  it("sends the order header and all lines in one bulk request", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2001, email: "body@example.dk" });
    const refs = await refsFor(draft);
    sent = [];
    const document = await adapter.createInvoice(draft, refs);
    const header = only("put/debtor_order");
    expect(header.form).toEqual({
      module_id_: refs.customerId,
      time: String(Date.UTC(2026, 10, 20, 12) / 1000),
      currency_name: "DKK",
      requisition: "lb-t-s1-2001",
      txt: "Order #2001\nShopify order #2001",
      payment_name: "Kontant",
    });
    expect(only("insert_bulk/debtor_order_product").form).toEqual({
      "order_id[0]": document.id,
      "product_type[0]": "PRODUCT",
      "product_id_[0]": "TSHIRT-RED-M",
      "account_id_[0]": "1100",
      "vatcode_name[0]": "S25",
      "qty[0]": "2",
      "price[0]": "80.00",
      "name[0]": "T-shirt, red, M",
      "order_id[1]": document.id,
      "product_type[1]": "PRODUCT",
      "product_id_[1]": "MUG-STONE",
      "account_id_[1]": "1100",
      "vatcode_name[1]": "S25",
      "qty[1]": "1",
      "price[1]": "120.00",
      "name[1]": "Mug, stoneware",
      "order_id[2]": document.id,
      "product_type[2]": "ACCOUNT",
      "account_id_[2]": "1100",
      "vatcode_name[2]": "S25",
      "qty[2]": "1",
      "price[2]": "32.00",
      "name[2]": "Shipping: GLS pakkeshop",
    });
    expect(document).toEqual({
      kind: "invoice",
      id: document.id,
      state: "draft",
      totalGross: draft.totals.gross,
      externalReference: "lb-t-s1-2001",
    });
  });

  it("refuses and removes a document whose Dynaccount total differs from the draft", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2002, email: "mismatch@example.dk" });
    const [first] = draft.lines;
    if (!first) throw new Error("sample has lines");
    first.vat += 1;
    first.gross += 1;
    draft.totals = { ...draft.totals, vat: draft.totals.vat + 1, gross: draft.totals.gross + 1 };
    const refs = await refsFor(draft);
    const error = await adapter.createInvoice(draft, refs).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "validation", retryable: false });
    expect((error as LedgerError).merchantMessage).toBe(
      "Dynaccount calculated 390.00 DKK for Order #2002, but the shop total is 390.01 DKK, so nothing was booked. Check the VAT codes and prices of the order's lines.",
    );
    expect(sim.state.table("debtor_order").where("requisition", draft.externalReference)).toHaveLength(0);
  });

  it("explains a VAT code missing in Dynaccount and leaves no half-made order", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2003, email: "oss@example.de" });
    for (const line of draft.lines) line.vatTreatment = "oss";
    for (const line of draft.lines) line.vatRate = 2200;
    const refs = {
      customerId: (await adapter.findOrCreateCustomer(draft.customer)).id,
      productIds: new Map<string, string>(),
    };
    await adapter.ensureProduct(
      {
        sku: "TSHIRT-RED-M",
        name: "T",
        unitNet: 8000,
        currency: "DKK",
        vatTreatment: "domestic",
        vatRate: 2500,
        account: "1100",
      },
      { update: false },
    );
    await adapter.ensureProduct(
      {
        sku: "MUG-STONE",
        name: "M",
        unitNet: 12000,
        currency: "DKK",
        vatTreatment: "domestic",
        vatRate: 2500,
        account: "1100",
      },
      { update: false },
    );
    const error = await adapter.createInvoice(draft, refs).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "validation" });
    expect((error as LedgerError).merchantMessage).toContain('VAT code "OSS22" does not exist');
    expect(sim.state.table("debtor_order").where("requisition", draft.externalReference)).toHaveLength(0);
  });

  it("writes foreign-currency orders in their currency", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2004, email: "euro@example.de" });
    draft.currency = currency("EUR");
    const refs = await refsFor(draft);
    sent = [];
    const document = await adapter.createInvoice(draft, refs);
    expect(only("put/debtor_order").form.currency_name).toBe("EUR");
    expect(document.totalGross).toBe(draft.totals.gross);
    expect(sim.state.table("debtor_order").byId(Number(document.id))).toMatchObject({
      currency_name: "EUR",
      total_amount: "390.00",
    });
  });

  it("refuses to create the same document twice, naming the existing one", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2005, email: "twice@example.dk" });
    const refs = await refsFor(draft);
    const first = await adapter.createInvoice(draft, refs);
    const error = await adapter.createInvoice(draft, refs).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "conflict", existingId: first.id, retryable: false });
  });

  it("recovers from a crash between order header and lines: the empty header is removed and creation repeats cleanly", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2006, email: "header@example.dk" });
    const refs = await refsFor(draft);
    sim.faults.next("dropAfterCommit", 1, (request) => /\/put\/debtor_order\/?$/.test(request.path));
    const lost = await adapter.createInvoice(draft, refs).catch((e: unknown) => e);
    expect(lost).toMatchObject({ kind: "unavailable", retryable: true });
    expect(sim.state.table("debtor_order").where("requisition", draft.externalReference)).toHaveLength(1);
    expect(await adapter.findDocument("invoice", draft.externalReference)).toBeNull();
    expect(sim.state.table("debtor_order").where("requisition", draft.externalReference)).toHaveLength(0);
    const created = await adapter.createInvoice(draft, refs);
    expect(created.totalGross).toBe(draft.totals.gross);
    expect(sim.state.table("debtor_order").where("requisition", draft.externalReference)).toHaveLength(1);
  });

  it("books through invoice_debtor_order and rejects a locked number", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2007, email: "book@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    const locked = await adapter.bookInvoice(document, { number: 2007 }).catch((e: unknown) => e);
    expect(locked).toMatchObject({
      kind: "validation",
      merchantMessage: expect.stringContaining("numbers invoices itself"),
    });
    sent = [];
    const booked = await adapter.bookInvoice(document);
    expect(only("action/invoice_debtor_order").form).toEqual({ order_id: document.id });
    expect(booked).toMatchObject({
      kind: "invoice",
      state: "booked",
      number: String(sim.state.numbering.nextInvoiceNumber - 1),
    });
  });

  it("recovers a booking whose answer was lost", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2008, email: "lostbook@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    sim.faults.next("dropAfterCommit", 1, (request) =>
      request.path.endsWith("/action/invoice_debtor_order/"),
    );
    await expect(adapter.bookInvoice(document)).rejects.toMatchObject({ kind: "unavailable" });
    const booked = await adapter.bookInvoice(document);
    expect(booked.state).toBe("booked");
    expect(sim.state.table("debtor_invoice").where("requisition", draft.externalReference)).toHaveLength(1);
  });

  it("e-mails a booked invoice with Dynaccount's send action, and only a booked one", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2009, email: "mail@example.dk" });
    const document = await adapter.createInvoice(draft, await refsFor(draft));
    await expect(
      adapter.emailInvoice(document, { recipient: "mail@example.dk", body: "x" }),
    ).rejects.toMatchObject({ kind: "validation" });
    const booked = await adapter.bookInvoice(document);
    sent = [];
    await adapter.emailInvoice(booked, {
      recipient: "mail@example.dk",
      subject: "ignored",
      body: "Tak for din ordre",
    });
    expect(only("action/send_debtor_invoice").form).toEqual({
      invoice_id: booked.id,
      email: "mail@example.dk",
      msg: "Tak for din ordre",
      is_attached: "YES",
    });
    expect(sim.state.emails.at(-1)).toMatchObject({
      invoiceNumber: Number(booked.number),
      email: "mail@example.dk",
      attached: true,
    });
  });
});

describe("payments and credit notes", () => {
  it("posts a payment as a DEBTOR_PAYMENT voucher row in the booking draft, once", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2101, email: "pay@example.dk" });
    const refs = await refsFor(draft);
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, refs));
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    sent = [];
    const first = await adapter.registerPayment(booked, payment);
    expect(first.created).toBe(true);
    expect(only("put/enclosure").form).toEqual({
      time: String(Date.UTC(2026, 10, 20, 12) / 1000),
      draft_id: expect.stringMatching(/^\d+$/),
      enc_id_: "",
      txt: `Indbetaling faktura ${booked.number} (shopify_payments txn-2101)`,
      note: "txn-2101",
    });
    expect(only("put/accounting").form).toEqual({
      enclosure_id: first.id,
      type: "DEBTOR_PAYMENT",
      account_id_: accounts.deposit,
      accountoff_id_: refs.customerId,
      invoice_id_: booked.number,
      currency_name: "DKK",
      amount: "390.00",
    });
    const again = await adapter.registerPayment(booked, payment);
    expect(again).toEqual({ id: first.id, created: false });
    expect(sim.state.table("accounting").where("enclosure_id", Number(first.id))).toHaveLength(1);
  });

  it("links the credit note to the booked invoice and refunds with the opposite sign", async () => {
    const draft = sampleInvoice(accounts, { orderNumber: 2102, email: "refund@example.dk" });
    const refs = await refsFor(draft);
    const booked = await adapter.bookInvoice(await adapter.createInvoice(draft, refs));
    const creditDraft = sampleCreditNote(accounts, draft, "r1");
    sent = [];
    const note = await adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
    expect(only("put/debtor_creditnote").form).toEqual({
      invoice_id: booked.id,
      time: String(Date.UTC(2026, 10, 21, 12) / 1000),
      requisition: creditDraft.externalReference,
    });
    expect(only("insert_bulk/debtor_creditnote_product").form).toMatchObject({
      "creditnote_id[0]": note.id,
      "product_id_[0]": "TSHIRT-RED-M",
      "qty[0]": "1",
      "price[0]": "80.00",
    });
    const bookedNote = await adapter.bookCreditNote(note);
    const refund = creditDraft.payments[0];
    if (!refund) throw new Error("sample has a refund");
    sent = [];
    await adapter.registerRefund(bookedNote, refund);
    expect(only("put/accounting").form).toMatchObject({
      type: "DEBTOR_PAYMENT",
      invoice_id_: bookedNote.number,
      amount: "-100.00",
    });
    await expect(
      adapter.createCreditNote(creditDraft, { invoice: { ...booked, state: "draft" }, ...refs }),
    ).rejects.toMatchObject({ kind: "validation" });
  });
});
