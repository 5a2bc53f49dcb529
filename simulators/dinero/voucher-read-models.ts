import { EU_MEMBER_STATES } from "../../app/domain/vat/vat-rates";
import type { ContactRecord, OrganizationState, ProductRecord, VoucherRecord } from "./simulator-state";
import { roundHalfAway, toDecimal } from "./voucher-math";

/** Stored records → the read models of Dinero's OpenAPI document (same property names). */

export function remainingAmount(voucher: VoucherRecord): number {
  if (voucher.payments.some((payment) => payment.RemainderIsFee)) return 0;
  return (
    voucher.totals.gross - voucher.payments.reduce((sum, payment) => sum + payment.amountVoucherCurrency, 0)
  );
}

export function paymentStatus(voucher: VoucherRecord): string {
  if (voucher.Status === "Draft") return "Draft";
  const remaining = remainingAmount(voucher);
  if (remaining === 0) return "Paid";
  if (remaining < 0) return "OverPaid";
  return "Booked";
}

export function dueDate(voucher: VoucherRecord): string {
  const date = new Date(`${voucher.Date}T00:00:00Z`);
  const days = voucher.PaymentConditionNumberOfDays ?? 0;
  if (voucher.PaymentConditionType === "CurrentMonthOut") {
    date.setUTCMonth(date.getUTCMonth() + 1, 0);
    date.setUTCDate(date.getUTCDate() + days);
  } else if (voucher.PaymentConditionType === "Netto") date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function totalLines(voucher: VoucherRecord) {
  const byRate = new Map<number, number>();
  for (const line of voucher.lines)
    if (line.vatRate > 0) byRate.set(line.vatRate, (byRate.get(line.vatRate) ?? 0) + line.vat);
  const vatLines = [...byRate].map(([rate, vat], index) => ({
    Type: "Vat",
    TotalAmount: toDecimal(vat),
    Position: index + 1,
    Label: `Moms (${(rate * 100).toFixed(2).replace(".", ",")}%)`,
  }));
  return [
    { Type: "SubTotal", TotalAmount: toDecimal(voucher.totals.net), Position: 0, Label: "Subtotal" },
    ...vatLines,
    {
      Type: "Total",
      TotalAmount: toDecimal(voucher.totals.gross),
      Position: vatLines.length + 1,
      Label: `Total ${voucher.Currency}`,
    },
  ];
}

function common(org: OrganizationState, voucher: VoucherRecord) {
  const contact = voucher.ContactGuid ? org.contacts.get(voucher.ContactGuid) : undefined;
  return {
    MailOutStatus: voucher.MailOutStatus,
    LatestMailOutType: voucher.MailOutStatus === "Sent" ? "Email" : null,
    PaymentStatus: paymentStatus(voucher),
    Status: voucher.Status,
    ContactGuid: voucher.ContactGuid,
    Guid: voucher.Guid,
    TimeStamp: voucher.TimeStamp,
    CreatedAt: voucher.CreatedAt,
    UpdatedAt: voucher.UpdatedAt,
    DeletedAt: voucher.DeletedAt,
    Number: voucher.Number,
    ContactName: contact?.Name ?? null,
    ShowLinesInclVat: voucher.ShowLinesInclVat,
    TotalExclVat: toDecimal(voucher.totals.net),
    TotalVatableAmount: toDecimal(voucher.totals.vatable),
    TotalInclVat: toDecimal(voucher.totals.gross),
    TotalNonVatableAmount: toDecimal(voucher.totals.nonVatable),
    TotalVat: toDecimal(voucher.totals.vat),
    TotalLines: totalLines(voucher),
    InvoiceTemplateId: voucher.InvoiceTemplateId,
    Currency: voucher.Currency,
    Language: voucher.Language,
    ExternalReference: voucher.ExternalReference,
    Description: voucher.Description,
    Comment: voucher.Comment,
    Date: voucher.Date,
    ProductLines: voucher.lines.map((line) => ({
      AccountName: line.AccountName,
      BaseAmountValue: toDecimal(line.unitNet),
      BaseAmountValueInclVat: toDecimal(line.unitGross),
      TotalAmount: toDecimal(line.net),
      TotalAmountInclVat: toDecimal(line.gross),
      ProductGuid: line.ProductGuid,
      Description: line.Description,
      Comments: line.Comments,
      Quantity: line.Quantity,
      AccountNumber: line.AccountNumber,
      Unit: line.Unit,
      Discount: line.Discount,
      LineType: line.LineType,
    })),
    Address: voucher.Address ?? formatAddress(contact),
  };
}

/** `InvoiceReadModel`; the spec also returns this model from the credit-note book endpoint. */
export function invoiceReadModel(org: OrganizationState, voucher: VoucherRecord) {
  return {
    PaymentDate: dueDate(voucher),
    PaymentConditionNumberOfDays: voucher.PaymentConditionNumberOfDays ?? 0,
    PaymentConditionType: voucher.PaymentConditionType,
    FikCode: null,
    DepositAccountNumber: voucher.payments.at(-1)?.DepositAccountNumber ?? null,
    IsSentToDebtCollection: false,
    IsMobilePayInvoiceEnabled: false,
    IsPensoPayEnabled: false,
    ...common(org, voucher),
  };
}

export function creditNoteReadModel(org: OrganizationState, voucher: VoucherRecord) {
  return { CreditNoteFor: voucher.CreditNoteFor, ...common(org, voucher) };
}

/** `SalesVoucherReadListModel`, before `fields` selection. */
export function voucherListModel(org: OrganizationState, voucher: VoucherRecord) {
  const contact = voucher.ContactGuid ? org.contacts.get(voucher.ContactGuid) : undefined;
  return {
    Number: voucher.Number,
    Guid: voucher.Guid,
    ExternalReference: voucher.ExternalReference,
    Date: voucher.Date,
    PaymentDate: dueDate(voucher),
    Description: voucher.Description,
    Status: paymentStatus(voucher),
    Type: voucher.kind === "invoice" ? "Invoice" : "CreditNote",
    ContactName: contact?.Name ?? null,
    ContactGuid: voucher.ContactGuid,
    TotalInclVat: toDecimal(voucher.totals.gross),
    TotalExclVat: toDecimal(voucher.totals.net),
    TotalInclVatInDkk: toDecimal(roundHalfAway(voucher.totals.gross * voucher.exchangeRate)),
    TotalExclVatInDkk: toDecimal(roundHalfAway(voucher.totals.net * voucher.exchangeRate)),
    MailOutStatus: voucher.MailOutStatus,
    LatestMailOutType: voucher.MailOutStatus === "Sent" ? "Email" : null,
    Currency: voucher.Currency,
    CreatedAt: voucher.CreatedAt,
    UpdatedAt: voucher.UpdatedAt,
    DeletedAt: voucher.DeletedAt,
  };
}

export function paymentsModel(voucher: VoucherRecord) {
  return {
    Payments: voucher.payments.map((payment) => ({
      Guid: payment.Guid,
      DepositAccountNumber: payment.DepositAccountNumber,
      Currency: voucher.Currency,
      ExchangeRate:
        payment.amountVoucherCurrency === 0
          ? 1
          : Number((payment.amountDkk / payment.amountVoucherCurrency).toFixed(6)),
      PaymentClass: "Payment",
      RelatedVoucherId: payment.RelatedVoucherGuid,
      ExternalReference: payment.ExternalReference,
      PaymentDate: payment.PaymentDate,
      Description: payment.Description,
      Amount: toDecimal(payment.amountVoucherCurrency),
    })),
    RemainingAmount: toDecimal(remainingAmount(voucher)),
    PaidAmount: toDecimal(voucher.payments.reduce((sum, payment) => sum + payment.amountVoucherCurrency, 0)),
    InvoiceTotalIncludingReminderExpenses: toDecimal(voucher.totals.gross),
    RemainderAsFeeAvailable: remainingAmount(voucher) > 0,
  };
}

export function contactReadModel(contact: ContactRecord) {
  const country = contact.CountryKey.toUpperCase();
  return {
    ...contact,
    IsDebitor: true,
    IsCreditor: false,
    CompanyStatus: contact.IsPerson ? null : "NORMAL",
    VatRegionKey: country === "DK" ? "DK" : EU_MEMBER_STATES.has(country) ? "EU" : "World",
  };
}

export function productReadModel(org: OrganizationState, product: ProductRecord) {
  const account = org.accounts.find((candidate) => candidate.AccountNumber === product.AccountNumber);
  const rate = org.vatTypes.find((vat) => vat.VatCode === account?.VatCode)?.VatRate ?? 0;
  const gross = product.baseAmount + roundHalfAway(product.baseAmount * rate);
  const { baseAmount, ...rest } = product;
  return {
    ...rest,
    BaseAmountValue: toDecimal(baseAmount),
    BaseAmountValueInclVat: toDecimal(gross),
    TotalAmount: toDecimal(roundHalfAway(baseAmount * product.Quantity)),
    TotalAmountInclVat: toDecimal(roundHalfAway(gross * product.Quantity)),
  };
}

function formatAddress(contact: ContactRecord | undefined): string | null {
  if (!contact) return null;
  const lines = [
    contact.Street,
    [contact.ZipCode, contact.City].filter(Boolean).join(" "),
    contact.CountryKey === "DK" ? null : contact.CountryKey,
  ];
  return lines.filter((line) => line && line.length > 0).join("\n") || null;
}
