import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DineroApiRoutes } from "./api-routes";
import { nowIso, ok } from "./api-routes";
import type { ValidationIssue } from "./dinero-error-bodies";
import { validationError } from "./dinero-error-bodies";
import type { VoucherKind } from "./simulator-state";
import { nextTimestamp } from "./simulator-state";
import { fromDecimal } from "./voucher-math";
import { findVoucher, VOUCHER_PATHS } from "./voucher-paths";
import { paymentsModel } from "./voucher-read-models";
import { missingVoucher, voucherToWrite } from "./voucher-write";

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
    (context) => {
      const { org } = context;
      const write = voucherToWrite(kind, context, paymentSchema);
      if (!write.ok) return write.response;
      const { voucher, input: payment } = write;
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

  api.on("GET", paths.paymentsList, (context) => {
    const voucher = findVoucher(context.org, kind, context.request.params.guid);
    return voucher ? ok(paymentsModel(voucher)) : missingVoucher(kind, context);
  });

  api.on(
    "DELETE",
    paths.paymentItem,
    (context) => {
      const { org, request } = context;
      const write = voucherToWrite(kind, context, z.object({ Timestamp: z.string().nullish() }).nullish());
      if (!write.ok) return write.response;
      const { voucher, input } = write;
      // Invoice payments must name the Timestamp; credit-note payments may leave it out.
      if (kind === "invoice" && !input?.Timestamp)
        return validationError([{ property: "Timestamp", message: "The Timestamp field is required." }]);
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
    (context) => {
      const { org } = context;
      const write = voucherToWrite(kind, context, mailoutSchema);
      if (!write.ok) return write.response;
      const { voucher, input: mail } = write;
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
