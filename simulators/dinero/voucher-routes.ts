import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SimResponse } from "../kit/router";
import type { DineroApiRoutes, RouteContext } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import { duplicatedEntity, validationError } from "./dinero-error-bodies";
import { matchesFilter, paginate, parseQueryFilter, selectFields } from "./list-query";
import type { OrganizationState, VoucherKind, VoucherRecord } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { buildVoucher, misplacedFields, voucherInputSchema, voucherUpdateSchema } from "./voucher-build";
import { findVoucher, VOUCHER_PATHS, vouchersOf } from "./voucher-paths";
import {
  creditNoteReadModel,
  invoiceReadModel,
  paymentStatus,
  voucherListModel,
} from "./voucher-read-models";
import { missingVoucher, voucherToWrite } from "./voucher-write";

const bookSchema = z.object({ Timestamp: z.string().min(1), Number: z.number().int().nullish() });
const timestampSchema = z.object({ Timestamp: z.string().nullish() }).nullish();

const FILTERABLE = ["ExternalReference", "ContactGuid", "Description"] as const;
/** What `POST …/fetch` answers, in the order Dinero lists it. */
const FETCHED_BY_BOTH = [
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
];
const FETCH_FIELDS: Record<VoucherKind, string[]> = {
  invoice: [
    "PaymentDate",
    "PaymentConditionNumberOfDays",
    "PaymentConditionType",
    ...FETCHED_BY_BOTH,
    "CanEnableMobilePayInvoice",
    "CanEnablePensoPay",
  ],
  creditNote: ["CreditNoteFor", ...FETCHED_BY_BOTH],
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
      return ok(Object.fromEntries(FETCH_FIELDS[kind].map((field) => [field, full[field]])));
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

  api.on("GET", paths.item, (context) => {
    const voucher = findVoucher(context.org, kind, context.request.params.guid);
    return voucher ? ok(readModel(context.org, voucher)) : missingVoucher(kind, context);
  });

  api.on(
    "PUT",
    paths.update,
    (context) => {
      const { state, org } = context;
      const write = voucherToWrite(kind, context, voucherUpdateSchema);
      if (!write.ok) return write.response;
      const { voucher, input } = write;
      if (voucher.Status !== "Draft")
        return validationError([
          { property: "Status", message: "Only drafts can be updated. Booked vouchers must be credited." },
        ]);
      const misplaced = misplacedFields(kind, input);
      if (misplaced.length > 0) return validationError(misplaced);
      const updated = buildVoucher(state, org, kind, input, voucher);
      if (!isVoucher(updated)) return updated;
      vouchersOf(org, kind).set(voucher.Guid, updated);
      return ok({ Guid: updated.Guid, TimeStamp: updated.TimeStamp });
    },
    { body: "required" },
  );

  api.on(
    "DELETE",
    paths.item,
    (context) => {
      const write = voucherToWrite(kind, context, timestampSchema);
      if (!write.ok) return write.response;
      const { voucher } = write;
      if (voucher.Status !== "Draft")
        return validationError([
          { property: "Status", message: "Booked vouchers cannot be deleted. Create a credit note instead." },
        ]);
      voucher.DeletedAt = nowIso();
      voucher.TimeStamp = nextTimestamp(context.org);
      return ok();
    },
    { body: "optional" },
  );

  api.on(
    "POST",
    paths.book,
    (context) => {
      const { org } = context;
      const write = voucherToWrite(kind, context, bookSchema);
      if (!write.ok) return write.response;
      const { voucher, input } = write;
      const refused = bookingRefusal(org, voucher, input.Number ?? null);
      if (refused) return refused;
      const number = input.Number ?? org.nextNumber;
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
    (context) => {
      const { org } = context;
      const write = voucherToWrite("invoice", context, timestampSchema);
      if (!write.ok) return write.response;
      const invoice = write.voucher;
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
