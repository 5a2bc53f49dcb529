import type { SimRequest, SimResponse } from "../kit/router";
import { FieldReader, readRoot } from "./sim-body";
import { checkOrganization } from "./sim-contacts";
import { SimNotFoundError, SimValidationError } from "./sim-errors";
import { toMinor } from "./sim-products";
import { parseInclude, ResponseBuilder } from "./sim-serialize";
import { priceLine, resolveTaxRate, roundMinor } from "./sim-tax";
import {
  type BillySimState,
  type SimContact,
  type SimEmail,
  type SimInvoice,
  type SimInvoiceLine,
  type TaxMode,
  newBillyId,
} from "./sim-state";

/** /v2/invoices (invoices and credit notes) and /v2/invoices/:id/emails. */

export function listInvoices(state: BillySimState, request: SimRequest): SimResponse {
  const q = request.query;
  let invoices = [...state.invoices.values()];
  const exact: Array<[string, (invoice: SimInvoice) => string | null]> = [
    ["contactId", (i) => i.contactId],
    ["creditedInvoiceId", (i) => i.creditedInvoiceId],
    ["state", (i) => i.state],
    ["invoiceNo", (i) => i.invoiceNo],
    ["externalId", (i) => i.externalId],
    ["currencyId", (i) => i.currencyId],
    ["isPaid", (i) => String(i.isPaid)],
  ];
  for (const [name, read] of exact) {
    const wanted = q.get(name);
    if (wanted !== null) invoices = invoices.filter((invoice) => read(invoice) === wanted);
  }
  const minEntryDate = q.get("minEntryDate");
  if (minEntryDate) invoices = invoices.filter((i) => i.entryDate >= minEntryDate);
  const maxEntryDate = q.get("maxEntryDate");
  if (maxEntryDate) invoices = invoices.filter((i) => i.entryDate <= maxEntryDate);
  const search = q.get("q")?.trim().toLowerCase();
  if (search) {
    invoices = invoices.filter((invoice) => {
      const contact = state.contacts.get(invoice.contactId);
      const lines = invoice.lineIds.map((id) => state.invoiceLines.get(id)?.description ?? "").join(", ");
      return [invoice.invoiceNo ?? "", contact?.name ?? "", lines].some((text) =>
        text.toLowerCase().includes(search),
      );
    });
  }
  const sortProperty = q.get("sortProperty");
  if (sortProperty === "entryDate" || sortProperty === "invoiceNo" || sortProperty === "createdTime") {
    const direction = q.get("sortDirection") === "DESC" ? -1 : 1;
    invoices.sort(
      (a, b) =>
        direction *
        String(a[sortProperty] ?? "").localeCompare(String(b[sortProperty] ?? ""), "en", { numeric: true }),
    );
  }
  return new ResponseBuilder(state, parseInclude(q.get("include"))).list(
    "invoice",
    invoices,
    q,
    request.path,
  );
}

export function getInvoice(state: BillySimState, request: SimRequest): SimResponse {
  const invoice = findInvoice(state, request.params.id);
  return new ResponseBuilder(state, parseInclude(request.query.get("include"))).single("invoice", invoice);
}

