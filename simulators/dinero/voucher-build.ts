import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SimResponse } from "../kit/router";
import { nowIso } from "./api-routes";
import type { ValidationIssue } from "./dinero-error-bodies";
import { validationError } from "./dinero-error-bodies";
import type { DineroSimulatorState, OrganizationState, VoucherKind, VoucherRecord } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { priceLines, sumLines } from "./voucher-math";

/** Model binding for invoice and credit-note bodies, then the business checks Dinero makes. */

const uuid = z.string().uuid();

const lineSchema = z.object({
  BaseAmountValue: z.number(),
  ProductGuid: uuid.nullish(),
  Description: z.string().nullish(),
  Comments: z.string().nullish(),
  Quantity: z.number(),
  AccountNumber: z.number().int(),
  Unit: z.string().nullish(),
  Discount: z.number(),
  LineType: z.string().nullish(),
});

const voucherFields = {
  ContactGuid: uuid.nullish(),
  Guid: uuid.nullish(),
  ShowLinesInclVat: z.boolean().nullish(),
  InvoiceTemplateId: uuid.nullish(),
  Currency: z.string().nullish(),
  Language: z.string().nullish(),
  ExternalReference: z.string().max(128).nullish(),
  Description: z.string().nullish(),
  Comment: z.string().nullish(),
  Date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Date must be in the format YYYY-MM-DD")
    .nullish(),
  ProductLines: z.array(lineSchema),
  Address: z.string().nullish(),
  // Invoice only.
  PaymentConditionNumberOfDays: z.number().int().nullish(),
  PaymentConditionType: z.enum(["Netto", "NettoCash", "CurrentMonthOut", "Paid"]).nullish(),
  ReminderFee: z.number().nullish(),
  ReminderInterestRate: z.number().nullish(),
  IsMobilePayInvoiceEnabled: z.boolean().nullish(),
  IsPensoPayEnabled: z.boolean().nullish(),
  // Credit note only.
  CreditNoteFor: uuid.nullish(),
};

export const voucherInputSchema = z.object(voucherFields);
export const voucherUpdateSchema = z.object({ ...voucherFields, Timestamp: z.string().min(1) });
export type VoucherInput = z.infer<typeof voucherInputSchema>;

const LANGUAGES = ["da-DK", "en-GB"];

export function buildVoucher(
  state: DineroSimulatorState,
  org: OrganizationState,
  kind: VoucherKind,
  input: VoucherInput,
  existing?: VoucherRecord,
): VoucherRecord | SimResponse {
  const issues: ValidationIssue[] = [];
  const contact = input.ContactGuid ? org.contacts.get(input.ContactGuid) : undefined;
  if (input.ContactGuid && (!contact || contact.DeletedAt))
    issues.push({ property: "ContactGuid", message: `Contact '${input.ContactGuid}' does not exist.` });
  const currency = (input.Currency ?? "DKK").toUpperCase();
  const exchangeRate = state.exchangeRates[currency];
  if (exchangeRate === undefined)
    issues.push({ property: "Currency", message: `Currency '${currency}' is not supported.` });
  const language = input.Language ?? "da-DK";
  if (!LANGUAGES.includes(language))
    issues.push({ property: "Language", message: "Language must be 'da-DK' or 'en-GB'." });
  if (input.InvoiceTemplateId && !org.templates.some((template) => template.Id === input.InvoiceTemplateId)) {
    issues.push({ property: "InvoiceTemplateId", message: "Unknown invoice template." });
  }
  if (kind === "creditNote" && input.CreditNoteFor) {
    const invoice = org.invoices.get(input.CreditNoteFor);
    if (!invoice || invoice.DeletedAt || invoice.Status !== "Booked") {
      issues.push({
        property: "CreditNoteFor",
        message: "CreditNoteFor must be the guid of a booked invoice.",
      });
    }
  }
  const showLinesInclVat = input.ShowLinesInclVat ?? false;
  const priced = priceLines(org, input.ProductLines, showLinesInclVat);
  if (!priced.ok) issues.push(...priced.issues);
  if (issues.length > 0 || !priced.ok || exchangeRate === undefined) return validationError(issues);

  const now = nowIso();
  const conditionGiven = input.PaymentConditionType != null || input.PaymentConditionNumberOfDays != null;
  const conditionType = conditionGiven
    ? (input.PaymentConditionType ?? "Netto")
    : (contact?.PaymentConditionType ?? org.salesSettings.PaymentConditionType);
  const conditionDays = conditionGiven
    ? (input.PaymentConditionNumberOfDays ?? null)
    : (contact?.PaymentConditionNumberOfDays ?? org.salesSettings.PaymentConditionNumberOfDays);
  const english = language === "en-GB";
  return {
    kind,
    Guid: existing?.Guid ?? input.Guid ?? randomUUID(),
    TimeStamp: nextTimestamp(org),
    Number: 0,
    Status: "Draft",
    ContactGuid: input.ContactGuid ?? null,
    CreditNoteFor: kind === "creditNote" ? (input.CreditNoteFor ?? null) : null,
    Date: input.Date ?? now.slice(0, 10),
    Currency: currency,
    exchangeRate,
    Language: language,
    ExternalReference: input.ExternalReference ?? null,
    Description:
      input.Description ??
      (kind === "invoice" ? (english ? "Invoice" : "Faktura") : english ? "Credit note" : "Kreditnota"),
    Comment: input.Comment ?? null,
    Address: input.Address ?? null,
    ShowLinesInclVat: showLinesInclVat,
    PaymentConditionType: kind === "invoice" ? conditionType : null,
    PaymentConditionNumberOfDays:
      kind === "invoice" && conditionType !== "NettoCash" && conditionType !== "Paid" ? conditionDays : null,
    InvoiceTemplateId: input.InvoiceTemplateId ?? null,
    lines: priced.lines,
    totals: sumLines(priced.lines),
    payments: [],
    MailOutStatus: "NotSent",
    CreatedAt: existing?.CreatedAt ?? now,
    UpdatedAt: now,
    DeletedAt: null,
  };
}

/** Invoice bodies must not carry credit-note fields and vice versa (the spec models differ). */
export function misplacedFields(kind: VoucherKind, input: VoucherInput): ValidationIssue[] {
  const invoiceOnly = [
    "PaymentConditionNumberOfDays",
    "PaymentConditionType",
    "ReminderFee",
    "ReminderInterestRate",
    "IsMobilePayInvoiceEnabled",
    "IsPensoPayEnabled",
  ] as const;
  const present = (key: keyof VoucherInput) => input[key] !== undefined;
  const wrong: string[] =
    kind === "invoice" ? (present("CreditNoteFor") ? ["CreditNoteFor"] : []) : invoiceOnly.filter(present);
  return wrong.map((property) => ({
    property,
    message: `Could not find member '${property}' on this model.`,
  }));
}
