import type {
  CreditNoteDraft,
  DocumentDraft,
  DraftAddress,
  DraftCustomer,
  DraftPayment,
  InvoiceDraft,
} from "../../domain/invoice-draft";
import type { CurrencyCode } from "../../domain/money";
import { toDynaccountAmount } from "./dynaccount-amounts";
import { LedgerError } from "../ledger-error";
import type { DynaccountFields } from "./dynaccount-client";
import { unixNoon } from "./dynaccount-dates";
import { DYNACCOUNT } from "./dynaccount-errors";
import { dynaccountVatCode } from "./dynaccount-vat";

/**
 * Draft → Dynaccount request fields (order and credit-note headers, their lines, debtors, payment
 * vouchers). Pure: no I/O; tested against the recorded requests in fixtures/.
 */

/** The `debtor_order` header: our draft invoice, carrying the external reference in `requisition`. */
export function buildOrderHeader(
  draft: InvoiceDraft,
  customerId: string,
  term: string | undefined,
): DynaccountFields {
  const shipping = draft.customer.shippingAddress;
  return {
    module_id_: customerId,
    time: unixNoon(draft.issueDate),
    currency_name: draft.currency,
    requisition: draft.externalReference,
    txt: [draft.header, draft.comment].filter(Boolean).join("\n"),
    ...(term ? { payment_name: term } : {}),
    ...(shipping
      ? {
          dlv_name: draft.customer.name,
          ...addressFields(shipping, "dlv_"),
          dlv_ref_country_name: shipping.countryCode?.toUpperCase(),
        }
      : {}),
  };
}

/** The `debtor_creditnote` header, linked to the booked invoice (whose currency it takes). */
export function buildCreditNoteHeader(draft: CreditNoteDraft, invoiceId: string): DynaccountFields {
  return { invoice_id: invoiceId, time: unixNoon(draft.issueDate), requisition: draft.externalReference };
}

/**
 * Draft lines → `debtor_order_product` / `debtor_creditnote_product` rows. Item lines with a SKU
 * are product lines (stock moves); shipping, discounts, fees, gift cards and rounding are account
 * lines booked straight to the draft's account. Prices are net unit prices in the document's
 * currency; Dynaccount adds VAT from the line's VAT code.
 */
export function documentLines(
  draft: DocumentDraft,
  parent: { column: "order_id" | "creditnote_id"; id: string },
  productIds: ReadonlyMap<string, string>,
): DynaccountFields[] {
  if (draft.lines.length === 0) {
    throw new LedgerError({
      kind: "validation",
      provider: DYNACCOUNT,
      detail: `Draft ${draft.externalReference} has no lines`,
      messageKey: "ledgerError.dynaccount.noLines",
    });
  }
  return draft.lines.map((line) => {
    const product = line.kind === "item" && line.sku ? (productIds.get(line.sku) ?? line.sku) : undefined;
    // The builder guarantees quantity × unitNet = net; otherwise book the line as one unit of its net.
    const exact = Number.isInteger(line.quantity) && line.quantity * line.unitNet === line.net;
    return {
      [parent.column]: parent.id,
      product_type: product ? "PRODUCT" : "ACCOUNT",
      ...(product ? { product_id_: product } : {}),
      account_id_: line.account,
      vatcode_name: dynaccountVatCode(line),
      qty: exact ? line.quantity : 1,
      price: toDynaccountAmount(exact ? line.unitNet : line.net, draft.currency),
      name: exact ? line.description : `${line.description} (${line.quantity})`,
    };
  });
}

export function referenceNote(reference: string): string {
  return `ledger-bridge:${reference}`;
}

export function debtorFields(customer: DraftCustomer, group: string): DynaccountFields {
  const country = customer.address.countryCode?.toUpperCase();
  const shipping = customer.shippingAddress;
  const differentShipping =
    shipping !== undefined && JSON.stringify(shipping) !== JSON.stringify(customer.address);
  return {
    module_group_name: group,
    name: customer.companyName || customer.name,
    attention_name: customer.companyName ? customer.name : undefined,
    ...addressFields(customer.address, ""),
    ref_country_name: country,
    phone: customer.phone,
    email: customer.email,
    email_invoice: customer.email,
    vatno: customer.vatNumber,
    ean: customer.ean,
    lang: country === undefined || country === "DK" ? "da" : "en",
    note: referenceNote(customer.reference),
    ...(differentShipping && shipping
      ? {
          dlv_name: customer.name,
          ...addressFields(shipping, "dlv_"),
          dlv_ref_country_name: shipping.countryCode?.toUpperCase(),
        }
      : {}),
  };
}

export function addressFields(address: DraftAddress, prefix: "" | "dlv_"): DynaccountFields {
  const street = [address.line1, address.line2].filter((part) => part && part.trim()).join(", ");
  return {
    [`${prefix}address`]: street || undefined,
    [`${prefix}zip`]: address.zip,
    [`${prefix}city`]: address.city,
  };
}

/** The voucher (`enclosure`) of a payment (1) or refund (-1); its text is how a retry finds it. */
export function buildPaymentVoucher(
  payment: DraftPayment,
  direction: 1 | -1,
  number: string,
  draftId: string,
): DynaccountFields & { txt: string } {
  const txt = `${direction > 0 ? "Indbetaling faktura" : "Udbetaling kreditnota"} ${number} (${payment.gateway} ${payment.reference})`;
  return { time: unixNoon(payment.date), draft_id: draftId, enc_id_: "", txt, note: payment.reference };
}

/** The DEBTOR_PAYMENT row of the voucher: deposit account against the debtor, matched to the number. */
export function buildPaymentRow(
  payment: DraftPayment,
  direction: 1 | -1,
  refs: { voucherId: string; debtor: string; number: string; code: CurrencyCode },
): DynaccountFields {
  return {
    enclosure_id: refs.voucherId,
    type: "DEBTOR_PAYMENT",
    account_id_: payment.depositAccount,
    accountoff_id_: refs.debtor,
    invoice_id_: refs.number,
    currency_name: refs.code,
    // The amount posts to the deposit account and the opposite to the debtor.
    amount: toDynaccountAmount(direction * payment.amount, refs.code),
  };
}
