import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BillySimulator, startBillySimulator } from "./billy-simulator";
import { SEED } from "./sim-seed";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/billy/${name}`, import.meta.url), "utf8"));
const errorBodies = fixture("error-bodies.json");
const invoiceResponse = fixture("invoice-response.json");

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form response bodies in assertions

let sim: BillySimulator;
beforeEach(async () => {
  sim = await startBillySimulator();
});
afterEach(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.apiBaseUrl}${path}`, {
    method,
    headers: { "X-Access-Token": sim.accessToken, "Content-Type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Json };
}

async function contact(extra: Json = {}) {
  const res = await call("POST", "/contacts", {
    contact: {
      name: "Karen Jensen",
      countryId: "DK",
      type: "person",
      contactPersons: [{ email: "karen@example.dk", isPrimary: true }],
      ...extra,
    },
  });
  expect(res.status).toBe(200);
  return res.body.contacts[0] as Json;
}

async function product(extra: Json = {}) {
  const res = await call("POST", "/products", { product: { name: "Mug", productNo: "MUG", ...extra } });
  expect(res.status).toBe(200);
  return res.body.products[0] as Json;
}

async function draftInvoice(contactId: string, productId: string, extra: Json = {}, line: Json = {}) {
  return call("POST", "/invoices", {
    invoice: {
      contactId,
      entryDate: "2026-11-20",
      currencyId: "DKK",
      taxMode: "incl",
      lines: [{ productId, quantity: 2, unitPrice: 100, ...line }],
      ...extra,
    },
  });
}

describe("Billy simulator: authentication", () => {
  it("rejects a missing access token with Billy's observed 401 body", async () => {
    const res = await call("GET", "/organization", undefined, { "X-Access-Token": "" });
    const observed = errorBodies.observed.authenticationRequired;
    expect(res.status).toBe(observed.status);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(observed.body).sort());
    expect(res.body.errorCode).toBe("AUTHENTICATION_REQUIRED");
    expect(res.body.errorMessage).toBe(observed.body.errorMessage);
    expect(res.body.meta).toEqual({ statusCode: 401, success: false });
  });

  it("rejects an unknown token with OAUTH_INVALID_ACCESS_TOKEN and records nothing", async () => {
    const res = await call(
      "POST",
      "/contacts",
      { contact: { name: "X", countryId: "DK" } },
      { "X-Access-Token": "wrong" },
    );
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe("OAUTH_INVALID_ACCESS_TOKEN");
    expect(sim.state.contacts.size).toBe(0);
  });

  it("answers the token's organization", async () => {
    const res = await call("GET", "/organization");
    expect(res.status).toBe(200);
    expect(res.body.organization.id).toBe(SEED.organizationId);
    expect(res.body.organization.baseCurrencyId).toBe("DKK");
    expect(res.body.organization.defaultSalesTaxRulesetId).toBe(SEED.rulesets.standard);
  });
});

describe("Billy simulator: errors in Billy's shapes", () => {
  it("returns 422 with per-attribute validationErrors for a create missing required fields", async () => {
    const res = await call("POST", "/invoices", { invoice: { lines: [{ quantity: 1 }] } });
    expect(res.status).toBe(422);
    expect(res.body.meta).toEqual({ statusCode: 422, success: false });
    const attributes = res.body.validationErrors.invoice.attributes;
    expect(Object.keys(attributes)).toEqual(
      expect.arrayContaining([
        "contactId",
        "entryDate",
        "currencyId",
        "lines.0.productId",
        "lines.0.unitPrice",
      ]),
    );
    expect(typeof res.body.errorMessage).toBe("string");
    expect(sim.state.invoices.size).toBe(0);
  });

  it("answers a body that is not a JSON object with 400 INVALID_REQUEST_BODY", async () => {
    expect((await call("POST", "/contacts", "{not json")).body.errorCode).toBe("INVALID_REQUEST_BODY");
    const array = await call("POST", "/contacts", "[1,2]");
    expect(array.status).toBe(400);
    expect(array.body.errorCode).toBe("INVALID_REQUEST_BODY");
  });

  it("answers unknown resources with 404 and unsupported methods with 405", async () => {
    const unknown = await call("GET", "/nothingHere");
    expect([unknown.status, unknown.body.errorCode]).toEqual([404, "UNKNOWN_RESOURCE"]);
    const deletePayment = await call("DELETE", "/bankPayments/abc");
    expect([deletePayment.status, deletePayment.body.errorCode]).toEqual([405, "METHOD_NOT_ALLOWED"]);
    const missing = await call("GET", "/invoices/does-not-exist");
    expect([missing.status, missing.body.errorCode]).toEqual([404, "RECORD_NOT_FOUND"]);
  });

  it("enforces the rate limit per token with 429 and Retry-After", async () => {
    sim.setRateLimit(2, 60_000);
    expect((await call("GET", "/organization")).status).toBe(200);
    expect((await call("GET", "/organization")).status).toBe(200);
    const limited = await call("GET", "/organization");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited.body.errorCode).toBe("RATE_LIMIT_EXCEEDED");
  });
});

