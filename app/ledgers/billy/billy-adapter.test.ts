import { describe, expect, it } from "vitest";
import { captureError } from "../../../test/contract/ledger-contract-suite";
import { sampleInvoice } from "../../../test/contract/sample-drafts";
import { type Sent, billyAccounts as accounts, billyTestBed } from "../../../test/support/billy-recording";
import * as recordedInput from "../../../test/support/billy-request-inputs";
import { LedgerError } from "../ledger-error";
import { createBillyAdapter } from "./billy-adapter";

/**
 * The assembled adapter: what every request carries, how it fails, and the exact bytes of every
 * body it writes (test/fixtures/billy/requests/, recorded before the adapter was split in parts).
 */

const bed = billyTestBed();

describe("Billy adapter", () => {
  it("authenticates every request with X-Access-Token and awaits beforeRequest first", async () => {
    await bed.adapter.verifyConnection();
    await bed.adapter.listVatCodes();
    expect(bed.sent.length).toBeGreaterThanOrEqual(2);
    expect(bed.beforeRequestCalls).toBe(bed.sent.length);
    for (const request of bed.sent) {
      expect(request.headers.get("x-access-token")).toBe(bed.sim.accessToken);
      expect(request.headers.get("accept-language")).toBe("en_US");
    }
  });

  it("reports bad credentials, a refused deposit account and a timeout as LedgerErrors", async () => {
    const denied = await captureError(() => bed.build({ accessToken: "nope" }).verifyConnection());
    expect([denied.kind, denied.retryable, denied.providerCode]).toEqual([
      "authentication",
      false,
      "OAUTH_INVALID_ACCESS_TOKEN",
    ]);
    expect(() =>
      createBillyAdapter({ credentials: { accessToken: "" }, endpoints: { apiBaseUrl: bed.sim.apiBaseUrl } }),
    ).toThrow(LedgerError);

    const draft = sampleInvoice(accounts, { orderNumber: 1011, email: "x@example.dk" });
    const booked = await bed.adapter.bookInvoice(
      await bed.adapter.createInvoice(draft, await bed.refsFor(draft)),
    );
    const payment = draft.payments[0];
    if (!payment) throw new Error("sample has a payment");
    const refused = await captureError(() =>
      bed.adapter.registerPayment(booked, { ...payment, depositAccount: accounts.sales }),
    );
    expect(refused.kind).toBe("validation");
    expect(refused.merchantMessage).toMatch(/does not accept payments/);

    bed.sim.faults.next("timeout");
    const slow = await captureError(() => bed.build({ timeoutMs: 200 }).listDepositAccounts());
    expect([slow.kind, slow.retryable]).toEqual(["unavailable", true]);
  });
});

/**
 * Runs one representative pass through the adapter (user-level token, so bodies carry the
 * organisation) and names every write it sends, with Billy's random ids replaced by names.
 */
async function recordScenario() {
  const { karen, karensCompany, mug, renamedMug, emailRequest, recordedDrafts } = recordedInput;
  const adapter = bed.build({ organisationId: recordedInput.recordedOrg.organizationId });
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

  name((await adapter.findOrCreateCustomer(karen)).id, "<contact:karen>");
  take(["contact-create", "POST"]);
  await adapter.findOrCreateCustomer(karensCompany);
  take(["contact-update", "PUT"]);

  name((await adapter.ensureProduct(mug, { update: false })).id, "<product:MUG>");
  take(["product-create", "POST"]);
  await adapter.ensureProduct({ ...renamedMug, currency: "EUR", unitNet: 1600 }, { update: true });
  take(["product-update", "PUT"], ["product-price-create", "POST"]);
  const dkkPrice = [...bed.sim.state.productPrices.values()].find((p) => p.currencyId === "DKK");
  name(dkkPrice?.id, "<price:MUG-DKK>");
  await adapter.ensureProduct({ ...renamedMug, unitNet: 13000 }, { update: true });
  take(["product-price-update", "PUT"]);

  const { invoice: draft, creditNote: creditDraft, locked, plain, eur } = recordedDrafts();
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
  const shipping = [...bed.sim.state.products.values()].find((p) => p.productNo?.startsWith("ledgerbridge-"));
  name(shipping?.id, "<product:shipping>");
  const booked = await adapter.bookInvoice(invoice);
  take(["invoice-approve", "PUT"]);
  name((await adapter.registerPayment(booked, draft.payments[0]!)).id, "<payment:1001>");
  take(["bank-payment", "POST"]);
  await adapter.emailInvoice(booked, emailRequest);
  const person = [...bed.sim.state.contactPersons.values()].find((p) => p.email === "Accounts@Example.dk");
  name(person?.id, "<person:accounts>");
  take(["contact-person-create", "POST"], ["invoice-email", "POST"]);

  const credit = await adapter.createCreditNote(creditDraft, { invoice: booked, ...refs });
  name(credit.id, "<credit-note:1001-r55>");
  take(["credit-note-create", "POST"]);
  const bookedCredit = await adapter.bookCreditNote(credit);
  take(["credit-note-approve", "PUT"]);
  await adapter.registerRefund(bookedCredit, creditDraft.payments[0]!);
  take(["bank-payment-refund", "POST"]);

  name((await adapter.createInvoice(locked, refs)).id, "<invoice:1002>");
  take(["invoice-create-locked", "POST"]);

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

describe("Billy adapter: request bodies on the wire", () => {
  it("sends byte for byte the recorded fixtures", async () => {
    const { recorded, anonymise } = await recordScenario();
    for (const [name, request] of recorded) {
      const expected = recordedInput.billyRequestFixture(name);
      expect([request.method, anonymise(request.path)], name).toEqual([expected.method, expected.path]);
      if (request.method === "GET") continue;
      expect(anonymise(request.raw ?? ""), name).toBe(
        expected.body === undefined ? "" : JSON.stringify(expected.body),
      );
    }
    expect(recorded.size).toBe(22);
  });
});
