import type { SimHandler, SimRequest, SimResponse, SimRouter } from "../kit/router";
import { doesNotExist } from "./economic-sim-customer-routes";
import { type FieldError, notFoundError, validationError } from "./economic-sim-errors";
import {
  baseUrl,
  created,
  isObject,
  nowStamp,
  referenceNumber,
  registerReadRoutes,
} from "./economic-sim-http";
import { renderInvoice } from "./economic-sim-invoice-render";
import { priceLines } from "./economic-sim-pricing";
import type { EconomicSimState, SimInvoice } from "./economic-sim-state";
import { validateBody } from "./economic-sim-validation";

/**
 * Draft invoices (`/invoices/drafts`) and booking (`POST /invoices/booked`). A credit note is a
 * draft with negative totals: there is no separate resource and no link to the credited
 * invoice. Booking removes the draft and assigns the next invoice number (or `bookWithNumber`).
 */

/** What both drafts and booked invoices filter by, after their own number. */
const FILTERABLE = [
  "date",
  "currency",
  "exchangeRate",
  "customer.customerNumber",
  "paymentTerms.paymentTermsNumber",
  "recipient.name",
  "recipient.address",
  "recipient.zip",
  "recipient.city",
  "recipient.country",
  "recipient.ean",
  "notes.heading",
  "notes.textLine1",
  "notes.textLine2",
  "references.other",
];

export function registerInvoiceRoutes(
  router: SimRouter,
  state: EconomicSimState,
  api: (handler: SimHandler) => SimHandler,
): void {
  const render = (invoice: SimInvoice, base: string, single: boolean) =>
    renderInvoice(state, invoice, base, single);
  registerReadRoutes(router, api, {
    path: "/invoices/drafts",
    filterable: ["draftInvoiceNumber", ...FILTERABLE, "lastUpdated"],
    all: () => state.drafts(),
    find: (key) => state.findDraft(Number(key)),
    render,
    noun: "Draft invoice",
  });
  router.on(
    "POST",
    "/invoices/drafts",
    api((request) => createDraft(state, request)),
  );
  router.on(
    "DELETE",
    "/invoices/drafts/:number",
    api((request) => {
      const invoice = state.findDraft(Number(request.params.number));
      if (!invoice) return notFoundError("Draft invoice");
      state.invoices.splice(state.invoices.indexOf(invoice), 1);
      const self = `${baseUrl(request)}/invoices/drafts/${invoice.draftInvoiceNumber}`;
      // Unlike other deletes (204), a draft invoice delete answers 200 with a status body.
      return {
        status: 200,
        body: {
          message: "Deleted invoice.",
          deletedCount: 1,
          deletedItems: [{ draftInvoiceNumber: invoice.draftInvoiceNumber, self }],
        },
      };
    }),
  );

  registerReadRoutes(router, api, {
    path: "/invoices/booked",
    filterable: ["bookedInvoiceNumber", ...FILTERABLE],
    all: () => state.booked(),
    find: (key) => state.findBooked(Number(key)),
    render,
    noun: "Booked invoice",
  });
  router.on(
    "POST",
    "/invoices/booked",
    api((request) => bookDraft(state, request)),
  );
}

function createDraft(state: EconomicSimState, request: SimRequest): SimResponse {
  const { value, errors } = validateBody(request.json(), "invoices.drafts.post");
  if (errors.length > 0) return validationError(errors);
  const problems: FieldError[] = [];

  const customerNumber = referenceNumber(value.customer, "customerNumber");
  if (customerNumber === undefined) problems.push(noIdentifiers("customer", "customers"));
  else if (!state.customers.has(customerNumber))
    problems.push(doesNotExist("customer", String(customerNumber), "customers"));

  const layoutNumber = referenceNumber(value.layout, "layoutNumber");
  if (!state.layouts.some((layout) => layout.layoutNumber === layoutNumber && !layout.deleted)) {
    problems.push(doesNotExist("layout", layoutNumber, "layouts"));
  }
  const termsNumber = referenceNumber(value.paymentTerms, "paymentTermsNumber");
  const terms = state.paymentTerms.find((candidate) => candidate.paymentTermsNumber === termsNumber);
  if (!terms) problems.push(doesNotExist("paymentTerms", termsNumber, "payment-terms"));

  const recipient = isObject(value.recipient) ? value.recipient : {};
  const vatZoneNumber = referenceNumber(recipient.vatZone, "vatZoneNumber");
  if (!state.vatZones.some((zone) => zone.vatZoneNumber === vatZoneNumber)) {
    problems.push({ ...doesNotExist("vatZone", vatZoneNumber, "vat-zones"), path: ["recipient", "vatZone"] });
  }
  const currency = String(value.currency).toUpperCase();
  const dailyRate = state.exchangeRates[currency];
  if (dailyRate === undefined) problems.push(doesNotExist("currency", value.currency, "currencies"));

  const date = String(value.date);
  let dueDate = computeDueDate(date, terms?.paymentTermsType, terms?.daysOfCredit ?? 0);
  if (terms?.paymentTermsType === "dueDate") {
    if (typeof value.dueDate !== "string") {
      problems.push({
        path: ["dueDate"],
        errorCode: "E04042",
        message: "dueDate is required for payment terms of type dueDate.",
      });
    } else if (value.dueDate < date) {
      problems.push({
        path: ["dueDate"],
        errorCode: "E04760",
        message: "dueDate cannot be before date.",
        value: value.dueDate,
      });
    } else dueDate = value.dueDate;
  }

  // The schema's maxDecimal 6 for the rate (base-currency cost of 100 units) is the server's rule.
  if (typeof value.exchangeRate === "number") {
    const millionths = value.exchangeRate * 1_000_000;
    if (Math.abs(millionths - Math.round(millionths)) > 1e-3) {
      problems.push({
        path: ["exchangeRate"],
        errorCode: "E04740",
        message: "exchangeRate scale cannot be greater then six decimal places.",
        value: value.exchangeRate,
        developerHint: "Please check the format of your data.",
      });
    } else if (value.exchangeRate <= 0) {
      problems.push({
        path: ["exchangeRate"],
        message: "exchangeRate must be greater than 0.",
        value: value.exchangeRate,
      });
    }
  }

  const priced = priceLines(state, value.lines, vatZoneNumber ?? 1);
  problems.push(...priced.errors);
  if (problems.length > 0) return validationError(problems);

  // In the agreement's base currency the rate is 100 whatever is sent; otherwise the one sent,
  // else e-conomic's daily rate.
  const exchangeRate =
    currency === state.agreement.baseCurrency
      ? 100
      : typeof value.exchangeRate === "number"
        ? value.exchangeRate
        : (dailyRate as number);
  const invoice: SimInvoice = {
    draftInvoiceNumber: state.takeDraftNumber(),
    data: value,
    customerNumber: customerNumber as number,
    currency,
    exchangeRate,
    date,
    dueDate,
    lines: priced.lines,
    netCents: priced.netCents,
    vatCents: priced.vatCents,
    grossCents: priced.netCents + priced.vatCents,
    lastUpdated: nowStamp(),
  };
  state.invoices.push(invoice);
  return created(renderInvoice(state, invoice, baseUrl(request), true));
}

