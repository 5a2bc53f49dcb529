import type { OrganizationState, VoucherKind, VoucherRecord } from "./simulator-state";

/**
 * Invoices and sales credit notes share behaviour but not URLs or versions. The versions are
 * Dinero's, per endpoint: updates are v1.2, invoice payment lists are v2, everything else v1.
 */
export interface VoucherPaths {
  collection: string;
  fetch: string;
  item: string;
  update: string;
  book: string;
  email: string;
  payments: string;
  paymentsList: string;
  paymentItem: string;
}

export const VOUCHER_PATHS: Record<VoucherKind, VoucherPaths> = {
  invoice: {
    collection: "/v1/{organizationId}/invoices",
    fetch: "/v1/{organizationId}/invoices/fetch",
    item: "/v1/{organizationId}/invoices/{guid}",
    update: "/v1.2/{organizationId}/invoices/{guid}",
    book: "/v1/{organizationId}/invoices/{guid}/book",
    email: "/v1/{organizationId}/invoices/{guid}/email",
    payments: "/v1/{organizationId}/invoices/{guid}/payments",
    paymentsList: "/v2/{organizationId}/invoices/{guid}/payments",
    paymentItem: "/v1/{organizationId}/invoices/{guid}/payments/{paymentGuid}",
  },
  creditNote: {
    collection: "/v1/{organizationId}/sales/creditnotes",
    fetch: "/v1/{organizationId}/sales/creditnotes/fetch",
    item: "/v1/{organizationId}/sales/creditnotes/{guid}",
    update: "/v1.2/{organizationId}/sales/creditnotes/{guid}",
    book: "/v1/{organizationId}/sales/creditnotes/{guid}/book",
    email: "/v1/{organizationId}/sales/creditnotes/{guid}/email",
    payments: "/v1/{organizationId}/sales/creditnotes/{guid}/payments",
    paymentsList: "/v1/{organizationId}/sales/creditnotes/{guid}/payments",
    paymentItem: "/v1/{organizationId}/sales/creditnotes/{guid}/payments/{paymentGuid}",
  },
};

export function vouchersOf(org: OrganizationState, kind: VoucherKind): Map<string, VoucherRecord> {
  return kind === "invoice" ? org.invoices : org.creditNotes;
}

export function findVoucher(
  org: OrganizationState,
  kind: VoucherKind,
  guid: string | undefined,
): VoucherRecord | undefined {
  const voucher = guid ? vouchersOf(org, kind).get(guid) : undefined;
  return voucher && !voucher.DeletedAt ? voucher : undefined;
}

export function guidKind(kind: VoucherKind): "Invoice" | "CreditNote" {
  return kind === "invoice" ? "Invoice" : "CreditNote";
}
