import { describe, expect, it } from "vitest";
import { sampleCustomer } from "../../../test/contract/sample-drafts";
import { billyTestBed } from "../../../test/support/billy-recording";
import { documentedRequests } from "../../../test/support/billy-request-inputs";
import type { DraftCustomer } from "../../domain/invoice-draft";

/** Finding and creating Billy contacts, through the adapter against the simulator. */

const bed = billyTestBed();

describe("Billy customers", () => {
  it("creates a customer as a contact with a primary contact person and our reference as contactNo", async () => {
    const ref = await bed.adapter.findOrCreateCustomer(sampleCustomer("Karen@Example.dk"));
    expect(ref.created).toBe(true);
    const body = bed.lastWrite("/contacts");
    expect(Object.keys(body ?? {})).toEqual(Object.keys(documentedRequests.createContact));
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
    const again = await bed.adapter.findOrCreateCustomer({
      ...sampleCustomer("karen@example.DK"),
      reference: "other",
    });
    expect(again).toEqual({ id: ref.id, created: false });
    expect(bed.sim.state.contacts.size).toBe(1);
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
    const created = await bed.adapter.findOrCreateCustomer(business);
    expect(bed.lastWrite("/contacts")?.contact).toMatchObject({
      type: "company",
      name: "Weber GmbH",
      countryId: "DE",
      registrationNo: "DE123456789",
    });
    expect(
      await bed.adapter.findOrCreateCustomer({
        ...business,
        match: { key: "vatNumber", value: "123456789" },
      }),
    ).toEqual({ id: created.id, created: false });
    expect(
      await bed.adapter.findOrCreateCustomer({
        ...business,
        match: { key: "reference", value: "woo-customer-77" },
      }),
    ).toEqual({ id: created.id, created: false });

    const phoneCustomer = {
      ...sampleCustomer("p@example.dk"),
      match: { key: "phone" as const, value: "12 34 56 78" },
    };
    const byPhone = await bed.adapter.findOrCreateCustomer(phoneCustomer);
    expect(byPhone.created).toBe(true);
    expect(
      await bed.adapter.findOrCreateCustomer({
        ...phoneCustomer,
        match: { key: "phone", value: "+45 12345678" },
      }),
    ).toEqual({ id: byPhone.id, created: false });
  });
});