function bookDraft(state: EconomicSimState, request: SimRequest): SimResponse {
  const { value, errors } = validateBody(request.json(), "invoices.booked.post");
  if (errors.length > 0) return validationError(errors);
  const draftNumber = referenceNumber(value.draftInvoice, "draftInvoiceNumber");
  if (draftNumber === undefined) return validationError([noIdentifiers("draftInvoice", "invoices/drafts")]);
  const invoice = state.findDraft(draftNumber);
  if (!invoice) return validationError([doesNotExist("draftInvoice", draftNumber, "invoices/drafts")]);

  const problems: FieldError[] = [];
  const requested = typeof value.bookWithNumber === "number" ? value.bookWithNumber : undefined;
  if (requested !== undefined && (requested < 1 || !Number.isInteger(requested))) {
    problems.push({
      path: ["bookWithNumber"],
      message: `Integer ${requested} is less than minimum value of 1.`,
      value: requested,
    });
  } else if (requested !== undefined && state.bookedNumberInUse(requested)) {
    problems.push({
      path: ["bookWithNumber"],
      message: `An invoice with number ${requested} already exists.`,
      value: requested,
    });
  }
  const year = state.accountingYears.find(
    (candidate) => candidate.fromDate <= invoice.date && invoice.date <= candidate.toDate,
  );
  if (!year || year.closed) {
    problems.push({
      path: ["draftInvoice"],
      message: `There is no open accounting year for the invoice date ${invoice.date}.`,
    });
  }
  for (const line of invoice.lines) {
    if (state.product(line.productNumber)?.data.barred === true) {
      problems.push({
        path: ["draftInvoice"],
        message: `Product ${line.productNumber} is barred and cannot be booked.`,
      });
    }
  }
  const customer = state.customers.get(invoice.customerNumber);
  const email = typeof customer?.data.email === "string" ? customer.data.email.trim() : "";
  if (value.sendBy === "Email" && !email) {
    problems.push({
      path: ["sendBy"],
      message: "The customer has no e-mail address to send the invoice to.",
    });
  }
  if (value.sendBy === "EAN" && !customer?.data.ean) {
    problems.push({ path: ["sendBy"], message: "The customer has no EAN number for e-invoicing." });
  }
  if (problems.length > 0) return validationError(problems);

  invoice.bookedInvoiceNumber = state.takeBookedNumber(requested);
  invoice.lastUpdated = nowStamp();
  if (value.sendBy === "Email" || value.sendBy === "EAN") invoice.sentBy = value.sendBy;
  if (value.sendBy === "Email") {
    const kind = invoice.grossCents < 0 ? "Kreditnota" : "Faktura";
    for (const to of email.split(/\s+/)) {
      state.emails.push({
        to,
        bookedInvoiceNumber: invoice.bookedInvoiceNumber,
        subject: `${kind} ${invoice.bookedInvoiceNumber} fra ${state.agreement.companyName}`,
        at: nowStamp(),
      });
    }
  }
  return created(renderInvoice(state, invoice, baseUrl(request), true));
}

function computeDueDate(date: string, type: string | undefined, days: number): string {
  const start = new Date(`${date}T00:00:00Z`);
  if (type === "invoiceMonth") start.setUTCMonth(start.getUTCMonth() + 1, 0);
  if (type === "net" || type === "invoiceMonth") start.setUTCDate(start.getUTCDate() + days);
  return start.toISOString().slice(0, 10);
}

function noIdentifiers(field: string, collectionPath: string): FieldError {
  return {
    path: [field],
    errorCode: "E04500",
    message: `No identifiers present on ${field}. Please include either a self link or a ${field}Number.`,
    developerHint: `Find a list of resources at https://restapi.e-conomic.com/${collectionPath}.`,
  };
}
