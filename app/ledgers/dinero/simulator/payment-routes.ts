import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DineroApiRoutes } from "./api-routes";
import { bind, nowIso, ok } from "./api-routes";
import type { ValidationIssue } from "./dinero-error-bodies";
import { timestampOutdated, validationError, voucherNotFound } from "./dinero-error-bodies";
import type { VoucherKind } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { fromDecimal } from "./voucher-math";
import { findVoucher, guidKind, VOUCHER_PATHS } from "./voucher-paths";
import { paymentsModel } from "./voucher-read-models";

const paymentSchema = z.object({
  Timestamp: z.string().min(1),
  DepositAccountNumber: z.number().int(),
  RemainderIsFee: z.boolean(),
  AmountInForeignCurrency: z.number().nullish(),
  ExternalReference: z.string().max(128).nullish(),
  PaymentDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish(),
  Description: z.string().min(1),
  Amount: z.number(),
});

const mailoutSchema = z.object({
  Timestamp: z.string().nullish(),
  Sender: z.string().nullish(),
  CcToSender: z.boolean().nullish(),
  Receiver: z.string().nullish(),
  Subject: z.string().nullish(),
  Message: z.string().nullish(),
  AddVoucherAsPdfAttachment: z.boolean().nullish(),
  ShouldAddTrustPilotEmailAsBcc: z.boolean(),
});

/** Payments (invoice and credit note alike) and e-mail mail-outs of booked vouchers. */
export function registerPaymentRoutes(api: DineroApiRoutes, kind: VoucherKind): void {
  const paths = VOUCHER_PATHS[kind];
  const noun = kind === "invoice" ? "invoice" : "creditnote";

  api.on(
    "POST",
    paths.payments,
    ({ org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(paymentSchema, body);
      if (!input.ok) return input.response;
      const payment = input.value;
      if (payment.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      const issues: ValidationIssue[] = [];
      if (voucher.Status !== "Booked")
        issues.push({ property: "Status", message: `Payments can only be added to a booked ${noun}.` });
      if (!org.depositAccounts.some((account) => account.AccountNumber === payment.DepositAccountNumber)) {
        issues.push({
          property: "DepositAccountNumber",
          message: `${payment.DepositAccountNumber} is not a deposit account.`,
        });
      }
      if (payment.Amount === 0)
        issues.push({ property: "Amount", message: "Amount has to be different from 0." });
      const foreign = voucher.Currency !== "DKK";
      if (foreign && (payment.AmountInForeignCurrency == null || payment.AmountInForeignCurrency === 0)) {
        issues.push({
          property: "AmountInForeignCurrency",
          message: "AmountInForeignCurrency is required for vouchers in a foreign currency.",
        });
      }
      if (issues.length > 0) return validationError(issues);
      const amountDkk = fromDecimal(payment.Amount);
      const record = {
        Guid: randomUUID(),
        DepositAccountNumber: payment.DepositAccountNumber,
        amountDkk,
        amountVoucherCurrency: foreign ? fromDecimal(payment.AmountInForeignCurrency ?? 0) : amountDkk,
        ExternalReference: payment.ExternalReference ?? null,
        PaymentDate: payment.PaymentDate ?? nowIso().slice(0, 10),
        Description: payment.Description,
        RemainderIsFee: payment.RemainderIsFee,
        RelatedVoucherGuid: randomUUID(),
      };
      voucher.payments.push(record);
      voucher.TimeStamp = nextTimestamp(org);
      voucher.UpdatedAt = nowIso();
      return ok({
        Guid: record.Guid,
        TimeStamp: voucher.TimeStamp,
        RelatedVoucherGuid: record.RelatedVoucherGuid,
      });
    },
    { body: "required" },
  );

  api.on("GET", paths.paymentsList, ({ org, request }) => {
    const voucher = findVoucher(org, kind, request.params.guid);
    return voucher ? ok(paymentsModel(voucher)) : voucherNotFound(guidKind(kind), request.params.guid ?? "");
  });

  api.on(
    "DELETE",
    paths.paymentItem,
    ({ org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(z.object({ Timestamp: z.string().nullish() }).nullish(), body);
      if (!input.ok) return input.response;
      if (kind === "invoice" && !input.value?.Timestamp)
        return validationError([{ property: "Timestamp", message: "The Timestamp field is required." }]);
      if (input.value?.Timestamp && input.value.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      const index = voucher.payments.findIndex((payment) => payment.Guid === request.params.paymentGuid);
      if (index < 0) return validationError([{ property: "paymentGuid", message: "Payment not found." }]);
      voucher.payments.splice(index, 1);
      voucher.TimeStamp = nextTimestamp(org);
      return ok({ TimeStamp: voucher.TimeStamp });
    },
    { body: kind === "invoice" ? "required" : "optional" },
  );

  api.on(
    "POST",
    paths.email,
    ({ org, request, body }) => {
      const voucher = findVoucher(org, kind, request.params.guid);
      if (!voucher) return voucherNotFound(guidKind(kind), request.params.guid ?? "");
      const input = bind(mailoutSchema, body);
      if (!input.ok) return input.response;
      const mail = input.value;
      if (mail.Timestamp && mail.Timestamp !== voucher.TimeStamp) return timestampOutdated();
      const issues: ValidationIssue[] = [];
      if (voucher.Status !== "Booked")
        issues.push({ property: "Status", message: `The ${noun} must be booked before it can be sent.` });
      const contact = voucher.ContactGuid ? org.contacts.get(voucher.ContactGuid) : undefined;
      const receiver = mail.Receiver ?? contact?.Email ?? null;
      if (!receiver)
        issues.push({
          property: "Receiver",
          message: "No receiver given and the contact has no e-mail address.",
        });
      if (mail.Message && !mail.Message.includes("[link-to-pdf]"))
        issues.push({ property: "Message", message: "The message must contain the tag [link-to-pdf]." });
      if (issues.length > 0 || !receiver) return validationError(issues);
      const english = voucher.Language === "en-GB";
      const typeName =
        kind === "invoice" ? (english ? "Invoice" : "Faktura") : english ? "Credit note" : "Kreditnota";
      org.emails.push({
        voucherGuid: voucher.Guid,
        voucherKind: kind,
        receiver,
        sender: mail.Sender ?? org.Email,
        subject: mail.Subject ?? `${typeName} ${voucher.Number}`,
        message: mail.Message ?? null,
        ccToSender: mail.CcToSender ?? false,
        sentAt: nowIso(),
      });
      voucher.MailOutStatus = "Sent";
      return ok({ Recipients: receiver.split(",").map((email) => ({ Email: email.trim() })) });
    },
    { body: "required" },
  );
}
