import type { SimRequest, SimResponse } from "../kit/router";
import { FieldReader, readRoot } from "./sim-body";
import { SimNotFoundError, SimValidationError } from "./sim-errors";
import { parseInclude, ResponseBuilder } from "./sim-serialize";
import { type BillySimState, type SimContact, type SimContactPerson, newBillyId } from "./sim-state";

/** /v2/contacts and /v2/contactPersons. */

export function listContacts(state: BillySimState, request: SimRequest): SimResponse {
  const q = request.query;
  let contacts = [...state.contacts.values()];
  // contactNo / registrationNo / isCustomer / q are honoured as integrations use them; Billy
  // documents no contact filters, so the adapter re-checks every match locally anyway.
  const contactNo = q.get("contactNo");
  if (contactNo !== null) contacts = contacts.filter((c) => c.contactNo === contactNo);
  const registrationNo = q.get("registrationNo");
  if (registrationNo !== null) contacts = contacts.filter((c) => c.registrationNo === registrationNo);
  const isCustomer = q.get("isCustomer");
  if (isCustomer !== null) contacts = contacts.filter((c) => c.isCustomer === (isCustomer === "true"));
  const search = q.get("q")?.trim().toLowerCase();
  if (search) {
    contacts = contacts.filter((c) => {
      const emails = [...state.contactPersons.values()]
        .filter((p) => p.contactId === c.id)
        .map((p) => p.email ?? "");
      return [c.name, c.contactNo ?? "", c.phone ?? "", ...emails].some((text) =>
        text.toLowerCase().includes(search),
      );
    });
  }
  return new ResponseBuilder(state, parseInclude(q.get("include"))).list(
    "contact",
    contacts,
    q,
    request.path,
  );
}

export function getContact(state: BillySimState, request: SimRequest): SimResponse {
  const contact = state.contacts.get(request.params.id ?? "");
  if (!contact) throw new SimNotFoundError("contact", request.params.id ?? "");
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single("contact", contact);
}

export function createContact(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("contact", readRoot(request, "contact"));
  checkOrganization(state, fields);
  const name = fields.string("name", { required: true });
  const countryId = fields.string("countryId", { required: true });
  if (countryId && !state.countries.has(countryId)) fields.fail("countryId", `Unknown country ${countryId}.`);
  const type = fields.oneOf("type", ["company", "person"] as const) ?? "company";
  const persons = readPersons(fields);
  const paymentTermsDays = fields.integer("paymentTermsDays");
  const currencyId = fields.string("currencyId");
  if (currencyId && !state.currencies.has(currencyId))
    fields.fail("currencyId", `Unknown currency ${currencyId}.`);
  fields.done();

  const contact: SimContact = {
    id: newBillyId(),
    organizationId: state.organization.id,
    type,
    name: name ?? "",
    countryId: countryId ?? "DK",
    street: fields.string("street") ?? null,
    cityText: fields.string("cityText") ?? null,
    zipcodeText: fields.string("zipcodeText") ?? null,
    contactNo: fields.string("contactNo") ?? null,
    phone: fields.string("phone") ?? null,
    registrationNo: fields.string("registrationNo") ?? null,
    ean: fields.string("ean") ?? null,
    localeId: fields.string("localeId") ?? null,
    currencyId: currencyId ?? null,
    isCustomer: fields.boolean("isCustomer") ?? false,
    isSupplier: fields.boolean("isSupplier") ?? false,
    paymentTermsMode: fields.string("paymentTermsMode") ?? state.organization.paymentTermsMode,
    paymentTermsDays: paymentTermsDays ?? state.organization.paymentTermsDays,
    isArchived: false,
    createdTime: state.now().toISOString(),
  };
  state.contacts.set(contact.id, contact);
  const created = (persons ?? []).map((p) => storePerson(state, contact.id, p));
  return new ResponseBuilder(state).changed([
    { resource: "contact", record: contact },
    ...created.map((record) => ({ resource: "contactPerson", record })),
  ]);
}