describe("Billy simulator: invoices", () => {
  it("keeps the exchange rate sent with a foreign-currency invoice, refuses one that is not positive, and ignores it in the base currency", async () => {
    const c = await contact();
    const p = await product({ productNo: "MUG-RATE" });
    const eur = await draftInvoice(c.id, p.id, { currencyId: "EUR", exchangeRate: 7.461 });
    expect(eur.status).toBe(200);
    expect(eur.body.invoices[0].exchangeRate).toBe(7.461);
    const zero = await draftInvoice(c.id, p.id, { currencyId: "EUR", exchangeRate: 0 });
    expect(zero.status).toBe(422);
    expect(Object.keys(zero.body.validationErrors.invoice.attributes)).toEqual(["exchangeRate"]);
    const dkk = await draftInvoice(c.id, p.id, { exchangeRate: 7.461 });
    expect(dkk.body.invoices[0].exchangeRate).toBe(1);
  });

  it("returns every property of a live invoice response", async () => {
    const c = await contact();
    const p = await product();
    const created = await draftInvoice(c.id, p.id);
    const id = created.body.invoices[0].id;
    await call("PUT", `/invoices/${id}`, { invoice: { state: "approved" } });
    const res = await call("GET", `/invoices?include=invoice.lines:embed`);
    const live = invoiceResponse.invoices[0];
    const ours = res.body.invoices[0];
    expect(Object.keys(ours)).toEqual(expect.arrayContaining(Object.keys(live)));
    expect(Object.keys(ours.lines[0])).toEqual(expect.arrayContaining(Object.keys(live.lines[0])));
    expect(res.body.meta.paging).toMatchObject({ page: 1, pageCount: 1, total: 1 });
  });

  it("computes VAT per line from the product's ruleset in incl and excl mode", async () => {
    const c = await contact();
    const p = await product();
    const incl = await draftInvoice(c.id, p.id, {}, { quantity: 3, unitPrice: 33.33 });
    expect(incl.body.invoices[0]).toMatchObject({
      amount: 79.99,
      tax: 20,
      grossAmount: 99.99,
      taxMode: "incl",
    });
    expect(incl.body.invoiceLines[0].taxRateId).toBe(SEED.taxRates.sales25);
    const excl = await draftInvoice(c.id, p.id, { taxMode: "excl" }, { quantity: 1, unitPrice: 0.06 });
    expect(excl.body.invoices[0]).toMatchObject({ amount: 0.06, tax: 0.02, grossAmount: 0.08 });
  });

  it("resolves the ruleset against the contact: EU companies 0 %, exempt products 0 %", async () => {
    const euCompany = await contact({
      name: "Hansen GmbH",
      countryId: "DE",
      type: "company",
      registrationNo: "DE123456789",
    });
    const standard = await product();
    const exempt = await product({
      name: "Book",
      productNo: "BOOK",
      salesTaxRulesetId: SEED.rulesets.exempt,
    });
    const dkPerson = await contact();
    const toEu = await draftInvoice(euCompany.id, standard.id);
    expect(toEu.body.invoices[0].tax).toBe(0);
    expect(toEu.body.invoiceLines[0].taxRateId).toBe(SEED.taxRates.euGoods);
    const exemptLine = await draftInvoice(dkPerson.id, exempt.id);
    expect(exemptLine.body.invoiceLines[0].taxRateId).toBe(SEED.taxRates.exempt);
  });

  it("numbers invoices and credit notes in one sequence when approved, and refuses a taken number", async () => {
    const c = await contact();
    const p = await product();
    const first = await draftInvoice(c.id, p.id);
    expect(first.body.invoices[0].invoiceNo).toBeNull();
    const discarded = await draftInvoice(c.id, p.id);
    expect(
      (await call("DELETE", `/invoices/${discarded.body.invoices[0].id}`)).body.meta.deletedRecords.invoices,
    ).toHaveLength(1);
    const approved = await call("PUT", `/invoices/${first.body.invoices[0].id}`, {
      invoice: { state: "approved" },
    });
    expect(approved.body.invoices[0].invoiceNo).toBe("1");
    const credit = await draftInvoice(c.id, p.id, {
      type: "creditNote",
      creditedInvoiceId: first.body.invoices[0].id,
      state: "approved",
    });
    expect(credit.status).toBe(200);
    expect(credit.body.invoices[0]).toMatchObject({
      invoiceNo: "2",
      type: "creditNote",
      creditedInvoiceId: first.body.invoices[0].id,
    });

    const taken = await draftInvoice(c.id, p.id, { invoiceNo: "2" });
    expect(taken.status).toBe(422);
    expect(taken.body.validationErrors.invoice.attributes.invoiceNo).toMatch(/already in use/);
  });

  it("keeps created invoices immutable where Billy does", async () => {
    const c = await contact();
    const p = await product();
    const id = (await draftInvoice(c.id, p.id)).body.invoices[0].id;
    const lines = await call("PUT", `/invoices/${id}`, { invoice: { lines: [], entryDate: "2026-01-01" } });
    expect(lines.status).toBe(422);
    expect(Object.keys(lines.body.validationErrors.invoice.attributes).sort()).toEqual([
      "entryDate",
      "lines",
    ]);
    await call("PUT", `/invoices/${id}`, { invoice: { state: "approved" } });
    const back = await call("PUT", `/invoices/${id}`, { invoice: { state: "draft" } });
    expect(back.status).toBe(422);
    expect((await call("DELETE", `/invoices/${id}`)).status).toBe(422);
    expect((await call("DELETE", "/invoices/never-existed")).status).toBe(200);
    expect(sim.state.invoices.get(id)?.state).toBe("approved");
  });

  it("rejects a credit note for a draft invoice or another contact", async () => {
    const c = await contact();
    const other = await contact({ name: "Other" });
    const p = await product();
    const draft = (await draftInvoice(c.id, p.id)).body.invoices[0].id;
    const ofDraft = await draftInvoice(c.id, p.id, { type: "creditNote", creditedInvoiceId: draft });
    expect(ofDraft.body.validationErrors.invoice.attributes.creditedInvoiceId).toMatch(/approved/);
    await call("PUT", `/invoices/${draft}`, { invoice: { state: "approved" } });
    const wrongContact = await draftInvoice(other.id, p.id, { type: "creditNote", creditedInvoiceId: draft });
    expect(wrongContact.body.validationErrors.invoice.attributes.contactId).toMatch(/same contact/);
  });

  it("sends invoice e-mails only to a contact person of the invoice's contact", async () => {
    const c = await contact();
    const p = await product();
    const id = (await draftInvoice(c.id, p.id, { state: "approved" })).body.invoices[0].id;
    const person = [...sim.state.contactPersons.values()][0];
    const missing = await call("POST", `/invoices/${id}/emails`, { email: { contactPersonId: person?.id } });
    expect(Object.keys(missing.body.validationErrors.email.attributes).sort()).toEqual([
      "emailBody",
      "emailSubject",
    ]);
    const sent = await call("POST", `/invoices/${id}/emails`, {
      email: { contactPersonId: person?.id, emailSubject: "Faktura 1", emailBody: "Tak for din ordre" },
    });
    expect(sent.status).toBe(200);
    expect(sim.state.emails).toMatchObject([{ to: "karen@example.dk", emailSubject: "Faktura 1" }]);
    expect(sim.state.invoices.get(id)?.sentState).toBe("sent");
  });
});