export function createInvoice(state: BillySimState, request: SimRequest): SimResponse {
  const fields = new FieldReader("invoice", readRoot(request, "invoice"));
  checkOrganization(state, fields);
  const type = fields.oneOf("type", ["invoice", "creditNote"] as const) ?? "invoice";
  const contactId = fields.string("contactId", { required: true });
  const contact = contactId ? state.contacts.get(contactId) : undefined;
  if (contactId && !contact) fields.fail("contactId", `Unknown contact ${contactId}.`);
  const entryDate = fields.date("entryDate", { required: true });
  const currencyId = fields.string("currencyId", { required: true });
  if (currencyId && !state.currencies.has(currencyId))
    fields.fail("currencyId", `Unknown currency ${currencyId}.`);
  const paymentTermsDays = fields.integer("paymentTermsDays");
  const requestedState = fields.oneOf("state", ["draft", "approved"] as const) ?? "draft";
  const taxMode = fields.oneOf("taxMode", ["incl", "excl"] as const) ?? state.organization.defaultTaxMode;
  const invoiceNo = fields.string("invoiceNo");
  if (invoiceNo && [...state.invoices.values()].some((i) => i.invoiceNo === invoiceNo)) {
    fields.fail("invoiceNo", `The invoice no. ${invoiceNo} is already in use by another invoice.`);
  }
  const creditedInvoiceId = fields.string("creditedInvoiceId");
  if (creditedInvoiceId)
    checkCreditedInvoice(state, fields, { type, creditedInvoiceId, contactId, currencyId });
  const attContactPersonId = fields.string("attContactPersonId");
  if (attContactPersonId && state.contactPersons.get(attContactPersonId)?.contactId !== contactId) {
    fields.fail("attContactPersonId", "The contact person must belong to the invoice's contact.");
  }
  const exchangeRate = fields.number("exchangeRate");
  if (exchangeRate !== undefined && exchangeRate <= 0) {
    fields.fail("exchangeRate", "The exchange rate must be a positive number.");
  }
  const rawLines = fields.array("lines");
  if (!fields.has("lines")) fields.fail("lines", "At minimum, one line must be supplied.");
  else if (rawLines && rawLines.length === 0) fields.fail("lines", "At minimum, one line must be supplied.");
  const lineInputs = (rawLines ?? []).map((data, index) => readLine(state, fields, data, index));
  fields.done();

  const terms = paymentTermsDays ?? contact?.paymentTermsDays ?? state.organization.paymentTermsDays;
  const invoice: SimInvoice = {
    id: newBillyId(),
    organizationId: state.organization.id,
    type,
    createdTime: state.now().toISOString(),
    approvedTime: null,
    contactId: contactId ?? "",
    attContactPersonId: attContactPersonId ?? null,
    entryDate: entryDate ?? "",
    paymentTermsMode: fields.string("paymentTermsMode") ?? state.organization.paymentTermsMode,
    paymentTermsDays: terms,
    dueDate: addDays(entryDate ?? "", terms),
    state: "draft",
    sentState: "unsent",
    invoiceNo: invoiceNo ?? null,
    taxMode,
    amountMinor: 0,
    taxMinor: 0,
    currencyId: currencyId ?? state.organization.baseCurrencyId,
    exchangeRate:
      currencyId === state.organization.baseCurrencyId
        ? 1
        : (exchangeRate ?? state.currencies.get(currencyId ?? "")?.exchangeRate ?? 1),
    balanceMinor: 0,
    isPaid: false,
    creditedInvoiceId: creditedInvoiceId ?? null,
    contactMessage: fields.string("contactMessage") ?? null,
    externalId: fields.string("externalId") ?? null,
    lineIds: [],
  };
  state.invoices.set(invoice.id, invoice);
  for (const [index, input] of lineInputs.entries()) {
    const line: SimInvoiceLine = {
      id: newBillyId(),
      invoiceId: invoice.id,
      priority: input.priority ?? index,
      ...input.line,
      amountMinor: 0,
      taxMinor: 0,
      taxRateId: "",
    };
    state.invoiceLines.set(line.id, line);
    invoice.lineIds.push(line.id);
  }
  recompute(state, invoice, contact as SimContact);
  if (requestedState === "approved") approve(state, invoice);
  return changedInvoice(state, invoice);
}

