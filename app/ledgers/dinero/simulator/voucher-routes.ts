import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SimResponse } from "../../simulator-kit/router";
import type { DineroApiRoutes, RouteContext } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import { duplicatedEntity, timestampOutdated, validationError, voucherNotFound } from "./dinero-error-bodies";
import { matchesFilter, paginate, parseQueryFilter, selectFields } from "./list-query";
import type { OrganizationState, VoucherKind, VoucherRecord } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { buildVoucher, misplacedFields, voucherInputSchema, voucherUpdateSchema } from "./voucher-build";
import { findVoucher, guidKind, VOUCHER_PATHS, vouchersOf } from "./voucher-paths";
import {
  creditNoteReadModel,
  invoiceReadModel,
  paymentStatus,
  voucherListModel,
} from "./voucher-read-models";

const bookSchema = z.object({ Timestamp: z.string().min(1), Number: z.number().int().nullish() });
const timestampSchema = z.object({ Timestamp: z.string().nullish() }).nullish();

const FILTERABLE = ["ExternalReference", "ContactGuid", "Description"] as const;
const FETCH_FIELDS: Record<VoucherKind, string[]> = {
  invoice: [
    "PaymentDate",
    "PaymentConditionNumberOfDays",
    "PaymentConditionType",
    "ContactGuid",
    "Number",
    "ContactName",
    "ShowLinesInclVat",
    "TotalExclVat",
    "TotalVatableAmount",
    "TotalInclVat",
    "TotalNonVatableAmount",
    "TotalVat",
    "TotalLines",
    "InvoiceTemplateId",
    "Currency",
    "Language",
    "ExternalReference",
    "Description",
    "Comment",
    "Date",
    "ProductLines",
    "Address",
  ],
  creditNote: [
    "CreditNoteFor",
    "ContactGuid",
    "Number",
    "ContactName",
    "ShowLinesInclVat",
    "TotalExclVat",
    "TotalVatableAmount",
    "TotalInclVat",
    "TotalNonVatableAmount",
    "TotalVat",
    "TotalLines",
    "InvoiceTemplateId",
    "Currency",
    "Language",
    "ExternalReference",
    "Description",
    "Comment",
    "Date",
    "ProductLines",
    "Address",
  ],
};

