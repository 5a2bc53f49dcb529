import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DineroApiRoutes, RouteContext } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import { notFound, validationError } from "./dinero-error-bodies";
import { matchesFilter, paginate, parseQueryFilter, selectFields } from "./list-query";
import type { ContactRecord } from "./simulator-state";
import { contactReadModel } from "./voucher-read-models";

const text = z.string().nullish();

const contactFields = {
  ExternalReference: z.string().max(128).nullish(),
  Name: z.string().min(1),
  Street: text,
  ZipCode: text,
  City: text,
  CountryKey: z.string().min(1),
  Phone: text,
  Email: text,
  Webpage: text,
  AttPerson: text,
  VatNumber: text,
  EanNumber: text,
  SENumber: text,
  PNumber: text,
  PaymentConditionType: z.enum(["Netto", "NettoCash", "CurrentMonthOut"]).nullish(),
  PaymentConditionNumberOfDays: z.number().int().nullish(),
  IsPerson: z.boolean(),
  IsMember: z.boolean(),
  MemberNumber: text,
  UseCvr: z.boolean(),
  CompanyTypeKey: text,
  InvoiceMailOutOptionKey: text,
  PreferredInvoiceLanguageKey: text,
  PreferredInvoiceCurrencyKey: text,
};

const contactCreateSchema = z.object({ ContactGuid: z.string().uuid().nullish(), ...contactFields });
const contactUpdateSchema = z.object(contactFields);

const FILTERABLE = [
  "ExternalReference",
  "Name",
  "Email",
  "VatNumber",
  "EanNumber",
  "IsPerson",
  "Phone",
] as const;

export function registerContactRoutes(api: DineroApiRoutes): void {
  const list = ({ org, request }: RouteContext) => {
    const filter = parseQueryFilter(request.query.get("queryFilter"), FILTERABLE);
    if (!filter.ok) return validationError([filter.issue]);
    const deletedOnly = request.query.get("deletedOnly") === "true";
    const all = [...org.contacts.values()].filter((contact) => (contact.DeletedAt !== null) === deletedOnly);
    const matching = all.filter((contact) => matchesFilter({ ...contact }, filter.conditions));
    const { slice, pagination } = paginate(matching, request.query, all.length);
    return ok({
      Collection: slice.map((contact) =>
        selectFields(contactReadModel(contact), request.query.get("fields"), "name,contactGuid"),
      ),
      Pagination: pagination,
    });
  };
  api.on("GET", "/v1/{organizationId}/contacts", list);
  api.on("GET", "/v2/{organizationId}/contacts", list);

  api.on(
    "POST",
    "/v1/{organizationId}/contacts",
    ({ org, body }) => {
      const input = bind(contactCreateSchema, body);
      if (!input.ok) return input.response;
      const guid = input.value.ContactGuid ?? randomUUID();
      if (org.contacts.has(guid))
        return validationError([{ property: "ContactGuid", message: "guidMustBeUnique" }]);
      const now = nowIso();
      org.contacts.set(guid, {
        ...toRecordFields(input.value),
        ContactGuid: guid,
        CreatedAt: now,
        UpdatedAt: now,
        DeletedAt: null,
      });
      return ok({ ContactGuid: guid });
    },
    { body: "required" },
  );

  api.on("GET", "/v1/{organizationId}/contacts/{guid}", ({ org, request }) => {
    const contact = org.contacts.get(request.params.guid ?? "");
    return contact && !contact.DeletedAt ? ok(contactReadModel(contact)) : notFound("Contact not found");
  });

  // v1 PUT is deprecated in the spec; v2 is the live full-replace update.
  api.on(
    "PUT",
    "/v2/{organizationId}/contacts/{guid}",
    ({ org, request, body }) => {
      const contact = org.contacts.get(request.params.guid ?? "");
      if (!contact || contact.DeletedAt) return notFound("Contact not found");
      const input = bind(contactUpdateSchema, body);
      if (!input.ok) return input.response;
      org.contacts.set(contact.ContactGuid, {
        ...contact,
        ...toRecordFields(input.value),
        UpdatedAt: nowIso(),
      });
      return ok();
    },
    { body: "required" },
  );

  api.on("DELETE", "/v1/{organizationId}/contacts/{guid}", ({ org, request }) => {
    const contact = org.contacts.get(request.params.guid ?? "");
    if (!contact || contact.DeletedAt) return notFound("Contact not found");
    contact.DeletedAt = nowIso();
    return ok();
  });
}

type ContactFields = Omit<ContactRecord, "ContactGuid" | "CreatedAt" | "UpdatedAt" | "DeletedAt">;

function toRecordFields(input: z.infer<typeof contactUpdateSchema>): ContactFields {
  return {
    ExternalReference: input.ExternalReference ?? null,
    Name: input.Name,
    Street: input.Street ?? null,
    ZipCode: input.ZipCode ?? null,
    City: input.City ?? null,
    CountryKey: input.CountryKey.toUpperCase(),
    Phone: input.Phone ?? null,
    Email: input.Email ?? null,
    Webpage: input.Webpage ?? null,
    AttPerson: input.AttPerson ?? null,
    VatNumber: input.VatNumber ?? null,
    EanNumber: input.EanNumber ?? null,
    SENumber: input.SENumber ?? null,
    PNumber: input.PNumber ?? null,
    PaymentConditionType: input.PaymentConditionType ?? null,
    PaymentConditionNumberOfDays: input.PaymentConditionNumberOfDays ?? null,
    IsPerson: input.IsPerson,
    IsMember: input.IsMember,
    MemberNumber: input.MemberNumber ?? null,
    UseCvr: input.UseCvr,
    CompanyTypeKey: input.CompanyTypeKey ?? null,
    InvoiceMailOutOptionKey: input.InvoiceMailOutOptionKey ?? null,
    PreferredInvoiceLanguageKey: input.PreferredInvoiceLanguageKey ?? null,
    PreferredInvoiceCurrencyKey: input.PreferredInvoiceCurrencyKey ?? null,
  };
}
