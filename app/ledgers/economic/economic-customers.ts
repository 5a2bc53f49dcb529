import type { DraftCustomer } from "../../domain/invoice-draft";
import { EU_MEMBER_STATES } from "../../domain/vat/vat-rates";
import { contactCreationKey, decideContact, type FoundContact } from "../customer-identity";
import type { LedgerRef } from "../ledger-contract";
import type { EconomicClient } from "./economic-client";
import type { ZoneKey } from "./economic-requests";
import { buildCustomerBody, normaliseVat } from "./economic-requests";
import type { EconomicLookups } from "./economic-settings";
import { filterValue, idempotencyKey } from "./economic-request-keys";
import { collectionOf, customerSchema } from "./economic-schemas";

/**
 * Customers (debtors). Found by the shop's matching key before anything is created. e-conomic
 * customers have no field for a foreign reference, so "reference" matching falls back to the
 * strongest identifier the customer has (e-mail, then phone, then CVR/VAT); the create itself
 * carries an Idempotency-Key derived from our reference, so a retried create stays one customer.
 */

export async function findOrCreateCustomer(
  client: EconomicClient,
  lookups: EconomicLookups,
  customer: DraftCustomer,
): Promise<LedgerRef> {
  const filter = matchFilter(customer);
  const candidates: FoundContact[] = [];
  if (filter) {
    const found = await client.request(
      {
        method: "GET",
        path: "/customers",
        query: { filter, pagesize: "100" },
        operation: "look up the customer",
      },
      customerCollection,
    );
    for (const candidate of found.collection
      .filter((c) => !c.barred)
      .sort((a, b) => a.customerNumber - b.customerNumber)) {
      // e-conomic records no person/company flag: a CVR/VAT number is what marks a company.
      candidates.push({
        id: String(candidate.customerNumber),
        name: candidate.name,
        vatNumber: candidate.corporateIdentificationNumber,
      });
    }
  }
  const decision = decideContact(customer, candidates);
  if (decision.action === "use") return { id: decision.contact.id, created: false };

  const zone = customerZone(customer);
  const body = buildCustomerBody(customer, {
    currency: await lookups.baseCurrency(),
    customerGroupNumber: await lookups.customerGroupNumber(zone),
    vatZoneNumber: await lookups.zoneNumber(zone),
    paymentTermsNumber: await lookups.defaultPaymentTerms(),
  });
  if (decision.action === "update") {
    // PUT replaces the customer: everything it should keep is in the body.
    const customerNumber = Number(decision.contact.id);
    const updateBody = { ...body, customerNumber };
    await client.request(
      {
        method: "PUT",
        path: `/customers/${customerNumber}`,
        body: updateBody,
        idempotencyKey: idempotencyKey("customer-update", decision.contact.id, updateBody),
        operation: "update the customer",
      },
      customerSchema,
    );
    return { id: decision.contact.id, created: false };
  }
  const created = await client.request(
    {
      method: "POST",
      path: "/customers",
      body,
      idempotencyKey: idempotencyKey("customer", contactCreationKey(customer, candidates), body),
      operation: "create the customer",
    },
    customerSchema,
  );
  return { id: String(created.customerNumber), created: true };
}

const customerCollection = collectionOf(customerSchema);

function matchFilter(customer: DraftCustomer): string | undefined {
  const { key, value } = customer.match;
  const candidates: Array<[Exclude<DraftCustomer["match"]["key"], "reference">, string | undefined]> =
    key === "reference"
      ? [
          ["email", customer.email],
          ["phone", customer.phone],
          ["vatNumber", customer.vatNumber],
        ]
      : [[key, value]];
  for (const [field, raw] of candidates) {
    const wanted = field === "vatNumber" ? normaliseVat(raw, customer.address.countryCode) : raw?.trim();
    if (!wanted) continue;
    const escaped = filterValue(wanted);
    if (field === "email") return `email$eq:${escaped}`;
    if (field === "phone") return `telephoneAndFaxNumber$eq:${escaped}$or:mobilePhone$eq:${escaped}`;
    return `corporateIdentificationNumber$eq:${escaped}`;
  }
  return undefined;
}

/** Domestic for Denmark and EU consumers (they pay Danish or OSS VAT); EU only for businesses with a VAT number. */
function customerZone(customer: DraftCustomer): ZoneKey {
  const country = (customer.address.countryCode ?? "DK").toUpperCase();
  if (country === "DK") return "domestic";
  if (EU_MEMBER_STATES.has(country)) return customer.isBusiness && customer.vatNumber ? "eu" : "domestic";
  return "abroad";
}