export function registerVoucherRoutes(api: DineroApiRoutes, kind: VoucherKind): void {
  const paths = VOUCHER_PATHS[kind];
  const readModel = (org: OrganizationState, voucher: VoucherRecord) =>
    kind === "invoice" ? invoiceReadModel(org, voucher) : creditNoteReadModel(org, voucher);

  api.on(
    "POST",
    paths.fetch,
    ({ state, org, body }) => {
      const input = bind(voucherInputSchema, body);
      if (!input.ok) return input.response;
      const voucher = buildVoucher(state, org, kind, input.value);
      if (!isVoucher(voucher)) return voucher;
      const full: Record<string, unknown> = {
        ...readModel(org, voucher),
        CanEnableMobilePayInvoice: false,
        CanEnablePensoPay: false,
      };
      const fields =
        kind === "invoice"
          ? [...FETCH_FIELDS.invoice, "CanEnableMobilePayInvoice", "CanEnablePensoPay"]
          : FETCH_FIELDS.creditNote;
      return ok(Object.fromEntries(fields.map((field) => [field, full[field]])));
    },
    { body: "required" },
  );

  api.on(
    "POST",
    paths.collection,
    ({ state, org, body }) => {
      const input = bind(voucherInputSchema, body);
      if (!input.ok) return input.response;
      const misplaced = misplacedFields(kind, input.value);
      if (misplaced.length > 0) return validationError(misplaced);
      const guid = input.value.Guid;
      if (guid && (org.invoices.has(guid) || org.creditNotes.has(guid))) return duplicatedEntity(guid);
      const voucher = buildVoucher(state, org, kind, input.value);
      if (!isVoucher(voucher)) return voucher;
      vouchersOf(org, kind).set(voucher.Guid, voucher);
      return ok({ Guid: voucher.Guid, TimeStamp: voucher.TimeStamp });
    },
    { body: "required" },
  );

  api.on("GET", paths.collection, (context) => listVouchers(context, [kind]));

  api.on("GET", paths.item, ({ org, request }) => {
    const voucher = findVoucher(org, kind, request.params.guid);
    return voucher ? ok(readModel(org, voucher)) : voucherNotFound(guidKind(kind), request.params.guid ?? "");
  });

  api.on(
    "PUT",
    paths.update,
    ({ state, org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(voucherUpdateSchema, body);
      if (!input.ok) return input.response;
      if (input.value.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      if (voucher.Status !== "Draft")
        return validationError([
          { property: "Status", message: "Only drafts can be updated. Booked vouchers must be credited." },
        ]);
      const misplaced = misplacedFields(kind, input.value);
      if (misplaced.length > 0) return validationError(misplaced);
      const updated = buildVoucher(state, org, kind, input.value, voucher);
      if (!isVoucher(updated)) return updated;
      vouchersOf(org, kind).set(voucher.Guid, updated);
      return ok({ Guid: updated.Guid, TimeStamp: updated.TimeStamp });
    },
    { body: "required" },
  );

  api.on(
    "DELETE",
    paths.item,
    ({ org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(timestampSchema, body);
      if (!input.ok) return input.response;
      if (input.value?.Timestamp && input.value.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      if (voucher.Status !== "Draft")
        return validationError([
          { property: "Status", message: "Booked vouchers cannot be deleted. Create a credit note instead." },
        ]);
      voucher.DeletedAt = nowIso();
      voucher.TimeStamp = nextTimestamp(org);
      return ok();
    },
    { body: "optional" },
  );

  api.on(
    "POST",
    paths.book,
    ({ org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(bookSchema, body);
      if (!input.ok) return input.response;
      if (input.value.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      const refused = bookingRefusal(org, voucher, input.value.Number ?? null);
      if (refused) return refused;
      const number = input.value.Number ?? org.nextNumber;
      org.usedNumbers.add(number);
      while (org.usedNumbers.has(org.nextNumber) || org.nextNumber <= number) org.nextNumber += 1;
      Object.assign(voucher, {
        Number: number,
        Status: "Booked",
        TimeStamp: nextTimestamp(org),
        UpdatedAt: nowIso(),
      });
      // The spec answers both book endpoints with InvoiceReadModel.
      return ok(invoiceReadModel(org, voucher));
    },
    { body: "required" },
  );

  if (kind === "invoice") registerGenerateCreditNote(api);
}

function bookingRefusal(
  org: OrganizationState,
  voucher: VoucherRecord,
  number: number | null,
): SimResponse | undefined {
  const noun = voucher.kind === "invoice" ? "invoice" : "credit note";
  if (voucher.Status === "Booked")
    return validationError([{ property: "Status", message: `The ${noun} is already booked.` }]);
  if (!voucher.ContactGuid)
    return validationError([
      { property: "ContactGuid", message: `A contact is required to book the ${noun}.` },
    ]);
  if (number !== null && number <= 0)
    return validationError([{ property: "Number", message: "Number must be a positive integer." }]);
  if (number !== null && org.usedNumbers.has(number)) {
    return validationError([{ property: "Number", message: `The number ${number} is already in use.` }]);
  }
  return undefined;
}

function registerGenerateCreditNote(api: DineroApiRoutes): void {
  api.on(
    "POST",
    "/v1/{organizationId}/invoices/{guid}/generate-creditnote",
    ({ org, request, body }) => {
      const invoice = findVoucher(org, "invoice", request.params.guid);
      if (!invoice) return voucherNotFound("Invoice", request.params.guid ?? "");
      const input = bind(timestampSchema, body);
      if (!input.ok) return input.response;
      if (input.value?.Timestamp && input.value.Timestamp !== invoice.TimeStamp) return timestampOutdated();
      if (invoice.Status !== "Booked")
        return validationError([{ property: "Status", message: "Only booked invoices can be credited." }]);
      const now = nowIso();
      const credit: VoucherRecord = {
        ...invoice,
        kind: "creditNote",
        Guid: randomUUID(),
        TimeStamp: nextTimestamp(org),
        Number: 0,
        Status: "Draft",
        CreditNoteFor: invoice.Guid,
        ExternalReference: null,
        Description: invoice.Language === "en-GB" ? "Credit note" : "Kreditnota",
        PaymentConditionType: null,
        PaymentConditionNumberOfDays: null,
        lines: invoice.lines.map((line) => ({ ...line })),
        payments: [],
        MailOutStatus: "NotSent",
        CreatedAt: now,
        UpdatedAt: now,
      };
      org.creditNotes.set(credit.Guid, credit);
      return ok({ Guid: credit.Guid, TimeStamp: credit.TimeStamp });
    },
    { body: "optional" },
  );

  api.on("GET", "/v1/{organizationId}/sales", (context) => listVouchers(context, ["invoice", "creditNote"]));
}

function listVouchers({ org, request }: RouteContext, kinds: VoucherKind[]): SimResponse {
  const query = request.query;
  const filter = parseQueryFilter(query.get("queryFilter"), FILTERABLE);
  if (!filter.ok) return validationError([filter.issue]);
  const startDate = query.get("startDate");
  const endDate = query.get("endDate");
  if (Boolean(startDate) !== Boolean(endDate)) {
    return validationError([
      { property: startDate ? "endDate" : "startDate", message: "Both startDate and endDate must be given." },
    ]);
  }
  const statuses = (query.get("statusFilter") ?? "")
    .split(",")
    .map((status) => status.trim().toLowerCase())
    .filter(Boolean);
  const deletedOnly = query.get("deletedOnly") === "true";
  const all = kinds
    .flatMap((kind) => [...vouchersOf(org, kind).values()])
    .filter((voucher) => (voucher.DeletedAt !== null) === deletedOnly);
  const descending = (query.get("sortOrder") ?? "descending").toLowerCase() !== "ascending";
  const matching = all
    .filter((voucher) => matchesFilter({ ...voucher }, filter.conditions))
    .filter((voucher) => statuses.length === 0 || statuses.includes(paymentStatus(voucher).toLowerCase()))
    // Drafts ignore the date range, as the spec notes.
    .filter(
      (voucher) =>
        !startDate ||
        !endDate ||
        voucher.Status === "Draft" ||
        (voucher.Date >= startDate && voucher.Date <= endDate),
    )
    .sort((a, b) => (a.Number - b.Number || a.Date.localeCompare(b.Date)) * (descending ? -1 : 1));
  const { slice, pagination } = paginate(matching, query, all.length);
  return ok({
    Collection: slice.map((voucher) =>
      selectFields(voucherListModel(org, voucher), query.get("fields"), "Guid,ContactName,Date,Description"),
    ),
    Pagination: pagination,
  });
}

function isVoucher(value: VoucherRecord | SimResponse): value is VoucherRecord {
  return "kind" in value;
}
