import type { DraftCustomer } from "../../domain/invoice-draft";
import { decideContact, normalizeVatNumber } from "../customer-identity";
import type { LedgerRef } from "../ledger-contract";
import type { Query } from "./billy-client";
import type { BillyContext } from "./billy-context";
import { billyContactBody, billyContactUpdateBody } from "./billy-requests";
import { type BillyContact, contactSchema, writeEnvelope } from "./billy-schemas";

/**
 * Finding and creating Billy contacts for webshop customers. Billy documents no contact filters;
 * integrations use `contactNo=` and `q=` (name, number, phone, e-mail). We send those to narrow
 * the list and always re-check the match here, so an ignored filter costs pages, not duplicates.
 */

export async function findOrCreateBillyCustomer(
  { client, org }: BillyContext,
  customer: DraftCustomer,
): Promise<LedgerRef> {
  const candidates = await client.list(
    "contacts",
    contactSchema,
    "look up the customer",
    contactSearch(customer.match),
  );
  const decision = decideContact(
    customer,
    candidates
      .filter((contact) => matchesCustomer(contact, customer.match))
      .map((contact) => ({
        id: contact.id,
        name: contact.name,
        vatNumber: contact.registrationNo,
        // Billy "person" contacts also hold companies without a VAT number: only "company" is sure.
        isPerson: contact.type === "company" ? false : undefined,
      })),
  );
  if (decision.action === "use") return { id: decision.contact.id, created: false };
  if (decision.action === "update") {
    await client.put(
      `/contacts/${encodeURIComponent(decision.contact.id)}`,
      billyContactUpdateBody(customer),
      writeEnvelope("contacts", contactSchema),
      `update the customer ${customer.name}`,
    );
    return { id: decision.contact.id, created: false };
  }
  const created = await client.post(
    "/contacts",
    billyContactBody(customer, org),
    writeEnvelope("contacts", contactSchema),
    `create the customer ${customer.name}`,
  );
  return { id: created.id, created: true };
}

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
        normalizeVatNumber(contact.registrationNo) !== "" &&
        normalizeVatNumber(contact.registrationNo) === normalizeVatNumber(match.value)
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