describe("Billy simulator: bank payments", () => {
  /** A bank payment on the bank account, settling the invoice or credit note `invoiceId`. */
  const bankPayment = (
    invoiceId: string,
    cashAmount: number,
    cashSide: "debit" | "credit",
    entryDate: string,
  ) =>
    call("POST", "/bankPayments", {
      bankPayment: {
        entryDate,
        cashAmount,
        cashSide,
        cashAccountId: SEED.accounts.bank,
        associations: [{ subjectReference: `invoice:${invoiceId}` }],
      },
    });

  it("settles an invoice with a debit and a credit note with a credit", async () => {
    const c = await contact();
    const p = await product();
    const invoice = (await draftInvoice(c.id, p.id, { state: "approved" })).body.invoices[0];
    const payment = await bankPayment(invoice.id, 200, "debit", "2026-11-20");
    expect(payment.status).toBe(200);
    expect(payment.body.invoices[0]).toMatchObject({ id: invoice.id, balance: 0, isPaid: true });
    expect(payment.body.balanceModifiers[0]).toMatchObject({
      amount: -200,
      subjectReference: `invoice:${invoice.id}`,
    });

    const credit = (
      await draftInvoice(
        c.id,
        p.id,
        { type: "creditNote", creditedInvoiceId: invoice.id, state: "approved" },
        { quantity: 1 },
      )
    ).body.invoices[0];
    const wrongSide = await bankPayment(credit.id, 100, "debit", "2026-11-21");
    expect(wrongSide.status).toBe(422);
    const refund = await bankPayment(credit.id, 100, "credit", "2026-11-21");
    expect(refund.body.invoices[0]).toMatchObject({ isPaid: true, balance: 0 });
  });

  it("requires a payment-enabled account and an exchange rate across currencies", async () => {
    const c = await contact();
    const p = await product();
    const eur = (await draftInvoice(c.id, p.id, { state: "approved", currencyId: "EUR" })).body.invoices[0];
    const base = {
      entryDate: "2026-11-20",
      cashSide: "debit",
      associations: [{ subjectReference: `invoice:${eur.id}` }],
    };
    const revenue = await call("POST", "/bankPayments", {
      bankPayment: { ...base, cashAmount: 200, cashAccountId: SEED.accounts.salesVat },
    });
    expect(revenue.body.validationErrors.bankPayment.attributes.cashAccountId).toMatch(/isPaymentEnabled/);
    const noRate = await call("POST", "/bankPayments", {
      bankPayment: { ...base, cashAmount: 1492, cashAccountId: SEED.accounts.bank },
    });
    expect(Object.keys(noRate.body.validationErrors.bankPayment.attributes)).toEqual(["cashExchangeRate"]);
    const paid = await call("POST", "/bankPayments", {
      bankPayment: { ...base, cashAmount: 1492, cashExchangeRate: 7.46, cashAccountId: SEED.accounts.bank },
    });
    expect(paid.body.invoices[0]).toMatchObject({ isPaid: true, balance: 0 });
  });

  it("voids a payment with isVoided and restores the balance", async () => {
    const c = await contact();
    const p = await product();
    const invoice = (await draftInvoice(c.id, p.id, { state: "approved" })).body.invoices[0];
    const payment = await bankPayment(invoice.id, 50, "debit", "2026-11-20");
    expect(payment.body.invoices[0].balance).toBe(150);
    const voided = await call("PUT", `/bankPayments/${payment.body.bankPayments[0].id}`, {
      bankPayment: { isVoided: true },
    });
    expect(voided.body.invoices[0].balance).toBe(200);
    const unvoid = await call("PUT", `/bankPayments/${payment.body.bankPayments[0].id}`, {
      bankPayment: { isVoided: false },
    });
    expect(unvoid.status).toBe(422);
  });
});

