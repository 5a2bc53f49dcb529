import { describe, expect, it } from "vitest";
import { draftCustomer } from "../domain/draft-customer";
import type { DraftCustomer } from "../domain/invoice-draft";
import { order } from "../domain/order-factory.test-support";
import { contactCreationKey, decideContact, sameBuyer } from "./customer-identity";

const person: DraftCustomer = {
  match: { key: "email", value: "karen@example.dk" },
  reference: "shopify-customer-42",
  name: "Karen Jensen",
  email: "karen@example.dk",
  isBusiness: false,
  address: {},
};
const company: DraftCustomer = {
  ...person,
  companyName: "Firma ApS",
  vatNumber: "DK 12 34 56 78",
  isBusiness: true,
};

describe("customer identity", () => {
  it("tells a company from the private person sharing its e-mail and shop customer id", () => {
    expect(sameBuyer(company, { id: "1", name: "Karen Jensen", isPerson: true })).toBe(false);
    expect(sameBuyer(company, { id: "1", name: "Karen Jensen" })).toBe(false);
    expect(sameBuyer(company, { id: "2", name: "Other name", vatNumber: "dk12345678" })).toBe(true);
    expect(sameBuyer(company, { id: "3", name: "Firma ApS", vatNumber: "DK87654321" })).toBe(false);
    expect(sameBuyer(company, { id: "4", name: " firma  aps " })).toBe(true);
    expect(sameBuyer(person, { id: "5", name: "Firma ApS", vatNumber: "12345678" })).toBe(false);
    expect(sameBuyer(person, { id: "6", name: "Firma ApS", isPerson: false })).toBe(false);
    expect(sameBuyer(person, { id: "7", name: "K. Jensen" })).toBe(true);
  });

  it("uses the same buyer among several candidates, else creates or updates as configured", () => {
    const candidates = [
      { id: "p", name: "Karen Jensen", isPerson: true },
      { id: "c", name: "Firma ApS", vatNumber: "12345678", isPerson: false },
    ];
    expect(decideContact(company, candidates)).toEqual({ action: "use", contact: candidates[1] });
    expect(decideContact(person, candidates)).toEqual({ action: "use", contact: candidates[0] });
    const onlyPerson = candidates.slice(0, 1);
    expect(decideContact(company, onlyPerson)).toEqual({ action: "create" });
    expect(decideContact({ ...company, onCompanyChange: "update" }, onlyPerson)).toEqual({
      action: "update",
      contact: onlyPerson[0],
    });
    expect(decideContact(company, [])).toEqual({ action: "create" });
  });

  it("keys a created contact on the match value and the buyer, not on the shop's customer id", () => {
    expect(contactCreationKey(company)).not.toBe(contactCreationKey(person));
    expect(contactCreationKey({ ...person, reference: "shopify-customer-99" })).toBe(
      contactCreationKey(person),
    );
    expect(contactCreationKey({ ...company, vatNumber: "DK87654321" })).not.toBe(contactCreationKey(company));
  });

  it("carries the companyChange setting into the draft customer only when it is not the default", () => {
    expect(draftCustomer(order(), "email", "update").onCompanyChange).toBe("update");
    expect("onCompanyChange" in draftCustomer(order(), "email")).toBe(false);
  });
});
