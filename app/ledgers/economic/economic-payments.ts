import type { DraftPayment } from "../../domain/invoice-draft";
import type { LedgerDocument, LedgerRef } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import type { EconomicClient } from "./economic-client";
import { parseDocumentVersion } from "./economic-document-reads";
import { readBooked } from "./economic-documents";
import { PROVIDER } from "./economic-errors";
import { idempotencyKey } from "./economic-request-keys";
import { buildPaymentBody } from "./economic-requests";
import type { EconomicLookups } from "./economic-settings";
import { vouchersSchema } from "./economic-schemas";

/**
 * Payments and refunds. e-conomic has no "pay this invoice" call: a payment is a customer
 * payment entry in a journal (kassekladde), `POST /journals/{n}/vouchers`, settling the booked
 * invoice named in `customerInvoice`. The legacy API cannot book journal entries, so they stay
 * as draft entries for the bookkeeper to book with the bank reconciliation — the usual practice.
 */

export async function registerCustomerPayment(
  client: EconomicClient,
  lookups: EconomicLookups,
  document: LedgerDocument,
  payment: DraftPayment,
): Promise<LedgerRef> {
  if (document.state !== "booked" || !document.number) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      detail: `${document.kind} ${document.id} is not booked`,
      messageKey: "ledgerError.economic.settleOnlyBooked",
    });
  }
  const contraAccount = Number(payment.depositAccount);
  if (!Number.isInteger(contraAccount) || contraAccount < 1) {
    throw new LedgerError({
      provider: PROVIDER,
      kind: "validation",
      messageKey: "ledgerError.notAnAccountFor",
      params: { account: payment.depositAccount, gateway: payment.gateway, ledger: "e-conomic" },
    });
  }
  const known = parseDocumentVersion(document.version) ?? (await readBookedIdentity(client, document));
  const isRefund = document.kind === "creditNote";
  const journalNumber = await lookups.paymentJournal();
  const year = await lookups.accountingYear(payment.date);
  const body = buildPaymentBody(document, payment, { year, journalNumber, contraAccount, ...known });
  const vouchers = await client.request(
    {
      method: "POST",
      path: `/journals/${journalNumber}/vouchers`,
      body,
      idempotencyKey: idempotencyKey(
        isRefund ? "refund" : "payment",
        `${document.externalReference}:${payment.reference}`,
        body,
      ),
      operation: isRefund ? "register the refund" : "register the payment",
    },
    vouchersSchema,
  );
  const voucher = vouchers[0] as (typeof vouchers)[number];
  return { id: `${voucher.accountingYear.year}-${voucher.voucherNumber}`, created: true };
}

async function readBookedIdentity(client: EconomicClient, document: LedgerDocument) {
  const booked = await readBooked(client, document);
  return { customerNumber: booked.customer.customerNumber, currency: booked.currency };
}