export function updateInvoice(state: BillySimState, request: SimRequest): SimResponse {
  const invoice = findInvoice(state, request.params.id);
  const fields = new FieldReader("invoice", readRoot(request, "invoice"));
  if (fields.has("id") && fields.data.id !== invoice.id)
    fields.fail("id", "The id in the body must match the URL.");
  fields.immutable(
    ["type", "contactId", "entryDate", "invoiceNo", "lines", "creditedInvoiceId", "currencyId"],
    "{name} must not be set once the invoice has been created.",
  );
  const wanted = fields.oneOf("state", ["draft", "approved", "voided"] as const);
  if (wanted && wanted !== invoice.state && !(invoice.state === "draft" && wanted === "approved")) {
    fields.fail("state", "Currently the only state change possible is from draft to approved.");
  }
  const editable = [
    "contactMessage",
    "paymentTermsDays",
    "paymentTermsMode",
    "taxMode",
    "attContactPersonId",
    "externalId",
  ];
  if (invoice.state !== "draft") {
    fields.immutable(editable, "Approved invoices can't be changed ({name}). Create a credit note instead.");
  }
  const taxMode = fields.oneOf("taxMode", ["incl", "excl"] as const);
  const paymentTermsDays = fields.integer("paymentTermsDays");
  const sentState = fields.oneOf("sentState", ["unsent", "printed", "sent", "opened", "viewed"] as const);
  fields.done();

  if (fields.has("contactMessage")) invoice.contactMessage = fields.string("contactMessage") ?? null;
  if (fields.has("externalId")) invoice.externalId = fields.string("externalId") ?? null;
  if (fields.has("paymentTermsMode"))
    invoice.paymentTermsMode = fields.string("paymentTermsMode") ?? invoice.paymentTermsMode;
  if (paymentTermsDays !== undefined) {
    invoice.paymentTermsDays = paymentTermsDays;
    invoice.dueDate = addDays(invoice.entryDate, paymentTermsDays);
  }
  if (fields.has("attContactPersonId"))
    invoice.attContactPersonId = fields.string("attContactPersonId") ?? null;
  if (sentState) invoice.sentState = sentState;
  if (taxMode && taxMode !== invoice.taxMode) {
    invoice.taxMode = taxMode;
    recompute(state, invoice, state.contacts.get(invoice.contactId) as SimContact);
  }
  if (wanted === "approved" && invoice.state === "draft") approve(state, invoice);
  return changedInvoice(state, invoice);
}

export function deleteInvoice(state: BillySimState, request: SimRequest): SimResponse {
  const id = request.params.id ?? "";
  const invoice = state.invoices.get(id);
  if (!invoice) return new ResponseBuilder(state).changed([], { invoices: [id] });
  if (invoice.state !== "draft") {
    throw new SimValidationError(
      "invoice",
      {},
      "Approved invoices can't be deleted. Create a credit note instead.",
    );
  }
  for (const lineId of invoice.lineIds) state.invoiceLines.delete(lineId);
  state.invoices.delete(id);
  return new ResponseBuilder(state).changed([], { invoices: [id], invoiceLines: invoice.lineIds });
}

export function sendInvoiceEmail(state: BillySimState, request: SimRequest): SimResponse {
  const invoice = findInvoice(state, request.params.invoiceId);
  const fields = new FieldReader("email", readRoot(request, "email"));
  const contactPersonId = fields.string("contactPersonId", { required: true });
  const person = contactPersonId ? state.contactPersons.get(contactPersonId) : undefined;
  if (contactPersonId && person?.contactId !== invoice.contactId) {
    fields.fail("contactPersonId", "The contact person must belong to the invoice's contact.");
  } else if (person && !person.email) {
    fields.fail("contactPersonId", "The contact person has no email address.");
  }
  const emailSubject = fields.string("emailSubject", { required: true });
  const emailBody = fields.string("emailBody", { required: true });
  if (invoice.state !== "approved")
    fields.fail("invoiceId", "The invoice must be approved before it can be sent.");
  fields.done();
  const email: SimEmail = {
    id: newBillyId(),
    invoiceId: invoice.id,
    contactPersonId: contactPersonId ?? "",
    to: person?.email ?? "",
    emailSubject: emailSubject ?? "",
    emailBody: emailBody ?? "",
    copyToUserId: fields.string("copyToUserId") ?? null,
    sentAt: state.now().toISOString(),
  };
  state.emails.push(email);
  invoice.sentState = "sent";
  return new ResponseBuilder(state).changed([{ resource: "invoice", record: invoice }]);
}

export function findInvoice(state: BillySimState, id: string | undefined): SimInvoice {
  const invoice = state.invoices.get(id ?? "");
  if (!invoice) throw new SimNotFoundError("invoice", id ?? "");
  return invoice;
}

function changedInvoice(state: BillySimState, invoice: SimInvoice): SimResponse {
  return new ResponseBuilder(state).changed([
    { resource: "invoice", record: invoice },
    ...invoice.lineIds.map((id) => ({ resource: "invoiceLine", record: state.invoiceLines.get(id) })),
  ]);
}

type LineInput = Pick<
  SimInvoiceLine,
  "productId" | "description" | "quantity" | "unitPrice" | "discountText" | "discountMode" | "discountValue"
>;

