import { encodeProductNumber } from "../../app/ledgers/economic/economic-product-number";
import { fromHundredths, isObject, referenceNumber } from "./economic-sim-http";
import { renderPaymentTerms, renderVatZone } from "./economic-sim-lookup-routes";
import type { EconomicSimState, Json, SimInvoice } from "./economic-sim-state";

/**
 * A draft or booked invoice as e-conomic returns it: amounts in invoice and base currency,
 * references expanded with self links; lines only on the single-document GET and on create.
 */
export function renderInvoice(
  state: EconomicSimState,
  invoice: SimInvoice,
  base: string,
  withLines: boolean,
): Json {
  const booked = invoice.bookedInvoiceNumber !== undefined;
  const self = booked
    ? `${base}/invoices/booked/${invoice.bookedInvoiceNumber}`
    : `${base}/invoices/drafts/${invoice.draftInvoiceNumber}`;
  const { data } = invoice;
  const recipient = isObject(data.recipient) ? data.recipient : {};
  const zoneNumber = referenceNumber(recipient.vatZone, "vatZoneNumber") ?? 1;
  const termsNumber = referenceNumber(data.paymentTerms, "paymentTermsNumber") ?? 0;
  const layoutNumber = referenceNumber(data.layout, "layoutNumber");
  const toBase = (cents: number) => fromHundredths(Math.round((cents * invoice.exchangeRate) / 100));
  return {
    ...(booked
      ? { bookedInvoiceNumber: invoice.bookedInvoiceNumber }
      : { draftInvoiceNumber: invoice.draftInvoiceNumber }),
    date: invoice.date,
    currency: invoice.currency,
    exchangeRate: invoice.exchangeRate,
    netAmount: fromHundredths(invoice.netCents),
    netAmountInBaseCurrency: toBase(invoice.netCents),
    grossAmount: fromHundredths(invoice.grossCents),
    grossAmountInBaseCurrency: toBase(invoice.grossCents),
    vatAmount: fromHundredths(invoice.vatCents),
    roundingAmount: 0,
    ...(booked
      ? { remainder: fromHundredths(invoice.grossCents), remainderInBaseCurrency: toBase(invoice.grossCents) }
      : {}),
    dueDate: invoice.dueDate,
    paymentTerms: renderPaymentTerms(state, termsNumber, base),
    customer: { customerNumber: invoice.customerNumber, self: `${base}/customers/${invoice.customerNumber}` },
    recipient: { ...recipient, vatZone: renderVatZone(state, zoneNumber, base) },
    ...(isObject(data.delivery) ? { delivery: data.delivery } : {}),
    ...(isObject(data.notes) ? { notes: data.notes } : {}),
    ...(isObject(data.references) ? { references: data.references } : {}),
    layout: { layoutNumber, self: `${base}/layouts/${layoutNumber}` },
    pdf: { download: `${self}/pdf` },
    ...(booked && invoice.sentBy ? { sent: `${base}/invoices/sent/${invoice.bookedInvoiceNumber}` } : {}),
    ...(booked ? {} : { lastUpdated: invoice.lastUpdated }),
    ...(withLines
      ? {
          lines: invoice.lines.map((line) => ({
            lineNumber: line.lineNumber,
            sortKey: line.sortKey,
            description: line.description,
            quantity: line.quantity,
            unitNetPrice: line.unitNetPrice,
            ...(line.discountPercentage ? { discountPercentage: line.discountPercentage } : {}),
            totalNetAmount: fromHundredths(line.netCents),
            product: {
              productNumber: line.productNumber,
              self: `${base}/products/${encodeProductNumber(line.productNumber)}`,
            },
          })),
        }
      : {}),
    self,
  };
}
