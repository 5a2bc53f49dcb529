import type { LedgerDocument } from "../ledger-contract";
import { fromEconomicAmount } from "./economic-amounts";
import type { EconomicBookedInvoice, EconomicDraftInvoice } from "./economic-schemas";

/** e-conomic's draft and booked invoices read as the contract's documents. */

type Kind = LedgerDocument["kind"];

/** Filtering is case-insensitive, so the exact reference is checked again here. */
export function matches(
  kind: Kind,
  invoice: EconomicDraftInvoice | EconomicBookedInvoice,
  externalReference: string,
): boolean {
  if (invoice.references?.other !== externalReference) return false;
  return kind === "creditNote" ? invoice.grossAmount <= 0 : invoice.grossAmount >= 0;
}

/** Credit notes come back negative; the contract compares magnitudes with the draft's positive total. */
function grossOf(kind: Kind, invoice: { grossAmount: number; currency: string }): number {
  const gross = fromEconomicAmount(invoice.grossAmount, invoice.currency);
  return kind === "creditNote" ? -gross : gross;
}

export function fromDraft(
  kind: Kind,
  invoice: EconomicDraftInvoice,
  externalReference: string,
): LedgerDocument {
  return {
    kind,
    id: String(invoice.draftInvoiceNumber),
    state: "draft",
    totalGross: grossOf(kind, invoice),
    externalReference,
    version: documentVersion(invoice),
  };
}

export function fromBooked(
  kind: Kind,
  invoice: EconomicBookedInvoice,
  externalReference: string,
): LedgerDocument {
  return {
    kind,
    id: String(invoice.bookedInvoiceNumber),
    number: String(invoice.bookedInvoiceNumber),
    state: "booked",
    totalGross: grossOf(kind, invoice),
    externalReference,
    version: documentVersion(invoice),
  };
}

/** Customer and currency travel with the document, saving a read before each payment. */
function documentVersion(invoice: { customer: { customerNumber: number }; currency: string }): string {
  return `${invoice.customer.customerNumber}:${invoice.currency}`;
}

export function parseDocumentVersion(
  version: string | undefined,
): { customerNumber: number; currency: string } | undefined {
  const match = version ? /^(\d+):([A-Z]{3})$/.exec(version) : null;
  return match ? { customerNumber: Number(match[1]), currency: match[2] as string } : undefined;
}
