import type {
  CreditNoteDraft,
  DocumentDraft,
  DraftCustomer,
  DraftPayment,
  InvoiceDraft,
} from "../../domain/invoice-draft";
import type { EmailRequest, ProductSpec } from "../ledger-contract";
import { ledgerExchangeRate } from "../ledger-exchange-rate";
import { type PlannedLines, toBillyLine } from "./billy-invoice-lines";
import type { BillyInvoice, BillyProduct } from "./billy-schemas";

/**
 * Every request body the adapter sends Billy (v2 JSON envelopes), as pure functions of the
 * draft and the ids already known. Key order is part of the contract: the recorded fixtures in
 * test/fixtures/billy/requests/ are compared byte for byte.
 */

/** Billy wants `organizationId` in write bodies only for user-level tokens: `{}` otherwise. */
export interface BillyOrg {
  organizationId?: string;
}

export interface BillyInvoiceBody {
  invoice: Record<string, unknown>;
}

/** What a document body needs besides the draft. */
export interface BillyDocumentParts {
  org: BillyOrg;
  /** The lines as planned by planBillyLines (tax mode and product ids chosen). */
  plan: PlannedLines;
  /** The company's base currency, for the shop's own exchange rate. */
  baseCurrency: string;
}

export function billyInvoiceBody(
  draft: InvoiceDraft,
  customerId: string,
  parts: BillyDocumentParts,
): BillyInvoiceBody {
  const header = {
    type: "invoice",
    contactId: customerId,
    paymentTermsMode: "net",
    paymentTermsDays: draft.paymentTermsDays,
    // Billy takes a number only at creation; afterwards invoiceNo is immutable.
    ...(draft.lockedNumber !== undefined ? { invoiceNo: String(draft.lockedNumber) } : {}),
  };
  return documentBody(draft, header, parts);
}

/** A credit note is an invoice of type creditNote pointing at the invoice it credits. */
export function billyCreditNoteBody(
  draft: CreditNoteDraft,
  refs: { invoiceId: string; customerId: string },
  parts: BillyDocumentParts,
): BillyInvoiceBody {
  const header = {
    type: "creditNote",
    creditedInvoiceId: refs.invoiceId,
    contactId: refs.customerId,
    paymentTermsMode: "net",
    paymentTermsDays: 0,
  };
  return documentBody(draft, header, parts);
}

function documentBody(
  draft: DocumentDraft,
  header: Record<string, unknown>,
  { org, plan, baseCurrency }: BillyDocumentParts,
): BillyInvoiceBody {
  const contactMessage = [draft.header, draft.comment]
    .filter((text, i, all) => text && all.indexOf(text) === i)
    .join("\n");
  // The shop's own rate (Billy: base-currency units per unit of the invoice currency) rather
  // than Billy's daily rate, so the booked amounts match what the shop converted.
  const exchangeRate = ledgerExchangeRate(draft, baseCurrency, { per: 1, decimals: 6 });
  return {
    invoice: {
      ...org,
      ...header,
      entryDate: draft.issueDate,
      currencyId: draft.currency,
      ...(exchangeRate !== undefined ? { exchangeRate } : {}),
      taxMode: plan.taxMode,
      state: "draft",
      externalId: draft.externalReference,
      ...(contactMessage ? { contactMessage } : {}),
      lines: plan.lines.map(toBillyLine),
    },
  };
}

/** A copy of a draft (read with its lines) that carries `number`: see bookWithNumber. */
export function billyRenumberedCopyBody(
  current: BillyInvoice,
  number: string,
  org: BillyOrg,
): BillyInvoiceBody {
  return {
    invoice: {
      ...org,
      type: current.type ?? "invoice",
      contactId: current.contactId,
      entryDate: current.entryDate,
      currencyId: current.currencyId,
      ...(current.taxMode ? { taxMode: current.taxMode } : {}),
      ...(current.paymentTermsMode ? { paymentTermsMode: current.paymentTermsMode } : {}),
      ...(current.paymentTermsDays !== null && current.paymentTermsDays !== undefined
        ? { paymentTermsDays: current.paymentTermsDays }
        : {}),
      ...(current.creditedInvoiceId ? { creditedInvoiceId: current.creditedInvoiceId } : {}),
      ...(current.contactMessage ? { contactMessage: current.contactMessage } : {}),
      ...(current.externalId ? { externalId: current.externalId } : {}),
      invoiceNo: number,
      state: "draft",
      lines: (current.lines ?? []).map((line) => ({
        productId: line.productId,
        description: line.description ?? "",
        quantity: line.quantity ?? 1,
        unitPrice: line.unitPrice ?? 0,
        ...(line.priority !== null && line.priority !== undefined ? { priority: line.priority } : {}),
        ...(line.discountMode
          ? {
              discountMode: line.discountMode,
              discountValue: line.discountValue,
              discountText: line.discountText,
            }
          : {}),
      })),
    },
  };
}

