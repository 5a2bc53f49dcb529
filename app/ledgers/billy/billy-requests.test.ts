import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sampleCreditNote, sampleCustomer, sampleInvoice } from "../../../test/contract/sample-drafts";
import { type Sent, billyAccounts as accounts, billyTestBed } from "../../../test/support/billy-recording";
import type { DraftCustomer, InvoiceDraft } from "../../domain/invoice-draft";
import { currency } from "../../domain/money";
import type { ProductSpec } from "../ledger-contract";
import { SEED } from "./simulator/sim-seed";

const FIXTURES = new URL("../../../test/fixtures/billy/requests/", import.meta.url);

interface Fixture {
  method: string;
  path: string;
  body?: unknown;
  answer?: unknown;
}

const fixture = (name: string): Fixture =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as Fixture;

const bed = billyTestBed();

const mug: ProductSpec = {
  sku: "MUG",
  name: "Mug",
  unitNet: 12000,
  currency: "DKK",
  vatTreatment: "domestic",
  vatRate: 2500,
  account: accounts.sales,
};

/** Karen's contact again, now buying for her company: found by e-mail and updated. */
const karensCompany: DraftCustomer = {
  ...sampleCustomer("karen@example.dk"),
  isBusiness: true,
  companyName: "Jensen Design ApS",
  vatNumber: "DK12345678",
  ean: "5790000123456",
  address: { line1: "Vestergade 12", line2: "2. sal", zip: "8000", city: "Aarhus C", countryCode: "dk" },
  onCompanyChange: "update",
};

/**
 * Runs one representative pass through the adapter (user-level token, so bodies carry the
 * organisation) and names every write it sends, with Billy's random ids replaced by names.
 */
