import { describe, expect, it } from "vitest";
import {
  billyRequestFixture,
  emailRequest,
  karen,
  karensCompany,
  mug,
  recordedDrafts,
  recordedOrg as org,
  renamedMug,
} from "../../../test/support/billy-request-inputs";
import type { DocumentDraft } from "../../domain/invoice-draft";
import { genericProductSpec } from "../line-product-spec";
import { toBillyAmount } from "./billy-amounts";
import { planBillyLines } from "./billy-invoice-lines";
import {
  billyApproveBody,
  billyBankPaymentBody,
  billyContactBody,
  billyContactUpdateBody,
  billyCreditNoteBody,
  billyEmailBody,
  billyInvoiceBody,
  billyPriceChangeBody,
  billyProductBody,
  billyProductChangesBody,
  billyProductPriceBody,
  billyRecipientBody,
  billyRenumberedCopyBody,
} from "./billy-requests";
import { type BillyProduct, invoiceSchema } from "./billy-schemas";
import { SEED } from "../../../simulators/billy/sim-seed";

/**
 * The pure request builders against the bodies the adapter was recorded sending
 * (test/fixtures/billy/requests/): the same bytes, key order included.
 */

function expectRecorded(body: unknown, name: string) {
  expect(JSON.stringify(body), name).toBe(JSON.stringify(billyRequestFixture(name).body));
}

const drafts = recordedDrafts();
const customerId = "<contact:a>";

/** The product ids the recorded pass used, by SKU; lines without SKU share the generic one. */
function parts(draft: DocumentDraft) {
  const plan = planBillyLines(draft, (line) => (line.sku ? `<product:${line.sku}>` : "<product:shipping>"));
  return { org, plan, baseCurrency: "DKK" };
}

describe("Billy request bodies", () => {
  it("builds the invoice, with a locked number and in EUR at the shop's rate", () => {
    expectRecorded(billyInvoiceBody(drafts.invoice, customerId, parts(drafts.invoice)), "invoice-create");
    expectRecorded(
      billyInvoiceBody(drafts.locked, customerId, parts(drafts.locked)),
      "invoice-create-locked",
    );
    expectRecorded(billyInvoiceBody(drafts.eur, customerId, parts(drafts.eur)), "invoice-create-eur");
    expect(billyInvoiceBody(drafts.eur, customerId, parts(drafts.eur)).invoice.exchangeRate).toBe(7.461235);
  });

  it("builds the credit note pointing at the invoice it credits", () => {
    const refs = { invoiceId: "<invoice:1001>", customerId };
    expectRecorded(
      billyCreditNoteBody(drafts.creditNote, refs, parts(drafts.creditNote)),
      "credit-note-create",
    );
  });

  it("copies a draft read back from Billy with the number to lock", () => {
    const read = billyRequestFixture("invoice-before-renumbering").answer as { invoice: unknown };
    const current = invoiceSchema.parse(read.invoice);
    expectRecorded(billyRenumberedCopyBody(current, "51003", org), "invoice-renumbered-copy");
  });

  it("approves invoices and credit notes with the same body", () => {
    expectRecorded(billyApproveBody(), "invoice-approve");
    expectRecorded(billyApproveBody(), "credit-note-approve");
    expectRecorded(billyApproveBody(), "invoice-approve-copy");
  });

  it("builds the contact, and its update without persons, organisation or customer flag", () => {
    expectRecorded(billyContactBody(karen, org), "contact-create");
    expectRecorded(billyContactUpdateBody(karensCompany), "contact-update");
    expect(billyContactBody(karen, {}).contact).not.toHaveProperty("organizationId");
  });

  it("builds products with and without a price, their changes and their prices", () => {
    const price = toBillyAmount(mug.unitNet, mug.currency);
    expectRecorded(billyProductBody(mug, SEED.rulesets.standard, price, org), "product-create");
    const shipping = drafts.invoice.lines.find((line) => line.kind === "shipping")!;
    const generic = genericProductSpec(shipping, "DKK", {
      sku: `ledgerbridge-shipping-domestic-${shipping.account}`,
      name: "Fragt",
    });
    expectRecorded(
      billyProductBody(generic, SEED.rulesets.standard, undefined, org),
      "product-create-generic",
    );

    const held: BillyProduct = {
      id: "<product:MUG>",
      name: mug.name,
      productNo: mug.sku,
      accountId: mug.account,
      salesTaxRulesetId: SEED.rulesets.standard,
    };
    expectRecorded(billyProductChangesBody(held, renamedMug, SEED.rulesets.exempt), "product-update");
    expect(billyProductChangesBody(held, mug, SEED.rulesets.standard)).toBeUndefined();
    expectRecorded(billyProductPriceBody("<product:MUG>", "EUR", 16), "product-price-create");
    expectRecorded(billyPriceChangeBody(130), "product-price-update");
  });

  it("builds payments, refunds and a payment from an account in another currency", () => {
    const [payment] = drafts.invoice.payments;
    const [refund] = drafts.creditNote.payments;
    const [eurPayment] = drafts.eur.payments;
    expectRecorded(
      billyBankPaymentBody("<invoice:1001>", payment!, "debit", { amount: 390 }, org),
      "bank-payment",
    );
    expectRecorded(
      billyBankPaymentBody("<credit-note:1001-r55>", refund!, "credit", { amount: 100 }, org),
      "bank-payment-refund",
    );
    expectRecorded(
      billyBankPaymentBody(
        "<invoice:1004>",
        eurPayment!,
        "debit",
        { amount: 2909.88, exchangeRate: 7.461235 },
        org,
      ),
      "bank-payment-eur",
    );
  });

  it("adds the e-mail recipient as a contact person and e-mails the invoice to them", () => {
    expectRecorded(billyRecipientBody(customerId, emailRequest.recipient, false), "contact-person-create");
    expectRecorded(billyEmailBody("<person:accounts>", "1", emailRequest), "invoice-email");
    expect(billyEmailBody("p", null, emailRequest).email.emailSubject).toBe("Faktura");
  });
});
