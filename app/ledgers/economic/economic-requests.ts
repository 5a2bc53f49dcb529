import type {
  DocumentDraft,
  DraftAddress,
  DraftCustomer,
  DraftLine,
  DraftPayment,
  VatTreatment,
} from "../../domain/invoice-draft";
import type { LedgerDocument } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { clipText } from "../ledger-text";
import { toEconomicAmount } from "./economic-amounts";
import { PROVIDER } from "./economic-errors";

/**
 * Draft → e-conomic request bodies (draft invoices and credit notes, booking, customers, customer
 * payments). Pure: no I/O; tested against the recorded requests in fixtures/.
 */

export type ZoneKey = "domestic" | "eu" | "abroad";

/** e-conomic takes VAT from the recipient's zone: reverse charge → EU (0 %), export → abroad (0 %), else domestic. */
export function zoneForTreatment(treatment: VatTreatment): ZoneKey {
  if (treatment === "euReverseCharge") return "eu";
  if (treatment === "export") return "abroad";
  return "domestic";
}

/** Recipient VAT zone for the whole document: it, not the customer's, decides e-conomic's VAT. */
export function documentZone(lines: DraftLine[]): ZoneKey {
  const zones = lines.map((line) => zoneForTreatment(line.vatTreatment));
  return zones.includes("eu") ? "eu" : zones.includes("abroad") ? "abroad" : "domestic";
}

export interface DraftRefs {
  customerNumber: number;
  /** Product number per draft line, in line order. */
  productNumbers: string[];
}

export function buildDraftBody(
  draft: DocumentDraft,
  refs: DraftRefs & {
    layoutNumber: number;
    paymentTermsNumber: number;
    vatZoneNumber: number;
    heading: string;
    /** Base-currency cost of 100 units of the document's currency, the shop's own rate. */
    exchangeRate?: number;
  },
) {
  const sign = draft.kind === "creditNote" ? -1 : 1;
  const customer = draft.customer;
  const delivery = customer.shippingAddress;
  const reference = draft.externalReference;
  if (reference.length > 250) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      messageKey: "ledgerError.referenceTooLong",
      params: { ledger: "e-conomic", max: 250 },
    });
  }
  return compact({
    date: draft.issueDate,
    currency: draft.currency,
    exchangeRate: refs.exchangeRate,
    customer: { customerNumber: refs.customerNumber },
    paymentTerms: { paymentTermsNumber: refs.paymentTermsNumber },
    layout: { layoutNumber: refs.layoutNumber },
    recipient: compact({
      name: clipText(customer.companyName || customer.name, 250),
      address: clipText(addressLines(customer.address), 250),
      zip: clipText(customer.address.zip, 50),
      city: clipText(customer.address.city, 250),
      country: clipText(countryName(customer.address.countryCode), 50),
      ean: clipText(customer.ean, 13),
      vatZone: { vatZoneNumber: refs.vatZoneNumber },
    }),
    delivery: delivery
      ? compact({
          address: clipText(addressLines(delivery), 255),
          zip: clipText(delivery.zip, 30),
          city: clipText(delivery.city, 50),
          country: clipText(countryName(delivery.countryCode), 50),
        })
      : undefined,
    notes: compact({ heading: clipText(refs.heading, 250), textLine1: clipText(draft.comment, 1000) }),
    references: { other: reference },
    lines: draft.lines.map((line, index) => ({
      lineNumber: index + 1,
      sortKey: index + 1,
      product: { productNumber: refs.productNumbers[index] as string },
      description: clipText(line.description || line.kind, 2500),
      quantity: sign * line.quantity,
      unitNetPrice: toEconomicAmount(line.unitNet, draft.currency),
    })),
  });
}

export type EconomicDraftBody = ReturnType<typeof buildDraftBody>;

export function buildBookBody(document: LedgerDocument, options: { number?: number; sendByEmail: boolean }) {
  return {
    draftInvoice: { draftInvoiceNumber: Number(document.id) },
    ...(options.number !== undefined ? { bookWithNumber: options.number } : {}),
    ...(options.sendByEmail && document.kind === "invoice" ? { sendBy: "Email" as const } : {}),
  };
}

export function buildCustomerBody(
  customer: DraftCustomer,
  settings: {
    currency: string;
    customerGroupNumber: number;
    vatZoneNumber: number;
    paymentTermsNumber: number;
  },
) {
  return compact({
    name: clipText(customer.companyName || customer.name, 255),
    currency: settings.currency,
    customerGroup: { customerGroupNumber: settings.customerGroupNumber },
    vatZone: { vatZoneNumber: settings.vatZoneNumber },
    paymentTerms: { paymentTermsNumber: settings.paymentTermsNumber },
    email: clipText(customer.email, 255),
    telephoneAndFaxNumber: clipText(customer.phone, 255),
    address: clipText(addressLines(customer.address), 510),
    zip: clipText(customer.address.zip, 30),
    city: clipText(customer.address.city, 50),
    country: clipText(countryName(customer.address.countryCode), 50),
    corporateIdentificationNumber: normaliseVat(customer.vatNumber, customer.address.countryCode)?.slice(
      0,
      40,
    ),
    ean: clipText(customer.ean, 13),
  });
}

/**
 * Sign: a payment credits the customer's account (negative amount), a refund debits it
 * (positive). The sources do not confirm the sign; it is set here and nowhere else.
 */
export const PAYMENT_SIGN = -1;

/** One customer payment entry in a journal, settling the booked document (refund: a credit note). */
export function buildPaymentBody(
  document: LedgerDocument,
  payment: DraftPayment,
  entry: {
    year: string;
    journalNumber: number;
    contraAccount: number;
    customerNumber: number;
    currency: string;
  },
) {
  const isRefund = document.kind === "creditNote";
  const text = `${isRefund ? "Tilbagebetaling kreditnota" : "Betaling faktura"} ${document.number} (${payment.gateway} ${payment.reference})`;
  return {
    accountingYear: { year: entry.year },
    journal: { journalNumber: entry.journalNumber },
    entries: {
      customerPayments: [
        {
          customer: { customerNumber: entry.customerNumber },
          customerInvoice: Number(document.number),
          text: clipText(text, 250),
          amount: toEconomicAmount(
            (isRefund ? -PAYMENT_SIGN : PAYMENT_SIGN) * payment.amount,
            entry.currency,
          ),
          contraAccount: { accountNumber: entry.contraAccount },
          currency: { code: entry.currency },
          date: payment.date,
        },
      ],
    },
  };
}

/** Danish CVR goes without the DK prefix; foreign VAT numbers keep theirs. */
export function normaliseVat(vat: string | undefined, countryCode: string | undefined): string | undefined {
  const compacted = vat?.replace(/[\s.-]/g, "").toUpperCase();
  if (!compacted) return undefined;
  return compacted.startsWith("DK") || (countryCode ?? "DK").toUpperCase() === "DK"
    ? compacted.replace(/^DK/, "")
    : compacted;
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

export function addressLines(address: DraftAddress | undefined): string | undefined {
  const lines = [address?.line1, address?.line2].filter((line): line is string => Boolean(line?.trim()));
  return lines.length > 0 ? lines.join("\n") : undefined;
}

export function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return countryNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** e-conomic rejects `null`: optional properties must be left out, not sent empty. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== ""),
  ) as T;
}
