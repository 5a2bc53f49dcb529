import type { CustomerMatchKey, DraftCustomer } from "../../domain/invoice-draft";
import type { LedgerRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { buildContactBody, MAX_EXTERNAL_REFERENCE } from "./dinero-requests";
import type { DineroClient } from "./dinero-client";
import { dineroGuid } from "./dinero-guid";
import { equalsFilter } from "./dinero-query-filter";
import { contactCreatedSchema, contactListSchema, emptySchema } from "./dinero-schemas";
import { contactCreationKey, decideContact, type FoundContact } from "../customer-identity";

/** Customers ↔ Dinero contacts: search by the shop's match key first, create only when absent. */

const MATCH_FIELD: Record<CustomerMatchKey, string> = {
  email: "Email",
  phone: "Phone",
  vatNumber: "VatNumber",
  reference: "ExternalReference",
};

export async function findOrCreateContact(client: DineroClient, customer: DraftCustomer): Promise<LedgerRef> {
  const matchValue = customer.match.value.trim().slice(0, MAX_EXTERNAL_REFERENCE);
  const candidates: FoundContact[] = [];
  if (matchValue) {
    const found = await client.call({
      method: "GET",
      version: "v1",
      path: "/contacts",
      query: {
        queryFilter: equalsFilter(MATCH_FIELD[customer.match.key], matchValue),
        fields: "ContactGuid,Name,VatNumber,IsPerson",
        pageSize: "100",
      },
      schema: contactListSchema,
      operation: "find contact",
    });
    for (const contact of found.Collection ?? []) {
      candidates.push({
        id: contact.ContactGuid,
        name: contact.Name,
        vatNumber: contact.VatNumber,
        isPerson: contact.IsPerson,
      });
    }
  }
  const decision = decideContact(customer, candidates);
  if (decision.action === "use") return { id: decision.contact.id, created: false };
  if (decision.action === "update") {
    const { ContactGuid: _guid, ...body } = buildContactBody(customer, decision.contact.id);
    await client.call({
      method: "PUT",
      version: "v2",
      path: `/contacts/${encodeURIComponent(decision.contact.id)}`,
      body,
      schema: emptySchema,
      operation: "update contact",
    });
    return { id: decision.contact.id, created: false };
  }

  const guid = dineroGuid(await client.organisationId(), "contact", contactCreationKey(customer, candidates));
  try {
    const created = await client.call({
      method: "POST",
      version: "v1",
      path: "/contacts",
      body: buildContactBody(customer, guid),
      schema: contactCreatedSchema,
      operation: "create contact",
      sentGuid: guid,
    });
    return { id: created.ContactGuid, created: true };
  } catch (error) {
    // Our deterministic Guid already exists: an earlier attempt created this very buyer.
    if (error instanceof LedgerError && error.kind === "conflict" && error.existingId)
      return { id: error.existingId, created: false };
    throw error;
  }
}
