import type { DraftPayment } from "../../domain/invoice-draft";
import { currency, formatMinor } from "../../domain/money";
import type { LedgerDocument, LedgerRef } from "../ledger-contract";
import { toBillyAmount } from "./billy-amounts";
import { billyConflict, billyInvalid } from "./billy-check-errors";
import type { BillyContext } from "./billy-context";
import { type BillyCash, billyBankPaymentBody } from "./billy-requests";
import {
  type BillyAccount,
  type BillyInvoice,
  type BillyOrganization,
  bankPaymentSchema,
  invoiceSchema,
  singleEnvelope,
  writeEnvelope,
} from "./billy-schemas";

/**
 * Payments and refunds are bank payments associated with the approved invoice or credit note:
 * cash side debit brings money in, credit pays it back.
 */

export const registerBillyPayment = (
  context: BillyContext,
  document: LedgerDocument,
  payment: DraftPayment,
) => settle(context, document, payment, "debit");

export const registerBillyRefund = (context: BillyContext, document: LedgerDocument, payment: DraftPayment) =>
  settle(context, document, payment, "credit");

async function settle(
  context: BillyContext,
  document: LedgerDocument,
  payment: DraftPayment,
  cashSide: "debit" | "credit",
): Promise<LedgerRef> {
  const { client } = context;
  const what = cashSide === "debit" ? "the payment" : "the refund";
  const subject = await client.get(
    `/invoices/${document.id}`,
    singleEnvelope("invoice", invoiceSchema),
    `read the document before registering ${what}`,
    { include: "invoice.balanceModifiers:embed" },
  );
  if (subject.state !== "approved") {
    throw billyInvalid("ledgerError.billy.notApproved", {
      what: cashSide === "debit" ? "ledgerError.word.thePayment" : "ledgerError.word.theRefund",
      id: document.id,
    });
  }
  if (subject.isPaid) {
    // Settled already (e.g. our earlier request succeeded but its answer was lost).
    const earlier = (subject.balanceModifiers ?? []).find(
      (m) => !m.isVoided && m.modifierReference?.startsWith("bankPayment:"),
    );
    const id = earlier?.modifierReference?.slice("bankPayment:".length);
    if (id) return { id, created: false };
    throw billyConflict(subject.id, "ledgerError.billy.alreadySettled", {
      document: document.number ? `#${document.number}` : "ledgerError.billy.theDocument",
    });
  }
  const account = await context.account(payment.depositAccount);
  if (!account.isPaymentEnabled) {
    throw billyInvalid("ledgerError.billy.noPayments", {
      account: `${account.accountNo ?? ""} ${account.name}`,
      gateway: payment.gateway,
    });
  }
  const cash = cashFor(payment, subject, account, await context.organization());
  const created = await client.post(
    "/bankPayments",
    billyBankPaymentBody(document.id, payment, cashSide, cash, context.org),
    writeEnvelope("bankPayments", bankPaymentSchema),
    `register ${what} (${payment.gateway} ${payment.reference})`,
  );
  return { id: created.id, created: true };
}

/** The amount in the deposit account's currency: the document's, or the company's base currency. */
function cashFor(
  payment: DraftPayment,
  subject: BillyInvoice,
  account: BillyAccount,
  company: BillyOrganization,
): BillyCash {
  const cashCurrency = account.currencyId ?? company.baseCurrencyId ?? subject.currencyId;
  if (cashCurrency === subject.currencyId) {
    return { amount: toBillyAmount(payment.amount, subject.currencyId) };
  }
  if (cashCurrency === company.baseCurrencyId && subject.exchangeRate) {
    // The invoice's own rate (1 invoice currency = rate base currency) keeps the payment exact.
    const major = Number(formatMinor(payment.amount, currency(subject.currencyId)));
    return { amount: Number((major * subject.exchangeRate).toFixed(2)), exchangeRate: subject.exchangeRate };
  }
  throw billyInvalid("ledgerError.billy.paymentCurrency", {
    currency: subject.currencyId,
    cashCurrency,
    account: account.name,
    baseCurrency: company.baseCurrencyId ?? "ledgerError.billy.baseCurrency",
    gateway: payment.gateway,
  });
}
