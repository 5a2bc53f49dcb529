import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DraftCustomer } from "../../app/domain/invoice-draft";
import { billyHarness } from "../../simulators/billy/billy-harness";
import { dineroHarness } from "../../simulators/dinero/dinero-harness";
import { dynaccountHarness } from "../../simulators/dynaccount/dynaccount-harness";
import { economicHarness } from "../../simulators/economic/economic-harness";
import type { LedgerAdapter } from "../../app/ledgers/ledger-contract";
import type { LedgerHarness, StartedLedger } from "./ledger-harness";
import { sampleCustomer } from "./sample-drafts";

/**
 * The shop's match field decides which ledger contact an order is booked on; the platform's
 * customer id (our `reference`) is only a hint. A private person and the company they buy for
 * share the shop's customer id and often the e-mail — the company must still reach the ledger.
 */

function karen(email: string, reference = "shopify-customer-42"): DraftCustomer {
  return { ...sampleCustomer(email), reference };
}

function firma(
  email: string,
  init: { vatNumber?: string; companyName?: string; onCompanyChange?: "create" | "update" } = {},
): DraftCustomer {
  const companyName = init.companyName ?? "Firma ApS";
  return {
    ...sampleCustomer(email),
    reference: "shopify-customer-42",
    name: "Karen Jensen",
    companyName,
    vatNumber: init.vatNumber ?? "DK12345678",
    isBusiness: true,
    ...(init.onCompanyChange ? { onCompanyChange: init.onCompanyChange } : {}),
  };
}

for (const harness of [dineroHarness, billyHarness, economicHarness, dynaccountHarness] as LedgerHarness[]) {
  describe(`customer matching: ${harness.provider}`, () => {
    let ledger: StartedLedger;
    let adapter: LedgerAdapter;
    const customers = () => ledger.probe.counts().customers;

    beforeAll(async () => {
      ledger = await harness.start({ adapterTimeoutMs: 1500 });
      adapter = ledger.adapter;
    });
    afterAll(async () => {
      await ledger?.close();
    });

    it("books a new company on its own contact although it shares the shop's customer id", async () => {
      const person = await adapter.findOrCreateCustomer(karen("karen.private@example.dk"));
      const company = await adapter.findOrCreateCustomer(firma("indkob@firma.example"));
      expect(company.created).toBe(true);
      expect(company.id).not.toBe(person.id);
      // The same company again is found by its e-mail, not created twice.
      const again = await adapter.findOrCreateCustomer(firma("indkob@firma.example"));
      expect(again).toEqual({ id: company.id, created: false });
    });

    it("same e-mail, now a company: a contact of its own (companyChange: create)", async () => {
      const email = "karen.shared@example.dk";
      const person = await adapter.findOrCreateCustomer(karen(email));
      const company = await adapter.findOrCreateCustomer(firma(email));
      expect(company.created).toBe(true);
      expect(company.id).not.toBe(person.id);
      const before = customers();
      // Both are found again by the same e-mail, each on its own contact.
      expect(await adapter.findOrCreateCustomer(firma(email))).toEqual({ id: company.id, created: false });
      expect(await adapter.findOrCreateCustomer(karen(email))).toEqual({ id: person.id, created: false });
      // Another VAT number on the same e-mail is another company.
      const other = await adapter.findOrCreateCustomer(
        firma(email, { vatNumber: "DK87654321", companyName: "Andet Firma ApS" }),
      );
      expect(other.created).toBe(true);
      expect(new Set([person.id, company.id, other.id]).size).toBe(3);
      expect(customers()).toBe(before + 1);
    });

    it("same e-mail, now a company: the found contact is updated (companyChange: update)", async () => {
      const email = "karen.update@example.dk";
      const person = await adapter.findOrCreateCustomer(karen(email, "shopify-customer-77"));
      const before = customers();
      const updated = await adapter.findOrCreateCustomer(firma(email, { onCompanyChange: "update" }));
      expect(updated).toEqual({ id: person.id, created: false });
      expect(customers()).toBe(before);
      // The ledger now holds the company: found as the same buyer even with "create".
      expect(await adapter.findOrCreateCustomer(firma(email))).toEqual({ id: person.id, created: false });
      expect(customers()).toBe(before);
      // …and a private order on that e-mail is no longer booked on the company's contact.
      const privately = await adapter.findOrCreateCustomer(karen(email, "shopify-customer-77"));
      expect(privately.created).toBe(true);
      expect(privately.id).not.toBe(person.id);
    });
  });
}
