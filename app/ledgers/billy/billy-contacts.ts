import type { DraftCustomer } from "../../domain/invoice-draft";
import type { Query } from "./billy-client";
import type { BillyContact } from "./billy-schemas";

/**
 * Finding and creating Billy contacts for webshop customers. Billy documents no contact filters;
 * integrations use `contactNo=` and `q=` (name, number, phone, e-mail). We send those to narrow
 * the list and always re-check the match here, so an ignored filter costs pages, not duplicates.
 */

export function contactSearch(match: DraftCustomer["match"]): Query {
  switch (match.key) {
    case "reference":
      return { contactNo: match.value };
    case "email":
      return { q: match.value.trim(), include: "contact.contactPersons:embed" };
    case "phone":
      return { q: digits(match.value).slice(-8) };
    case "vatNumber":
      // No filter matches a number written with or without its country prefix; compare locally.
      return {};
  }
}

export function matchesCustomer(contact: BillyContact, match: DraftCustomer["match"]): boolean {
  switch (match.key) {
    case "reference":
      return contact.contactNo === match.value;
    case "email": {
      const wanted = match.value.trim().toLowerCase();
      return (contact.contactPersons ?? []).some((person) => person.email?.trim().toLowerCase() === wanted);
    }
    case "phone":
      return samePhone(contact.phone ?? "", match.value);
    case "vatNumber":
      return (
        normalizeVat(contact.registrationNo ?? "") !== "" &&
        normalizeVat(contact.registrationNo ?? "") === normalizeVat(match.value)
      );
  }
}

function digits(value: string): string {
  return value.replace(/\D/g, "");
}

/** "+45 12 34 56 78" and "12345678" are the same Danish number. */
export function samePhone(a: string, b: string): boolean {
  const x = digits(a);
  const y = digits(b);
  if (x.length < 6 || y.length < 6) return false;
  if (x === y) return true;
  return Math.min(x.length, y.length) >= 8 && (x.length > y.length ? x.endsWith(y) : y.endsWith(x));
}

/** "DK 12 34 56 78", "dk12345678" and "12345678" compare equal. */
export function normalizeVat(value: string): string {
  return value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .replace(/^[A-Z]{2}(?=\d)/, "");
}

/**
 * A contact is a Billy "company" only with a VAT number: Billy's rulesets give EU companies 0 %
 * (reverse charge), which is only right when the shop did not charge VAT to a verified number.
 */
export function contactBody(customer: DraftCustomer, organizationId?: string) {
  const isCompany = customer.isBusiness && Boolean(customer.vatNumber);
  const street = [customer.address.line1, customer.address.line2].filter(Boolean).join("\n");
  return {
    contact: {
      ...(organizationId ? { organizationId } : {}),
      type: isCompany ? "company" : "person",
      name: (customer.isBusiness && customer.companyName) || customer.name,
      countryId: (customer.address.countryCode ?? "DK").toUpperCase(),
      ...(street ? { street } : {}),
      ...(customer.address.zip ? { zipcodeText: customer.address.zip } : {}),
      ...(customer.address.city ? { cityText: customer.address.city } : {}),
      ...(customer.phone ? { phone: customer.phone } : {}),
      ...(customer.vatNumber ? { registrationNo: customer.vatNumber } : {}),
      ...(customer.ean ? { ean: customer.ean } : {}),
      contactNo: customer.reference,
      isCustomer: true,
      ...(customer.email
        ? { contactPersons: [{ name: customer.name, email: customer.email, isPrimary: true }] }
        : {}),
    },
  };
}
