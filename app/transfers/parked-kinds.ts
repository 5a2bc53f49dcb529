/**
 * The `lastError.kind` of a credit note parked because its invoice was booked by hand (see
 * markHandledManually). Pages translate this reason themselves instead of showing the stored text.
 */
export const INVOICE_HANDLED_KIND = "invoiceHandledManually";