export function updateContact(state: BillySimState, request: SimRequest): SimResponse {
  const contact = state.contacts.get(request.params.id ?? "");
  if (!contact) throw new SimNotFoundError("contact", request.params.id ?? "");
  const fields = new FieldReader("contact", readRoot(request, "contact"));
  if (fields.has("id") && fields.data.id !== contact.id) fields.fail("id", "id must match the URL.");
  const persons = readPersons(fields);
  const countryId = fields.string("countryId");
  if (countryId && !state.countries.has(countryId)) fields.fail("countryId", `Unknown country ${countryId}.`);
  if (fields.has("name") && !fields.string("name")) fields.fail("name", "name is required.");
  fields.done();
  if (fields.has("name")) contact.name = fields.string("name") ?? contact.name;
  for (const key of [
    "street",
    "cityText",
    "zipcodeText",
    "contactNo",
    "phone",
    "registrationNo",
    "ean",
  ] as const) {
    if (fields.has(key)) contact[key] = fields.string(key) ?? null;
  }
  if (countryId) contact.countryId = countryId;
  const type = fields.oneOf("type", ["company", "person"] as const);
  if (type) contact.type = type;
  const deleted: string[] = [];
  let created: SimContactPerson[] = [];
  if (persons) {
    // Setting a has-many relationship replaces every existing child record.
    for (const person of [...state.contactPersons.values()].filter((p) => p.contactId === contact.id)) {
      state.contactPersons.delete(person.id);
      deleted.push(person.id);
    }
    created = persons.map((p) => storePerson(state, contact.id, p));
  }
  return new ResponseBuilder(state).changed(
    [
      { resource: "contact", record: contact },
      ...created.map((record) => ({ resource: "contactPerson", record })),
    ],
    deleted.length > 0 ? { contactPersons: deleted } : {},
  );
}

export function listContactPersons(state: BillySimState, request: SimRequest): SimResponse {
  let persons = [...state.contactPersons.values()];
  const contactId = request.query.get("contactId");
  if (contactId !== null) persons = persons.filter((p) => p.contactId === contactId);
  return new ResponseBuilder(state).list("contactPerson", persons, request.query, request.path);
}

export function createContactPerson(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("contactPerson", readRoot(request, "contactPerson"));
  const contactId = fields.string("contactId", { required: true });
  if (contactId && !state.contacts.has(contactId)) fields.fail("contactId", `Unknown contact ${contactId}.`);
  const person = readPerson(fields);
  fields.done();
  const stored = storePerson(state, contactId ?? "", person);
  return new ResponseBuilder(state).changed([{ resource: "contactPerson", record: stored }]);
}

type PersonInput = Omit<SimContactPerson, "id" | "contactId">;

function readPerson(fields: FieldReader): PersonInput {
  const name = fields.string("name") ?? null;
  const email = fields.string("email") ?? null;
  if (!name && !email) fields.fail("name", "Either name or email must be set.");
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    fields.fail("email", `${email} is not a valid email address.`);
  return { name, email, isPrimary: fields.boolean("isPrimary") ?? false };
}

function readPersons(fields: FieldReader): PersonInput[] | undefined {
  const raw = fields.array("contactPersons");
  if (!raw) return undefined;
  return raw.map((data, index) => {
    const child = new FieldReader("contactPerson", data);
    const person = readPerson(child);
    for (const [key, message] of Object.entries(child.errors))
      fields.fail(`contactPersons.${index}.${key}`, message);
    return person;
  });
}

function storePerson(state: BillySimState, contactId: string, input: PersonInput): SimContactPerson {
  const person: SimContactPerson = { id: newBillyId(), contactId, ...input };
  state.contactPersons.set(person.id, person);
  return person;
}

/** `organizationId` is optional with a company token, but when sent it must be the token's. */
export function checkOrganization(state: BillySimState, fields: FieldReader): void {
  const organizationId = fields.string("organizationId");
  if (organizationId && organizationId !== state.organization.id) {
    throw new SimValidationError(fields.root, { organizationId: `Unknown organization ${organizationId}.` });
  }
}