async function recordScenario() {
  const adapter = bed.build({ organisationId: SEED.organizationId });
  const names = new Map<string, string>();
  const recorded = new Map<string, Sent>();
  let seen = 0;
  const take = (...expected: Array<[name: string, method: string]>) => {
    const writes = bed.sent.slice(seen).filter((request) => request.method !== "GET");
    seen = bed.sent.length;
    expect(writes.map((w) => w.method)).toEqual(expected.map(([, method]) => method));
    expected.forEach(([name], i) => recorded.set(name, writes[i]!));
  };
  const name = (id: string | undefined, as: string) => {
    if (!id) throw new Error(`no id for ${as}`);
    names.set(id, as);
  };

  name((await adapter.findOrCreateCustomer(sampleCustomer("karen@example.dk"))).id, "<contact:karen>");
  take(["contact-create", "POST"]);
  await adapter.findOrCreateCustomer(karensCompany);
  take(["contact-update", "PUT"]);

  name((await adapter.ensureProduct(mug, { update: false })).id, "<product:MUG>");
  take(["product-create", "POST"]);
  const renamed = {
    ...mug,
    name: "Mug, large",
    account: accounts.salesNoVat,
    vatTreatment: "exempt" as const,
    vatRate: 0,
  };
  await adapter.ensureProduct({ ...renamed, currency: "EUR", unitNet: 1600 }, { update: true });
  take(["product-update", "PUT"], ["product-price-create", "POST"]);
  const dkkPrice = [...bed.sim.state.productPrices.values()].find((p) => p.currencyId === "DKK");
  name(dkkPrice?.id, "<price:MUG-DKK>");
  await adapter.ensureProduct({ ...renamed, unitNet: 13000 }, { update: true });
  take(["product-price-update", "PUT"]);

  const draft = sampleInvoice(accounts, { orderNumber: 1001, email: "a@example.dk" });
  const customer = await adapter.findOrCreateCustomer(draft.customer);
  name(customer.id, "<contact:a>");
  const productIds = new Map<string, string>();
  for (const sku of ["TSHIRT-RED-M", "MUG-STONE"]) {
    const line = draft.lines.find((l) => l.sku === sku)!;
    const ref = await adapter.ensureProduct(
      { ...mug, sku, name: line.description, unitNet: line.unitNet },
      { update: false },
    );
    name(ref.id, `<product:${sku}>`);
    productIds.set(sku, ref.id);
  }
  seen = bed.sent.length;
  const refs = { customerId: customer.id, productIds };
  const invoice = await adapter.createInvoice(draft, refs);
  name(invoice.id, "<invoice:1001>");
  take(["product-create-generic", "POST"], ["invoice-create", "POST"]);
  const shipping = [...bed.sim.state.products.values()].find((p) => p.productNo.startsWith("ledgerbridge-"));
  name(shipping?.id, "<product:shipping>");
  const booked = await adapter.bookInvoice(invoice);
  take(["invoice-approve", "PUT"]);
  name((await adapter.registerPayment(booked, draft.payments[0]!)).id, "<payment:1001>");
  take(["bank-payment", "POST"]);
  await adapter.emailInvoice(booked, { recipient: " Accounts@Example.dk ", body: "Tak for din ordre." });
  const person = [...bed.sim.state.contactPersons.values()].find((p) => p.email === "Accounts@Example.dk");
  name(person?.id, "<person:accounts>");
  take(["contact-person-create", "POST"], ["invoice-email", "POST"]);

  const creditDraft = sampleCreditNote(accounts, draft, "55");
  const credit = await adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
  name(credit.id, "<credit-note:1001-r55>");
  take(["credit-note-create", "POST"]);
  const bookedCredit = await adapter.bookCreditNote(credit);
  take(["credit-note-approve", "PUT"]);
  await adapter.registerRefund(bookedCredit, creditDraft.payments[0]!);
  take(["bank-payment-refund", "POST"]);

  const locked = {
    ...sampleInvoice(accounts, { orderNumber: 1002, email: "a@example.dk" }),
    lockedNumber: 51002,
  };
  name((await adapter.createInvoice(locked, refs)).id, "<invoice:1002>");
  take(["invoice-create-locked", "POST"]);

  const plain = sampleInvoice(accounts, { orderNumber: 1003, email: "a@example.dk" });
  const unnumbered = await adapter.createInvoice(plain, refs);
  name(unnumbered.id, "<invoice:1003-draft>");
  seen = bed.sent.length;
  const renumbered = await adapter.bookInvoice(unnumbered, { number: 51003 });
  name(renumbered.id, "<invoice:1003>");
  const read = bed.sent
    .slice(seen)
    .find((r) => r.method === "GET" && r.path === `/invoices/${unnumbered.id}`);
  recorded.set("invoice-before-renumbering", read!);
  take(
    ["invoice-renumbered-copy", "POST"],
    ["invoice-delete-draft", "DELETE"],
    ["invoice-approve-copy", "PUT"],
  );

  const eur: InvoiceDraft = {
    ...sampleInvoice(accounts, { orderNumber: 1004, email: "a@example.dk" }),
    currency: currency("EUR"),
    exchangeRate: { from: currency("EUR"), to: currency("DKK"), rate: "7.4612345" },
  };
  const eurInvoice = await adapter.createInvoice(eur, refs);
  name(eurInvoice.id, "<invoice:1004>");
  take(["invoice-create-eur", "POST"]);
  const eurBooked = await adapter.bookInvoice(eurInvoice);
  seen = bed.sent.length;
  name((await adapter.registerPayment(eurBooked, eur.payments[0]!)).id, "<payment:1004>");
  take(["bank-payment-eur", "POST"]);

  const anonymise = (text: string) =>
    [...names].reduce((out, [id, placeholder]) => out.split(id).join(placeholder), text);
  return { recorded, anonymise };
}

describe("Billy request bodies on the wire", () => {
  it("are byte for byte the recorded fixtures", async () => {
    const { recorded, anonymise } = await recordScenario();
    for (const [name, request] of recorded) {
      const path = anonymise(request.path);
      const expected = fixture(name);
      expect([request.method, path], name).toEqual([expected.method, expected.path]);
      if (request.method === "GET") continue;
      expect(anonymise(request.raw ?? ""), name).toBe(
        expected.body === undefined ? "" : JSON.stringify(expected.body),
      );
    }
    expect(recorded.size).toBe(22);
  });
});
