import type {
  CreditNoteDraft,
  DraftCustomer,
  DraftLine,
  DraftPayment,
  InvoiceDraft,
} from "../../domain/invoice-draft";
import type { CurrencyCode } from "../../domain/money";
import { currency } from "../../domain/money";
import type { EmailRequest, LedgerDocument, ProductSpec } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { toDineroAmount } from "./dinero-amounts";
import { DINERO_PROVIDER } from "./dinero-errors";
import type { DineroProductItem } from "./dinero-schemas";

/**
 * Draft → Dinero request bodies (invoices, credit notes, contacts, products, payments, e-mails).
 * Pure: no I/O; tested against the recorded requests in fixtures/.
 *
 * Lines go incl. VAT when the shop showed prices incl. VAT and every line's gross divides evenly
 * by its quantity: Dinero then sums the very gross amounts the customer paid. Otherwise they go
 * excl. VAT, where `quantity × unitNet = net` always holds exactly.
 */

export interface DineroLineBody {
  ProductGuid: string | null;
  Description: string | null;
  Comments?: string;
  Quantity: number;
  AccountNumber: number;
  Unit: "parts" | "shipment";
  BaseAmountValue: number;
  Discount: number;
  LineType: "Product";
}

interface VoucherBody {
  Guid: string;
  ContactGuid: string;
  Date: string;
  Currency: string;
  Language: "da-DK" | "en-GB";
  ExternalReference: string;
  Description: string;
  Comment: string;
  ShowLinesInclVat: boolean;
  ProductLines: DineroLineBody[];
}

export interface DineroInvoiceBody extends VoucherBody {
  PaymentConditionType: "Netto" | "NettoCash";
  PaymentConditionNumberOfDays: number | null;
}

export interface DineroCreditNoteBody extends VoucherBody {
  CreditNoteFor: string;
}

interface Refs {
  guid: string;
  customerId: string;
  productIds: ReadonlyMap<string, string>;
}

export function buildInvoiceBody(draft: InvoiceDraft, refs: Refs): DineroInvoiceBody {
  return {
    ...commonBody(draft, refs),
    // "Netto kontant" (due at once) for paid webshop orders; Dinero wants no day count with it.
    PaymentConditionType: draft.paymentTermsDays > 0 ? "Netto" : "NettoCash",
    PaymentConditionNumberOfDays: draft.paymentTermsDays > 0 ? draft.paymentTermsDays : null,
  };
}

export function buildCreditNoteBody(
  draft: CreditNoteDraft,
  refs: Refs & { invoiceId: string },
): DineroCreditNoteBody {
  return { ...commonBody(draft, refs), CreditNoteFor: refs.invoiceId };
}

/** Dinero's ExternalReference fields hold at most 128 characters. */
export const MAX_EXTERNAL_REFERENCE = 128;

function commonBody(draft: InvoiceDraft | CreditNoteDraft, refs: Refs): VoucherBody {
  if (draft.externalReference.length > MAX_EXTERNAL_REFERENCE) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "validation",
      detail: `externalReference is ${draft.externalReference.length} characters`,
      messageKey: "ledgerError.referenceTooLong",
      params: { ledger: "Dinero", max: MAX_EXTERNAL_REFERENCE },
    });
  }
  const inclVat =
    draft.pricesIncludeVat &&
    draft.lines.every((line) => line.quantity > 0 && line.gross % line.quantity === 0);
  const country = draft.customer.address.countryCode?.toUpperCase();
  return {
    Guid: refs.guid,
    ContactGuid: refs.customerId,
    Date: draft.issueDate,
    Currency: draft.currency,
    Language: !country || country === "DK" ? "da-DK" : "en-GB",
    ExternalReference: draft.externalReference,
    Description: draft.header,
    Comment: draft.comment,
    ShowLinesInclVat: inclVat,
    ProductLines: draft.lines.map((line) => buildLine(line, draft.currency, inclVat, refs.productIds)),
  };
}