export const billyApproveBody = () => ({ invoice: { state: "approved" } });

/**
 * A contact is a Billy "company" only with a VAT number: Billy's rulesets give EU companies 0 %
 * (reverse charge), which is only right when the shop did not charge VAT to a verified number.
 */
export function billyContactBody(customer: DraftCustomer, org: BillyOrg) {
  const isCompany = customer.isBusiness && Boolean(customer.vatNumber);
  const street = [customer.address.line1, customer.address.line2].filter(Boolean).join("\n");
  return {
    contact: {
      ...org,
      type: isCompany ? "company" : "person",
      name: (customer.isBusiness && customer.companyName) || customer.name,
      countryId: (customer.address.countryCode ?? "DK").toUpperCase(),
      ...(street ? { street } : {}),
      ...(customer.address.zip ? { zipcodeText: customer.address.zip } : {}),
      ...(customer.address.city ? { cityText: customer.address.city } : {}),
      ...(customer.phone ? { phone: customer.phone } : {}),
      ...(customer.vatNumber ? { registrationNo: customer.vatNumber } : {}),
      ...(customer.ean ? { ean: customer.ean } : {}),
      contactNo: customer.reference,
      isCustomer: true,
      ...(customer.email
        ? { contactPersons: [{ name: customer.name, email: customer.email, isPrimary: true }] }
        : {}),
    },
  };
}

/** The buyer's identity and address; persons stay (setting them would replace them all). */
export function billyContactUpdateBody(customer: DraftCustomer) {
  const {
    contactPersons: _persons,
    isCustomer: _isCustomer,
    ...contact
  } = billyContactBody(customer, {}).contact;
  return { contact };
}

/** `price` (Billy units) only for products that carry their own price, not generic ones. */
export function billyProductBody(
  spec: ProductSpec,
  salesTaxRulesetId: string,
  price: number | undefined,
  org: BillyOrg,
) {
  return {
    product: {
      ...org,
      name: spec.name,
      productNo: spec.sku,
      accountId: spec.account,
      salesTaxRulesetId,
      ...(price !== undefined ? { prices: [{ unitPrice: price, currencyId: spec.currency }] } : {}),
    },
  };
}

/** Only what differs from the product Billy holds; undefined when nothing does. */
export function billyProductChangesBody(
  existing: BillyProduct,
  spec: ProductSpec,
  salesTaxRulesetId: string,
) {
  const changes = {
    ...(existing.name !== spec.name ? { name: spec.name } : {}),
    ...(existing.accountId !== spec.account ? { accountId: spec.account } : {}),
    ...(existing.salesTaxRulesetId !== salesTaxRulesetId ? { salesTaxRulesetId } : {}),
  };
  return Object.keys(changes).length > 0 ? { product: changes } : undefined;
}

export const billyProductPriceBody = (productId: string, currencyId: string, unitPrice: number) => ({
  productPrice: { productId, currencyId, unitPrice },
});

export const billyPriceChangeBody = (unitPrice: number) => ({ productPrice: { unitPrice } });

/** What leaves or enters the deposit account, in its currency (Billy units). */
export interface BillyCash {
  amount: number;
  /** Set when the account's currency is not the document's. */
  exchangeRate?: number;
}

/** A payment (cash side debit) or refund (credit) settling the document `documentId`. */
export function billyBankPaymentBody(
  documentId: string,
  payment: DraftPayment,
  cashSide: "debit" | "credit",
  cash: BillyCash,
  org: BillyOrg,
) {
  return {
    bankPayment: {
      ...org,
      entryDate: payment.date,
      cashAmount: cash.amount,
      cashSide,
      cashAccountId: payment.depositAccount,
      ...(cash.exchangeRate !== undefined ? { cashExchangeRate: cash.exchangeRate } : {}),
      associations: [{ subjectReference: `invoice:${documentId}` }],
    },
  };
}

/** Added as an extra person: PUT contact.contactPersons would replace the existing ones. */
export const billyRecipientBody = (contactId: string, recipient: string, isPrimary: boolean) => ({
  contactPerson: { contactId, email: recipient.trim(), isPrimary },
});

export function billyEmailBody(
  contactPersonId: string,
  invoiceNo: string | null | undefined,
  request: EmailRequest,
) {
  return {
    email: {
      contactPersonId,
      emailSubject: request.subject ?? `Faktura ${invoiceNo ?? ""}`.trim(),
      emailBody: request.body,
    },
  };
}
