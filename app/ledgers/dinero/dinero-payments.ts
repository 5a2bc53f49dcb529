import type { DraftPayment } from "../../domain/invoice-draft";
import type { CurrencyCode } from "../../domain/money";
import { currency } from "../../domain/money";
import type { LedgerDocument, LedgerRef, WriteOptions } from "../ledger-contract";
import { LedgerError } from "../ledger-error";
import { fromDineroAmount, toDineroAmount } from "./dinero-amounts";
import type { DineroClient } from "./dinero-client";
import type { VoucherKind } from "./dinero-documents";
import { currencyOf, ENDPOINTS, listByReference, readVoucher } from "./dinero-documents";
import { DINERO_ERROR_CODE, DINERO_PROVIDER } from "./dinero-errors";
import type { DineroPaymentAmounts } from "./dinero-requests";
import { buildPaymentBody, paymentReference } from "./dinero-requests";
import type { DineroVoucherRead } from "./dinero-schemas";
import { paymentCreatedSchema, paymentsListSchema } from "./dinero-schemas";

/**
 * Payments of invoices and refunds of credit notes. Each state change carries the voucher's
 * latest Timestamp; a stale one (code 58) is answered by reading the voucher again, once.
 */

export async function registerVoucherPayment(
  client: DineroClient,
  kind: VoucherKind,
  document: LedgerDocument,
  payment: DraftPayment,
  write: WriteOptions = { recovering: true },
): Promise<LedgerRef> {
  const { base, paymentsListVersion, noun } = ENDPOINTS[kind];
  const reference = paymentReference(payment);
  if (write.recovering) {
    // Payments take no client Guid; our reference on an existing payment means it is already there.
    const listed = await client.call({
      method: "GET",
      version: paymentsListVersion,
      path: `${base}/${document.id}/payments`,
      schema: paymentsListSchema,
      operation: `list ${noun} payments`,
    });
    const existing = listed.Payments?.find((item) => item.ExternalReference === reference);
    if (existing) return { id: existing.Guid, created: false };
  }

  const post = async (voucher: PaymentSubject) => {
    const voucherCurrency = currencyOf(voucher);
    const amounts =
      voucherCurrency === "DKK"
        ? { Amount: toDineroAmount(payment.amount, voucherCurrency) }
        : await foreignAmounts(client, kind, voucher, payment.amount, voucherCurrency);
    return client.call({
      method: "POST",
      version: "v1",
      path: `${base}/${document.id}/payments`,
      body: buildPaymentBody(kind, payment, voucher.TimeStamp ?? "", amounts),
      schema: paymentCreatedSchema,
      operation: `register ${noun} payment`,
    });
  };
  // The booking's answer carries the voucher's Timestamp and currency: a DKK voucher needs no read.
  const known: PaymentSubject | undefined =
    !write.recovering && document.version && document.currency === "DKK"
      ? {
          Guid: document.id,
          TimeStamp: document.version,
          Currency: "DKK",
          ExternalReference: document.externalReference,
        }
      : undefined;
  try {
    return { id: (await post(known ?? (await readVoucher(client, kind, document.id)))).Guid, created: true };
  } catch (error) {
    if (!(error instanceof LedgerError && error.providerCode === String(DINERO_ERROR_CODE.timestampOutdated)))
      throw error;
    return { id: (await post(await readVoucher(client, kind, document.id))).Guid, created: true };
  }
}

/** What a payment needs of its voucher: the Timestamp to send and the currency to pay in. */
type PaymentSubject = Pick<DineroVoucherRead, "Guid" | "TimeStamp" | "Currency" | "ExternalReference">;

/**
 * Dinero books payments in DKK and wants the foreign amount beside it to fix the rate. The
 * voucher's own DKK total (list endpoint only) gives the rate Dinero used.
 */
async function foreignAmounts(
  client: DineroClient,
  kind: VoucherKind,
  voucher: PaymentSubject,
  amount: number,
  voucherCurrency: CurrencyCode,
): Promise<DineroPaymentAmounts> {
  const { noun } = ENDPOINTS[kind];
  const list = await listByReference(
    client,
    kind,
    voucher.ExternalReference ?? "",
    "Guid,TotalInclVat,TotalInclVatInDkk",
    (what) => `read ${what} DKK total`,
  );
  const row = list.Collection?.find((item) => item.Guid === voucher.Guid);
  if (!row || row.TotalInclVat == null || row.TotalInclVatInDkk == null || row.TotalInclVat === 0) {
    throw new LedgerError({
      provider: DINERO_PROVIDER,
      kind: "unknown",
      detail: `no DKK total for ${noun} ${voucher.Guid}`,
      messageKey: "ledgerError.dinero.noDkkValue",
      params: { document: noun === "invoice" ? "ledgerError.word.invoice" : "ledgerError.word.creditNote" },
    });
  }
  const dkk = currency("DKK");
  const totalMinor = fromDineroAmount(row.TotalInclVat, voucherCurrency);
  const totalDkkMinor = fromDineroAmount(row.TotalInclVatInDkk, dkk);
  const amountDkk = Math.round((amount * totalDkkMinor) / totalMinor);
  return {
    Amount: toDineroAmount(amountDkk, dkk),
    AmountInForeignCurrency: toDineroAmount(amount, voucherCurrency),
  };
}