function buildLine(
  line: DraftLine,
  currency: CurrencyCode,
  inclVat: boolean,
  productIds: ReadonlyMap<string, string>,
): DineroLineBody {
  const productGuid = line.sku ? (productIds.get(line.sku) ?? null) : null;
  const unitAmount = inclVat ? line.gross / line.quantity : line.unitNet;
  return {
    ProductGuid: productGuid,
    // The spec: with a ProductGuid the description must be null (Dinero shows the product's name).
    Description: productGuid ? null : line.description,
    ...(line.discountCode ? { Comments: `Rabatkode: ${line.discountCode}` } : {}),
    Quantity: line.quantity,
    AccountNumber: dineroAccountNumber(line.account),
    Unit: line.kind === "shipping" ? "shipment" : "parts",
    BaseAmountValue: toDineroAmount(unitAmount, currency),
    Discount: 0,
    LineType: "Product",
  };
}

export function dineroAccountNumber(account: string): number {
  const trimmed = account.trim();
  if (!/^\d{1,9}$/.test(trimmed)) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "validation",
      detail: `account "${account}" is not numeric`,
      messageKey: "ledgerError.dinero.notAnAccount",
      params: { account },
    });
  }
  return Number(trimmed);
}

export function buildContactBody(customer: DraftCustomer, guid: string) {
  const business = customer.isBusiness;
  const street = [customer.address.line1, customer.address.line2]
    .filter((part) => part && part.trim())
    .join(", ");
  return {
    ContactGuid: guid,
    ExternalReference: contactReference(customer),
    Name: business ? (customer.companyName ?? customer.name) : customer.name,
    ...(street ? { Street: street } : {}),
    ...(customer.address.zip ? { ZipCode: customer.address.zip } : {}),
    ...(customer.address.city ? { City: customer.address.city } : {}),
    CountryKey: (customer.address.countryCode ?? "DK").toUpperCase(),
    ...(customer.phone ? { Phone: customer.phone } : {}),
    ...(customer.email ? { Email: customer.email } : {}),
    // Company-only fields must stay empty for persons, per the spec.
    ...(business && customer.companyName ? { AttPerson: customer.name } : {}),
    ...(business && customer.vatNumber ? { VatNumber: customer.vatNumber } : {}),
    ...(business && customer.ean ? { EanNumber: customer.ean } : {}),
    IsPerson: !business,
    IsMember: false,
    // Never let Dinero overwrite the buyer's name and address from the CVR register.
    UseCvr: false,
  };
}

function contactReference(customer: DraftCustomer): string {
  return customer.reference.slice(0, MAX_EXTERNAL_REFERENCE);
}

export function buildProductBody(spec: ProductSpec, existing?: DineroProductItem) {
  const isDkk = spec.currency.toUpperCase() === "DKK";
  const keptPrice = existing?.BaseAmountValue ?? 0;
  return {
    ProductNumber: spec.sku,
    Name: spec.name,
    BaseAmountValue: isDkk ? toDineroAmount(spec.unitNet, DKK) : keptPrice,
    Quantity: 1,
    AccountNumber: dineroAccountNumber(spec.account),
    Unit: existing?.Unit ?? "parts",
    ...(existing?.ExternalReference ? { ExternalReference: existing.ExternalReference } : {}),
    ...(existing?.Comment ? { Comment: existing.Comment } : {}),
  };
}

const DKK = currency("DKK");

/** Payments take no client Guid: our reference on a payment is how it is found again. */
export function paymentReference(payment: DraftPayment): string {
  return payment.reference.slice(0, MAX_EXTERNAL_REFERENCE);
}

/** Dinero books payments in DKK; a foreign-currency voucher's payment carries both amounts. */
export interface DineroPaymentAmounts {
  Amount: number;
  AmountInForeignCurrency?: number;
}

export function buildPaymentBody(
  kind: LedgerDocument["kind"],
  payment: DraftPayment,
  timestamp: string,
  amounts: DineroPaymentAmounts,
) {
  return {
    Timestamp: timestamp,
    DepositAccountNumber: dineroAccountNumber(payment.depositAccount),
    ...amounts,
    Description: `${kind === "invoice" ? "Betaling" : "Tilbagebetaling"} via ${payment.gateway}`,
    RemainderIsFee: false,
    ExternalReference: paymentReference(payment),
    PaymentDate: payment.date,
  };
}

export function buildEmailBody(request: EmailRequest) {
  // Dinero refuses a custom message without the tag it replaces with the PDF link.
  const message = request.body.includes("[link-to-pdf]") ? request.body : `${request.body}\n\n[link-to-pdf]`;
  return {
    ShouldAddTrustPilotEmailAsBcc: false,
    Receiver: request.recipient,
    ...(request.subject ? { Subject: request.subject } : {}),
    Message: message,
  };
}