describe("Billy simulator: contacts and products", () => {
  it("replaces contact persons when a PUT sets them, and embeds or sideloads them on request", async () => {
    const c = await contact();
    const put = await call("PUT", `/contacts/${c.id}`, {
      contact: { contactPersons: [{ email: "new@example.dk" }] },
    });
    expect(put.body.meta.deletedRecords.contactPersons).toHaveLength(1);
    const embedded = await call("GET", `/contacts/${c.id}?include=contact.contactPersons:embed`);
    expect(embedded.body.contact.contactPersons.map((p: Json) => p.email)).toEqual(["new@example.dk"]);
    const sideloaded = await call("GET", `/contacts/${c.id}?include=contact.contactPersons`);
    expect(sideloaded.body.contact.contactPersonIds).toHaveLength(1);
    expect(sideloaded.body.contactPersons[0].email).toBe("new@example.dk");
  });

  it("stores product prices per currency and rejects unknown accounts and rulesets", async () => {
    const created = await call("POST", "/products", {
      product: {
        name: "Cape",
        accountId: SEED.accounts.salesVat,
        prices: [
          { unitPrice: 140, currencyId: "DKK" },
          { unitPrice: 19.95, currencyId: "EUR" },
        ],
      },
    });
    expect(created.body.productPrices.map((p: Json) => p.unitPrice).sort()).toEqual([140, 19.95]);
    const bad = await call("POST", "/products", {
      product: { name: "X", accountId: "nope", salesTaxRulesetId: "nope" },
    });
    expect(Object.keys(bad.body.validationErrors.product.attributes).sort()).toEqual([
      "accountId",
      "salesTaxRulesetId",
    ]);
    const archived = await call("POST", "/products", { product: { name: "X", accountId: "acc-1190" } });
    expect(archived.body.validationErrors.product.attributes.accountId).toMatch(/archived/);
  });
});