function readLine(state: BillySimState, parent: FieldReader, data: Record<string, unknown>, index: number) {
  const fields = new FieldReader("invoiceLine", data);
  const productId = fields.string("productId", { required: true });
  const product = productId ? state.products.get(productId) : undefined;
  if (productId && !product) fields.fail("productId", `Unknown product ${productId}.`);
  const unitPrice = fields.number("unitPrice", { required: true });
  const quantity = fields.number("quantity") ?? 1;
  const discountMode = fields.oneOf("discountMode", ["cash", "percent"] as const) ?? null;
  const discountValue = fields.number("discountValue") ?? null;
  if (discountMode && discountValue === null)
    fields.fail("discountValue", "discountValue is required when discountMode is set.");
  for (const [key, message] of Object.entries(fields.errors)) parent.fail(`lines.${index}.${key}`, message);
  const line: LineInput = {
    productId: productId ?? "",
    description: fields.string("description") ?? "",
    quantity,
    unitPrice: unitPrice ?? 0,
    discountText: fields.string("discountText") ?? null,
    discountMode,
    discountValue,
  };
  return { line, priority: fields.integer("priority") };
}

function checkCreditedInvoice(
  state: BillySimState,
  fields: FieldReader,
  input: {
    type: string;
    creditedInvoiceId: string;
    contactId: string | undefined;
    currencyId: string | undefined;
  },
): void {
  const credited = state.invoices.get(input.creditedInvoiceId);
  if (input.type !== "creditNote")
    fields.fail("creditedInvoiceId", "Only credit notes can credit an invoice.");
  else if (!credited || credited.type !== "invoice")
    fields.fail("creditedInvoiceId", `Unknown invoice ${input.creditedInvoiceId}.`);
  else if (credited.state !== "approved")
    fields.fail("creditedInvoiceId", "Only approved invoices can be credited.");
  else if (credited.contactId !== input.contactId)
    fields.fail("contactId", "A credit note must have the same contact as the invoice it credits.");
  else if (input.currencyId && credited.currencyId !== input.currencyId) {
    fields.fail("currencyId", "A credit note must have the same currency as the invoice it credits.");
  }
}

/** Prices every line with the product's ruleset for this contact, then sums the header. */
function recompute(state: BillySimState, invoice: SimInvoice, contact: SimContact): void {
  let amount = 0;
  let tax = 0;
  for (const id of invoice.lineIds) {
    const line = state.invoiceLines.get(id);
    if (!line) continue;
    const product = state.products.get(line.productId);
    const rate = resolveTaxRate(
      state,
      product?.salesTaxRulesetId ?? state.organization.defaultSalesTaxRulesetId,
      contact,
    );
    const priced = priceLine(
      lineTotal(line, invoice.currencyId),
      rate?.rateBp ?? 0,
      invoice.taxMode as TaxMode,
    );
    line.amountMinor = priced.amountMinor;
    line.taxMinor = priced.taxMinor;
    line.taxRateId = rate?.id ?? "";
    amount += priced.amountMinor;
    tax += priced.taxMinor;
  }
  invoice.amountMinor = amount;
  invoice.taxMinor = tax;
}

function lineTotal(line: SimInvoiceLine, currencyId: string): number {
  const gross = toMinor(line.quantity * line.unitPrice, currencyId);
  if (line.discountMode === "cash" && line.discountValue !== null)
    return gross - toMinor(line.discountValue, currencyId);
  if (line.discountMode === "percent" && line.discountValue !== null)
    return roundMinor((gross * (100 - line.discountValue)) / 100);
  return gross;
}

/**
 * Without an explicit number, the number model assigns one when the invoice is approved, so
 * deleted drafts leave no gaps in the legal sequence (an assumption: Billy does not say when).
 */
function approve(state: BillySimState, invoice: SimInvoice): void {
  invoice.invoiceNo ??= nextInvoiceNo(state);
  invoice.state = "approved";
  invoice.approvedTime = state.now().toISOString();
  invoice.balanceMinor = invoice.amountMinor + invoice.taxMinor;
  invoice.isPaid = invoice.balanceMinor === 0;
}

/** The company's invoice number model: the next free number of one continuous sequence. */
function nextInvoiceNo(state: BillySimState): string {
  const used = new Set([...state.invoices.values()].map((i) => i.invoiceNo));
  let candidate = state.organization.nextInvoiceNo;
  while (used.has(String(candidate))) candidate++;
  state.organization.nextInvoiceNo = candidate + 1;
  return String(candidate);
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) return date;
  return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}
