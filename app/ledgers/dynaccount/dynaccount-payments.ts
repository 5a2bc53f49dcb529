import type { DraftPayment } from "../../domain/invoice-draft";
import { type CurrencyCode, currency, isKnownCurrency } from "../../domain/money";
import type { MessageKey } from "../../i18n/messages";
import type { MessageParams } from "../../i18n/render-message";
import type { LedgerDocument, LedgerRef, WriteOptions } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { DEFAULT_DRAFT_NAME } from "./dynaccount-credentials";
import type { DynaccountContext } from "./dynaccount-context";
import { DYNACCOUNT } from "./dynaccount-errors";
import { buildPaymentRow, buildPaymentVoucher } from "./dynaccount-requests";
import { idRowSchema, invoiceRowSchema, readRow, readRows } from "./dynaccount-schemas";

/**
 * Dynaccount has no payment endpoint: money received or paid back is a voucher (`enclosure`)
 * with a DEBTOR_PAYMENT row in a booking draft (kassekladde) — deposit account against the
 * debtor, matched to the invoice/credit-note number — which the bookkeeper books together with
 * the bank reconciliation, as the official webshop integration leaves its vouchers.
 * The voucher text is deterministic, so a retry finds the earlier voucher instead of adding one.
 */

export function registerDynaccountPayment(
  context: DynaccountContext,
  document: LedgerDocument,
  payment: DraftPayment,
  write?: WriteOptions,
): Promise<LedgerRef> {
  return postPayment(context, document, payment, 1, write);
}

export function registerDynaccountRefund(
  context: DynaccountContext,
  document: LedgerDocument,
  payment: DraftPayment,
  write?: WriteOptions,
): Promise<LedgerRef> {
  return postPayment(context, document, payment, -1, write);
}

async function postPayment(
  context: DynaccountContext,
  document: LedgerDocument,
  payment: DraftPayment,
  direction: 1 | -1,
  write: WriteOptions = { recovering: true },
): Promise<LedgerRef> {
  const noun = document.kind === "invoice" ? "invoice" : "credit note";
  const operation = `register the ${direction > 0 ? "payment" : "refund"} of ${noun} ${document.number ?? document.id} in Dynaccount`;
  if (document.state !== "booked")
    throw invalid("ledgerError.paymentNeedsBooking", `document ${document.id} is ${document.state}`, {
      document: document.kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
    });
  if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0)
    throw invalid("ledgerError.paymentNotPositive", `amount ${payment.amount}`);

  const table = document.kind === "invoice" ? "debtor_invoice" : "debtor_creditnote";
  const source = readRow(
    invoiceRowSchema,
    await context.client.getById(table, document.id, operation),
    operation,
  );
  if (!source.module_id_ || !source.invoice_id_)
    throw invalid("ledgerError.dynaccount.rowIncomplete", `row ${source.id}`, {
      document: document.kind === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote",
    });
  const code: CurrencyCode =
    source.currency_name && isKnownCurrency(source.currency_name)
      ? currency(source.currency_name)
      : currency("DKK");

  const draftId = await bookingDraft(context, operation);
  const voucher = buildPaymentVoucher(payment, direction, source.invoice_id_, draftId);
  const txt = voucher.txt;
  // Only an unanswered earlier attempt can have left a voucher with this text behind.
  const existing = write.recovering
    ? readRows(
        idRowSchema,
        await context.client.get(
          "enclosure",
          { where: { draft_id: draftId, txt }, select: ["id"], order: "id" },
          operation,
        ),
        operation,
      )[0]
    : undefined;
  if (existing) {
    const rows = await context.client.get(
      "accounting",
      { where: { enclosure_id: existing.id }, select: ["id"], limit: [0, 1] },
      operation,
    );
    if (rows.length > 0) return { id: existing.id, created: false };
  }
  const voucherId =
    existing?.id ??
    readRow(idRowSchema, await context.client.put("enclosure", undefined, voucher, operation), operation).id;
  try {
    await context.client.put(
      "accounting",
      undefined,
      buildPaymentRow(payment, direction, {
        voucherId,
        debtor: source.module_id_,
        number: source.invoice_id_,
        code,
      }),
      operation,
    );
  } catch (error) {
    if (LedgerError.is(error) && !error.retryable) {
      await context.client.delete("enclosure", voucherId, operation).catch(() => undefined);
    }
    throw error;
  }
  return { id: voucherId, created: true };
}

export async function bookingDraft(context: DynaccountContext, operation: string): Promise<string> {
  if (context.cache.draftId) return context.cache.draftId;
  const name = context.credentials.draftName ?? DEFAULT_DRAFT_NAME;
  const find = async () =>
    readRows(
      idRowSchema,
      await context.client.get("draft", { where: { name }, select: ["id"], order: "id" }, operation),
      operation,
    )[0]?.id;
  let id = await find();
  if (!id) {
    try {
      id = readRow(
        idRowSchema,
        await context.client.put("draft", undefined, { name }, operation),
        operation,
      ).id;
    } catch (error) {
      // Created meanwhile — by another shop on this company, or by our own create whose answer was lost.
      if (!(LedgerError.is(error) && error.kind === "conflict")) throw error;
      id = await find();
      if (!id) throw error;
    }
  }
  context.cache.draftId = id;
  return id;
}

function invalid(messageKey: MessageKey, detail: string, params: MessageParams = {}): LedgerError {
  return new LedgerError({ kind: "validation", provider: DYNACCOUNT, detail, messageKey, params });
}
