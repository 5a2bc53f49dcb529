import { readFileSync } from "node:fs";
import type { CreditNoteDraft, DraftCustomer, InvoiceDraft } from "../../app/domain/invoice-draft";
import { currency } from "../../app/domain/money";
import { SEED } from "../../simulators/billy/sim-seed";
import type { ProductSpec } from "../../app/ledgers/ledger-contract";
import { sampleCreditNote, sampleCustomer, sampleInvoice } from "../contract/sample-drafts";
import { billyAccounts as accounts } from "./billy-recording";

/**
 * What the recorded Billy requests in test/fixtures/billy/requests/ were made from: the adapter
 * test sends them through the adapter and compares the wire bytes, billy-requests.test.ts builds
 * them with the pure functions. Billy's random ids appear in the fixtures as `<kind:name>`.
 */

export interface BillyRequestFixture {
  method: string;
  path: string;
  body?: unknown;
  /** Billy's answer, for a recorded read. */
  answer?: unknown;
}

const FIXTURES = new URL("../fixtures/billy/requests/", import.meta.url);

export const billyRequestFixture = (name: string): BillyRequestFixture =>
  JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8")) as BillyRequestFixture;

/** A user-level token: write bodies carry the organisation. */
export const recordedOrg = { organizationId: SEED.organizationId };

export const mug: ProductSpec = {
  sku: "MUG",
  name: "Mug",
  unitNet: 12000,
  currency: "DKK",
  vatTreatment: "domestic",
  vatRate: 2500,
  account: accounts.sales,
};

/** The mug renamed, moved to another account and made VAT-exempt. */
export const renamedMug: ProductSpec = {
  ...mug,
  name: "Mug, large",
  account: accounts.salesNoVat,
  vatTreatment: "exempt",
  vatRate: 0,
};

export const karen = sampleCustomer("karen@example.dk");

/** Karen's contact again, now buying for her company: found by e-mail and updated. */
export const karensCompany: DraftCustomer = {
  ...karen,
  isBusiness: true,
  companyName: "Jensen Design ApS",
  vatNumber: "DK12345678",
  ean: "5790000123456",
  address: { line1: "Vestergade 12", line2: "2. sal", zip: "8000", city: "Aarhus C", countryCode: "dk" },
  onCompanyChange: "update",
};

export const emailRequest = { recipient: " Accounts@Example.dk ", body: "Tak for din ordre." };

export interface RecordedDrafts {
  invoice: InvoiceDraft;
  creditNote: CreditNoteDraft;
  /** With a number locked at creation. */
  locked: InvoiceDraft;
  /** Booked later with number 51003. */
  plain: InvoiceDraft;
  /** In EUR with the shop's own rate. */
  eur: InvoiceDraft;
}

export function recordedDrafts(): RecordedDrafts {
  const invoice = sampleInvoice(accounts, { orderNumber: 1001, email: "a@example.dk" });
  return {
    invoice,
    creditNote: sampleCreditNote(accounts, invoice, "55"),
    locked: { ...sampleInvoice(accounts, { orderNumber: 1002, email: "a@example.dk" }), lockedNumber: 51002 },
    plain: sampleInvoice(accounts, { orderNumber: 1003, email: "a@example.dk" }),
    eur: {
      ...sampleInvoice(accounts, { orderNumber: 1004, email: "a@example.dk" }),
      currency: currency("EUR"),
      exchangeRate: { from: currency("EUR"), to: currency("DKK"), rate: "7.4612345" },
    },
  };
}

/** Billy's own documented example requests (API reference), to compare our keys with. */
export const documentedRequests = JSON.parse(
  readFileSync(new URL("../fixtures/billy/documented-requests.json", import.meta.url), "utf8"),
);
